package org.clinicledger.ledger;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.clinicledger.crypto.Ed25519;
import org.clinicledger.crypto.MerkleTree;
import org.clinicledger.domain.ClinicFingerprint;
import org.clinicledger.domain.ProblemCode;
import org.clinicledger.domain.Role;
import org.clinicledger.domain.SignedHead;
import org.clinicledger.domain.UnitOfWork;
import org.clinicledger.domain.VerificationProblem;
import org.clinicledger.store.ChainStore;
import org.clinicledger.store.Database;
import org.clinicledger.store.HeadRow;

/**
 * Compares a data folder's chains with what this machine remembers of them ({@link HeadMemory}):
 * a chain that is gone or shorter than the head seen was rolled back; one of the same size with
 * another root, or longer without a Merkle consistency proof (RFC 9162, computed here from the
 * blocks) from the head seen to the folder's newest head, was rewritten. Nothing else a full
 * verification checks is repeated: a head or block changed in place is {@link ChainVerifier}'s to
 * name. It also says which of the folder's newest heads are worth remembering: only those signed by
 * a machine key the clinic vouches for.
 */
public final class RollbackCheck {

    private final Database database;
    private final ChainStore store;

    public RollbackCheck(Database database, ChainStore store) {
        this.database = database;
        this.store = store;
    }

    /** What the folder holds now: its clinic (null when it has no single clinic key) and its newest heads. */
    public static final class Current {
        private final KeyRegistry keys;
        private final KeyTrust trust;
        private final Map<String, HeadRow> newest;

        private Current(KeyRegistry keys, KeyTrust trust, Map<String, HeadRow> newest) {
            this.keys = keys;
            this.trust = trust;
            this.newest = newest;
        }

        /** The clinic the folder is anchored to, if it has exactly one clinic key. */
        public Optional<ClinicFingerprint> clinic() {
            return trust.fingerprint();
        }

        /**
         * The newest head of every chain whose signature verifies under a machine key the clinic vouches
         * for: a head nobody could have signed without the clinic's authorization is never remembered.
         */
        public Map<String, HeadMemory.Seen> trustedHeads(Instant seenAt) {
            return trustedHeads(seenAt, null);
        }

        /**
         * The {@linkplain #trustedHeads(Instant) trusted heads} that {@code memory} does not hold as they
         * are (same size, root and signature): what remembering the folder adds. A head the memory holds
         * unchanged was verified when it was remembered, so opening a folder where little changed checks
         * few signatures, not one per chain.
         */
        public Map<String, HeadMemory.Seen> newTrustedHeads(Instant seenAt, HeadMemory memory) {
            return trustedHeads(seenAt, memory);
        }

        private Map<String, HeadMemory.Seen> trustedHeads(Instant seenAt, HeadMemory memory) {
            Map<String, HeadMemory.Seen> heads = new TreeMap<>();
            newest.forEach((chain, head) -> {
                if (memory != null && remembered(memory.chains().get(chain), head)) {
                    return;
                }
                KeyRegistry.Entry node = keys.find(head.nodeKeyId());
                if (node != null && node.node() && trust.anchored() && trust.trusts(node.chain())
                        && Ed25519.verify(node.publicKey(), BlockCodec.signedBytes(head), head.signature())) {
                    try {
                        heads.put(chain, new HeadMemory.Seen(head.toSignedHead(), seenAt));
                    } catch (IllegalArgumentException malformed) {
                        // A head of a chain id the ledger never writes; verification names it.
                    }
                }
            });
            return Collections.unmodifiableMap(heads);
        }

        private static boolean remembered(HeadMemory.Seen seen, HeadRow head) {
            return seen != null && seen.head().size() == head.size()
                    && MessageDigest.isEqual(seen.head().root(), head.root())
                    && MessageDigest.isEqual(seen.head().signature(), head.signature());
        }

        /**
         * The acceptances in {@code memory} that do not hold: not signed as they say, or not by the key
         * of an administrator the clinic vouches for.
         */
        public List<VerificationProblem> doubtfulAcceptances(HeadMemory memory) {
            List<VerificationProblem> problems = new ArrayList<>();
            for (RollbackAcceptance acceptance : memory.acceptances()) {
                KeyRegistry.Entry signer = acceptance.keyId() == null ? null : keys.find(acceptance.keyId());
                boolean holds = acceptance.verifies() && signer != null && trust.trusts(signer.chain())
                        && signer.chain().equals(acceptance.administrator())
                        && keys.role(signer.chain()).filter(Role.ADMINISTRATOR.code()::equals).isPresent();
                if (!holds) {
                    problems.add(new VerificationProblem("memory", -1, ProblemCode.ROLLBACK_MEMORY,
                            "an accepted rollback in this machine's memory is not signed by an administrator of "
                                    + "this clinic: the memory was changed behind ClinicLedger's back"));
                }
            }
            return problems;
        }
    }

    /** Reads the folder's clinic and newest heads. */
    public Current current() {
        return database.read("read the newest signed heads", work -> {
            KeyRegistry keys = KeyRegistry.read(store, work);
            return new Current(keys, KeyTrust.anchor(keys, null), store.newestHeads(work));
        });
    }

    /** Every chain of {@code memory} that the folder rolled back or rewrote, in chain order. */
    public List<VerificationProblem> compare(HeadMemory memory, Current current) {
        return database.read("compare the chains with this machine's memory", work -> {
            List<VerificationProblem> problems = new ArrayList<>();
            memory.chains().forEach((chain, seen) ->
                    compare(work, chain, seen.head(), current.newest.get(chain)).ifPresent(problems::add));
            return problems;
        });
    }

    private Optional<VerificationProblem> compare(UnitOfWork work, String chain, SignedHead seen, HeadRow now) {
        long seenSize = seen.size();
        if (now == null) {
            long blocks = store.blockHashes(work, chain).size();
            return Optional.of(rolledBack(chain, blocks, blocks == 0
                    ? "the chain is gone; this machine saw it with " + blocks(seenSize)
                    : "the chain has no signed head (" + blocks(blocks) + "); this machine saw a signed head over "
                            + blocks(seenSize)));
        }
        if (now.size() < seenSize) {
            return Optional.of(rolledBack(chain, now.size(), "the newest signed head covers " + blocks(now.size())
                    + "; this machine saw " + blocks(seenSize) + ": the newer blocks and heads were removed"));
        }
        if (now.size() == seenSize) {
            return MessageDigest.isEqual(now.root(), seen.root()) ? Optional.empty()
                    : Optional.of(rewritten(chain, "the signed head over " + blocks(seenSize)
                            + " has another Merkle root than the one this machine saw: the history was rewritten"));
        }
        List<byte[]> leaves = store.blockHashes(work, chain).stream().map(MerkleTree::leafHash).toList();
        if (leaves.size() < seenSize) {
            return Optional.of(rolledBack(chain, leaves.size(), "the chain has " + blocks(leaves.size())
                    + "; this machine saw " + blocks(seenSize) + ": blocks were removed"));
        }
        long target = Math.min(now.size(), leaves.size());
        byte[] targetRoot = target == now.size() ? now.root() : MerkleTree.root(leaves, (int) target);
        List<byte[]> proof = MerkleTree.consistencyProof(leaves, (int) seenSize, (int) target);
        if (MerkleTree.verifyConsistency(seenSize, target, seen.root(), targetRoot, proof)) {
            return Optional.empty();
        }
        return Optional.of(rewritten(chain, "the chain's " + blocks(target) + " do not extend the " + blocks(seenSize)
                + " this machine saw (no Merkle consistency proof): the history was rewritten"));
    }

    private static VerificationProblem rolledBack(String chain, long height, String reason) {
        return new VerificationProblem(chain, height, ProblemCode.ROLLED_BACK, "rolled back: " + reason);
    }

    private static VerificationProblem rewritten(String chain, String reason) {
        return new VerificationProblem(chain, -1, ProblemCode.REWRITTEN, "rewritten: " + reason);
    }

    private static String blocks(long count) {
        return count + (count == 1 ? " block" : " blocks");
    }
}
