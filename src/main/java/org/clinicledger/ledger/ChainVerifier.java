package org.clinicledger.ledger;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.clinicledger.crypto.Ed25519;
import org.clinicledger.crypto.Hex;
import org.clinicledger.crypto.MerkleFrontier;
import org.clinicledger.crypto.MerkleTree;
import org.clinicledger.crypto.Sha256;
import org.clinicledger.domain.Block;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.ClinicFingerprint;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.ProblemCode;
import org.clinicledger.domain.Role;
import org.clinicledger.domain.VerificationProblem;
import org.clinicledger.domain.VerificationReport;
import org.clinicledger.store.BlockRow;
import org.clinicledger.store.ChainStore.AuthorKeyRow;
import org.clinicledger.store.ChainStore.ChainStateRow;
import org.clinicledger.store.ChainStore;
import org.clinicledger.store.Database;
import org.clinicledger.store.HeadRow;
import org.clinicledger.store.WitnessStore;

/**
 * Checks every chain: that every key traces back to the clinic key ({@link KeyTrust}), heights,
 * links, dates, hashes, signatures against the keys the chains register (none before the block that
 * names it, none after its chain retired it by a rotation or a key recovery), who may sign each kind
 * ({@link BlockAuthority}), payloads in their kind's format ({@link PayloadCheck}), counterpart
 * links and payloads in both directions, Merkle roots and links of signed heads, and the derived
 * tables recomputed from the blocks. It reports every problem it finds, each with its chain,
 * height, a stable code and a plain reason, and runs the chains in parallel.
 */
public final class ChainVerifier {

    private static final byte[] GENESIS_PREVIOUS = new byte[Block.HASH_LENGTH];
    private static final int PROGRESS_STEP = 1_000;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Database database;
    private final ChainStore store;
    private final int threads;
    private final boolean partial;
    private final String ownNode;

    public ChainVerifier(Database database, ChainStore store) {
        this(database, store, Runtime.getRuntime().availableProcessors());
    }

    public ChainVerifier(Database database, ChainStore store, int threads) {
        this(database, store, threads, false, null);
    }

    private ChainVerifier(Database database, ChainStore store, int threads, boolean partial, String ownNode) {
        this.database = database;
        this.store = store;
        this.threads = Math.max(1, threads);
        this.partial = partial;
        this.ownNode = ownNode;
    }

    /**
     * A verifier for a ledger that holds part of the clinic: an export file's, or a replica's made
     * from one. Every chain it holds is checked as strictly; a block whose counterpart is on a
     * patient's chain it does not hold at all is not a problem, as that chain is held elsewhere
     * (an export carries the clinic's, machines' and staff's chains whole, and patients' chains
     * only in its scope).
     */
    public ChainVerifier partial() {
        return new ChainVerifier(database, store, threads, true, null);
    }

    /**
     * A verifier for the data folder of the machine whose chain is {@code nodeChain} (its
     * {@code node.key}): when that machine is a replica (the clinic key vouches for it through
     * another machine, decision 0022), the folder holds part of the clinic and is verified as
     * {@link #partial} does; any other folder must hold every chain its chains name. A folder
     * cannot pass for a replica without the replica's private key.
     */
    public ChainVerifier ofMachine(String nodeChain) {
        return new ChainVerifier(database, store, threads, partial, nodeChain);
    }

    /** One block's claim about its counterpart, kept for the cross-check after all chains are read. */
    private record Link(String chain, long height, String counterpartChain, long counterpartHeight, String eventId,
            String kind, byte[] payload) {
    }

    /** What verifying one chain produced. */
    /** What verification reads before it walks the chains. */
    private record LedgerSnapshot(Set<String> chains, List<ChainStateRow> states, List<AuthorKeyRow> keys, long blocks,
            KeyRegistry registry, KeyTrust trust) {
    }

    private record ChainResult(String chain, long size, long heads, byte[] tip, byte[] frontier,
            List<VerificationProblem> problems, List<Link> links) {
    }

    /** Verifies the ledger, anchored to the clinic key it holds. */
    public VerificationReport verify(Progress progress) {
        return verify(progress, null);
    }

    /**
     * Verifies the ledger anchored to the clinic key with fingerprint {@code expected}: a ledger
     * anchored to another key, however consistent, is then a problem. Null takes the ledger's own.
     */
    public VerificationReport verify(Progress progress, ClinicFingerprint expected) {
        LedgerSnapshot snapshot = database.read("read the ledger for verification", work -> {
            Set<String> ids = new TreeSet<>();
            ids.addAll(store.chainIds(work));
            ids.addAll(store.chainIdsWithHeads(work));
            List<ChainStateRow> states = store.chainStates(work);
            states.forEach(state -> ids.add(state.chain()));
            KeyRegistry registry = KeyRegistry.read(store, work);
            return new LedgerSnapshot(ids, states, store.authorKeys(work), store.blockCount(work), registry,
                    KeyTrust.anchor(registry, expected));
        });
        KeyTrust trust = snapshot.trust();
        Set<String> chains = snapshot.chains();
        List<ChainStateRow> storedStates = snapshot.states();
        List<AuthorKeyRow> storedKeys = snapshot.keys();
        long total = snapshot.blocks();
        KeyRegistry keys = snapshot.registry();
        boolean holdsPart = partial || ownNode != null && trust.isReplica(ownNode);

        progress.update(0, total, "Verifying " + chains.size() + " chains…");
        AtomicLong done = new AtomicLong();
        List<ChainResult> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads, work -> {
            Thread thread = new Thread(work, "clinicledger-verify-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<ChainResult>> futures = new ArrayList<>();
            for (String chain : chains) {
                futures.add(pool.submit(() -> verifyChain(chain, keys, trust, holdsPart, done, total, progress)));
            }
            for (Future<ChainResult> future : futures) {
                results.add(future.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Verification was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Verification failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }

        List<VerificationProblem> problems = new ArrayList<>(trust.problems());
        results.forEach(result -> problems.addAll(result.problems()));
        checkCounterparts(results, problems, holdsPart);
        problems.addAll(database.read("read the merges of patients for verification",
                work -> PatientMerges.verify(store, work)));
        checkChainStates(results, storedStates, problems);
        checkKeys(keys, storedKeys, problems);
        ClinicMachines machines = ClinicMachines.of(keys, trust);
        problems.addAll(database.read("read the cosignatures for verification",
                work -> CosignatureVerifier.verify(store, new WitnessStore(), work, machines)));
        problems.sort(Comparator.comparing(VerificationProblem::chain).thenComparingLong(VerificationProblem::height));
        long blocks = results.stream().mapToLong(ChainResult::size).sum();
        progress.update(total, total, problems.isEmpty() ? "All chains verified." : problems.size() + " problems found.");
        return new VerificationReport(trust.fingerprint().orElse(null), (int) results.stream().filter(result -> result.size() > 0).count(), blocks,
                results.stream().mapToLong(ChainResult::heads).sum(), problems);
    }

    private ChainResult verifyChain(String chain, KeyRegistry keys, KeyTrust trust, boolean partial, AtomicLong done,
            long total, Progress progress) {
        List<VerificationProblem> problems = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        MerkleFrontier frontier = MerkleFrontier.empty();
        Map<Long, byte[]> rootsAtHeadSizes = new HashMap<>();
        try {
            ChainId.parse(chain);
        } catch (IllegalArgumentException e) {
            problems.add(new VerificationProblem(chain, -1, ProblemCode.CHAIN_ID, "is not a valid chain id"));
        }
        return database.read("read the chain " + chain, work -> {
            List<HeadRow> heads = store.heads(work, chain);
            Set<Long> headSizes = new HashSet<>();
            heads.forEach(head -> headSizes.add(head.size()));
            ChainWalk walk = new ChainWalk(chain, keys, trust, problems, links, frontier, partial);
            store.forEachBlock(work, chain, row -> {
                walk.check(row);
                if (headSizes.contains(frontier.size())) {
                    rootsAtHeadSizes.put(frontier.size(), frontier.root());
                }
                long count = done.incrementAndGet();
                if (count % PROGRESS_STEP == 0) {
                    progress.update(count, total, "Verifying chains…");
                }
            });
            checkHeads(chain, heads, walk.size(), rootsAtHeadSizes, keys, trust, problems);
            return new ChainResult(chain, walk.size(), heads.size(), walk.tip(), frontier.encoded(), problems, links);
                });
    }

    /** Walks one chain's rows in height order. */
    private static final class ChainWalk {
        private final String chain;
        private final KeyRegistry keys;
        private final KeyTrust trust;
        private final List<VerificationProblem> problems;
        private final List<Link> links;
        private final MerkleFrontier frontier;
        private final Set<String> retiredKeys = new HashSet<>();
        private long expectedHeight;
        private byte[] previousHash = GENESIS_PREVIOUS;
        private long previousTime = Long.MIN_VALUE;
        private String ownerKey;
        private long size;
        private byte[] tip = new byte[0];
        private final Set<String> refusedAuthors = new HashSet<>();
        /** The reason hashes of the emergency accesses confirmed on this chain so far. */
        private final Set<String> confirmedReasons = new HashSet<>();
        private final Set<String> untrustedAuthors = new HashSet<>();
        private final Set<String> earlyKeys = new HashSet<>();
        private final boolean partial;

        ChainWalk(String chain, KeyRegistry keys, KeyTrust trust, List<VerificationProblem> problems, List<Link> links,
                MerkleFrontier frontier, boolean partial) {
            this.partial = partial;
            this.chain = chain;
            this.keys = keys;
            this.trust = trust;
            this.problems = problems;
            this.links = links;
            this.frontier = frontier;
        }

        void check(BlockRow row) {
            long height = row.height();
            if (height != expectedHeight) {
                problems.add(problem(ProblemCode.MISSING_BLOCKS, expectedHeight, height == expectedHeight + 1
                        ? "block " + expectedHeight + " is missing"
                        : "blocks " + expectedHeight + " to " + (height - 1) + " are missing"));
            }
            BlockCodec.Encoding encoding = BlockCodec.encode(row);
            if (!MessageDigest.isEqual(encoding.hash(), row.hash())) {
                problems.add(problem(ProblemCode.BLOCK_HASH, height, "the block's content does not match its hash: it was changed after it was written"));
            }
            if (!MessageDigest.isEqual(previousHash, row.previousHash())) {
                problems.add(problem(ProblemCode.PREVIOUS_LINK, height, height == 0 && expectedHeight == 0
                        ? "the first block does not start the chain (its previous hash is not zero)"
                        : "the block does not link to the block before it"));
            }
            if (row.createdAtMillis() < previousTime) {
                problems.add(problem(ProblemCode.DATE_ORDER, height, "the block is dated earlier than the block before it"));
            }
            checkKindAndSignature(row, encoding.signedBytes());
            if (row.counterpartChain() != null && row.counterpartHeight() != null) {
                links.add(new Link(chain, height, row.counterpartChain(), row.counterpartHeight(), row.eventId(),
                        row.kind(), row.payload() == null ? new byte[0] : Sha256.digest(shared(row))));
            }
            frontier.append(MerkleTree.leafHash(row.hash()));
            previousHash = row.hash();
            previousTime = row.createdAtMillis();
            expectedHeight = height + 1;
            size++;
            tip = row.hash();
        }

        private void checkKindAndSignature(BlockRow row, byte[] signedBytes) {
            long height = row.height();
            BlockKind kind = null;
            try {
                kind = BlockKind.fromCode(row.kind());
            } catch (IllegalArgumentException e) {
                problems.add(problem(ProblemCode.UNKNOWN_KIND, height, "the block has an unknown kind '" + row.kind() + "'"));
            }
            if (size == 0 && kind != BlockKind.REGISTRATION) {
                problems.add(problem(ProblemCode.GENESIS, height, "the chain does not begin with a registration"));
            } else if (size > 0 && kind == BlockKind.REGISTRATION) {
                problems.add(problem(ProblemCode.REGISTRATION_INSIDE, height, "a registration appears inside the chain"));
            }
            boolean namesKey = kind != null && namesSubjectKey(kind, row);
            if (kind != null && namesKey != (row.subjectKey() != null)) {
                problems.add(problem(ProblemCode.SUBJECT_KEY, height, namesKey
                        ? "the block names no key although its kind must" : "the block names a key although its kind must not"));
            } else if (namesKey && !Ed25519.isValidPublicKey(row.subjectKey())) {
                // A key of a small-order point (or no point at all) lets signatures prove nothing about their maker.
                problems.add(problem(ProblemCode.SUBJECT_KEY, height,
                        "the block names a key that is not a valid Ed25519 public key"));
            }
            KeyRegistry.Entry author = keys.find(row.authorKeyId());
            boolean signatureValid = false;
            if (author == null) {
                if (!signedElsewhere(partial, row, keys)) {
                    problems.add(problem(ProblemCode.UNKNOWN_KEY, height, "the block is signed by key " + row.authorKeyId() + ", which no chain registers"));
                }
            } else {
                signatureValid = Ed25519.verify(author.publicKey(), signedBytes, row.signature());
                if (!signatureValid) {
                    problems.add(problem(ProblemCode.SIGNATURE, height, "the author's signature does not verify"));
                }
            }
            boolean refused = false;
            if (author != null && kind != null && kind != BlockKind.REGISTRATION) {
                // Named once per reason: a key registered in the wrong place would otherwise flag every block it signed.
                Optional<String> refusal = BlockAuthority.refusal(kind, chain, row.counterpartChain(), author.chain(),
                        keys.role(author.chain()).orElse(null));
                refused = refusal.isPresent();
                refusal.filter(refusedAuthors::add)
                        .ifPresent(reason -> problems.add(problem(ProblemCode.AUTHORITY, height, reason)));
            }
            // A key the clinic does not vouch for is named at its registration, and here too when it signs on
            // another chain, once per chain; a block it may not sign anyway is named for that already.
            if (author != null && !refused && trust.anchored() && !trust.trusts(author.chain())
                    && !author.chain().equals(chain) && untrustedAuthors.add(author.chain())) {
                problems.add(problem(ProblemCode.UNAUTHORIZED_KEY, height, "the block is signed with a key of "
                        + author.chain() + ", which the clinic does not vouch for"));
            }
            if (kind != null) {
                // Who acted is checked against the signer only when the signer may write the kind at all.
                Optional<String> payloadProblem = PayloadCheck.problem(row, kind, author == null || refused ? null
                        : author.chain());
                payloadProblem.ifPresent(reason -> problems.add(problem(ProblemCode.PAYLOAD, height, reason)));
                if (kind == BlockKind.EMERGENCY_ACCESS && payloadProblem.isEmpty()
                        && chain.startsWith(PartyKind.PATIENT.code() + "/")) {
                    checkConfirmation(row);
                }
            }
            if (retiredKeys.contains(row.authorKeyId())) {
                problems.add(problem(ProblemCode.RETIRED_KEY, height, "the block is signed with a key this chain had already retired"));
            }
            // Named once per key: a registration moved up the chain would otherwise flag every block its key signed.
            if (author != null && author.chain().equals(chain) && author.height() > height
                    && earlyKeys.add(author.keyId())) {
                problems.add(problem(ProblemCode.EARLY_KEY, height, "the block is signed with a key this chain names "
                        + "only at height " + author.height()));
            }
            if (kind == BlockKind.REGISTRATION && row.subjectKey() != null) {
                if (!BlockCodec.keyId(row.subjectKey()).equals(row.authorKeyId())) {
                    problems.add(problem(ProblemCode.SELF_SIGNED, height, "the registration is not signed by the key it registers"));
                }
                ownerKey = BlockCodec.keyId(row.subjectKey());
            } else if (kind == BlockKind.KEY_ROTATED && row.subjectKey() != null) {
                if (ownerKey != null && !ownerKey.equals(row.authorKeyId())) {
                    problems.add(problem(ProblemCode.ROTATION_SIGNER, height, "the key rotation is not signed by the chain's current key"));
                }
                if (ownerKey != null && signatureValid) {
                    retiredKeys.add(ownerKey);
                }
                ownerKey = BlockCodec.keyId(row.subjectKey());
            } else if (kind == BlockKind.KEY_RECOVERED && row.subjectKey() != null) {
                recovered(row, signatureValid && !refused);
            }
        }

        /**
         * The person's side of a key recovery: the new key must be vouched for by the administrator
         * who signed it; from here on it signs the chain, and the key before it is retired.
         */
        private void recovered(BlockRow row, boolean accepted) {
            try {
                KeyRecoveries.Recovery recovery = KeyRecoveries.read(row.payload());
                trust.recoveryRefusal(chain, row.subjectKey(), recovery.authorization(), row.authorKeyId())
                        .ifPresent(reason -> problems.add(problem(ProblemCode.UNAUTHORIZED_KEY, row.height(), reason)));
            } catch (IllegalArgumentException | NullPointerException unreadable) {
                // PayloadCheck names a payload that is not a recovery's.
            }
            if (ownerKey != null && accepted) {
                retiredKeys.add(ownerKey);
            }
            ownerKey = BlockCodec.keyId(row.subjectKey());
        }

        /**
         * Whether a block of {@code kind} must name a key: a registration and a rotation always; a key
         * recovery on the recovered person's chain only (a payload that is not a recovery's is
         * PayloadCheck's to name, so then the block is taken as it is).
         */
        private boolean namesSubjectKey(BlockKind kind, BlockRow row) {
            if (kind != BlockKind.KEY_RECOVERED) {
                return kind.carriesSubjectKey();
            }
            return KeyRecoveries.recoveredChain(row.payload()).map(chain::equals).orElse(row.subjectKey() != null);
        }

        /**
         * The second holder's confirmation of an emergency access, on the patient's chain (the
         * administrator's carries the same payload): it verifies under a key of an administrator's
         * chain other than the actor's, or the recovery sheet's key, and no earlier emergency block
         * of this chain used the same reason, so no confirmation is used twice.
         */
        private void checkConfirmation(BlockRow row) {
            EmergencyConfirmation.Claim claim = AccessEvents.confirmationOf(row.payload());
            ChainId patient = ChainId.parse(chain);
            ChainId by = ChainId.parse(AccessEvents.decode(row.toBlock()).actor());
            String reasonHash = AccessEvents.reasonHash(row.payload()).orElseThrow();
            Optional<String> refusal;
            if (!claim.bySheet() && !Role.ADMINISTRATOR.code().equals(keys.role(claim.confirmedBy()).orElse(null))) {
                refusal = Optional.of("the emergency access claims " + claim.confirmedBy()
                        + " confirmed it, who is no administrator");
            } else {
                refusal = EmergencyConfirmation.problem(claim, patient, by, reasonHash,
                        claim.bySheet() ? List.of() : keys.keysOf(claim.confirmedBy()), keys.recoveryKey());
            }
            if (refusal.isEmpty() && !confirmedReasons.add(reasonHash)) {
                refusal = Optional.of("the emergency access repeats the reason and confirmation of an earlier one");
            }
            refusal.ifPresent(reason -> problems.add(problem(ProblemCode.EMERGENCY_CONFIRMATION, row.height(), reason)));
        }

        private VerificationProblem problem(ProblemCode code, long height, String reason) {
            return new VerificationProblem(chain, height, code, reason);
        }

        long size() {
            return size;
        }

        byte[] tip() {
            return tip;
        }
    }

    private static void checkHeads(String chain, List<HeadRow> heads, long size, Map<Long, byte[]> roots,
            KeyRegistry keys, KeyTrust trust, List<VerificationProblem> problems) {
        if (heads.isEmpty()) {
            if (size > 0) {
                problems.add(new VerificationProblem(chain, 0, ProblemCode.NO_HEAD, "no signed head covers this chain"));
            }
            return;
        }
        long previousTime = Long.MIN_VALUE;
        HeadRow previous = null;
        boolean checkpointed = false;
        for (HeadRow head : heads) {
            long at = Math.max(0, Math.min(head.size(), size) - 1);
            checkLink(chain, previous, head, at, problems);
            previous = head;
            KeyRegistry.Entry node = keys.find(head.nodeKeyId());
            if (node == null || !node.node()) {
                problems.add(new VerificationProblem(chain, at, ProblemCode.HEAD_KEY,
                        "the signed head over " + blocks(head.size()) + " names node key " + head.nodeKeyId()
                                + ", which no node chain registers"));
            } else if (trust.anchored() && !trust.trusts(node.chain())) {
                problems.add(new VerificationProblem(chain, at, ProblemCode.HEAD_KEY,
                        "the signed head over " + blocks(head.size()) + " is signed by node key " + head.nodeKeyId()
                                + ", which the clinic does not vouch for"));
            } else if (!Ed25519.verify(node.publicKey(), BlockCodec.signedBytes(head), head.signature())) {
                problems.add(new VerificationProblem(chain, at, ProblemCode.HEAD_SIGNATURE,
                        "the node's signature on the head over " + blocks(head.size()) + " does not verify"));
            } else {
                checkCheckpoint(chain, head, node, trust, checkpointed, at, problems);
            }
            checkpointed |= head.checkpointSignature() != null;
            if (head.size() > size) {
                problems.add(new VerificationProblem(chain, size, ProblemCode.HEAD_SIZE, "a signed head covers " + blocks(head.size())
                        + " but the chain has only " + size + ": blocks were removed or the head was altered"));
            } else {
                byte[] root = roots.get(head.size());
                if (root == null || !MessageDigest.isEqual(root, head.root())) {
                    problems.add(new VerificationProblem(chain, head.size() - 1, ProblemCode.HEAD_ROOT, "the Merkle root of the first "
                            + blocks(head.size()) + " does not match the signed head"));
                }
            }
            if (head.signedAtMillis() < previousTime) {
                problems.add(new VerificationProblem(chain, at, ProblemCode.HEAD_DATE,
                        "the head over " + blocks(head.size()) + " is dated earlier than a smaller head"));
            }
            previousTime = head.signedAtMillis();
        }
        long newest = heads.get(heads.size() - 1).size();
        if (newest < size) {
            problems.add(new VerificationProblem(chain, newest, ProblemCode.UNCOVERED, "blocks from height " + newest
                    + " on are not covered by any signed head: a newer head was removed or replaced by an older one"));
        }
    }

    /**
     * The node signs every head twice: in its own form and as a C2SP checkpoint, the form receipts
     * and proof files carry. Heads written before schema 12 have no checkpoint signature, which is
     * accepted only while no earlier head of the chain has one.
     */
    private static void checkCheckpoint(String chain, HeadRow head, KeyRegistry.Entry node, KeyTrust trust,
            boolean checkpointed, long at, List<VerificationProblem> problems) {
        if (head.checkpointSignature() == null) {
            if (checkpointed) {
                problems.add(new VerificationProblem(chain, at, ProblemCode.CHECKPOINT_SIGNATURE, "the head over "
                        + blocks(head.size()) + " has no checkpoint signature, though the heads before it have"));
            }
        } else if (trust.fingerprint().isPresent()
                && !Checkpoints.verifies(node.publicKey(), trust.fingerprint().get(), head)) {
            problems.add(new VerificationProblem(chain, at, ProblemCode.CHECKPOINT_SIGNATURE,
                    "the node's checkpoint signature on the head over " + blocks(head.size()) + " does not verify"));
        }
    }

    /**
     * A head must name the head before it on its chain, so that none can be dropped, reordered or
     * swapped unnoticed. A chain's first head names none; heads written before heads were chained
     * (schema 9) name none either, which is accepted only while every head before them names none.
     */
    private static void checkLink(String chain, HeadRow previous, HeadRow head, long at,
            List<VerificationProblem> problems) {
        if (head.previousHead() == null) {
            if (previous != null && previous.previousHead() != null) {
                problems.add(new VerificationProblem(chain, at, ProblemCode.HEAD_LINK, "the head over " + blocks(head.size())
                        + " names no head before it, though the heads before it are chained"));
            }
            return;
        }
        if (previous == null) {
            problems.add(new VerificationProblem(chain, at, ProblemCode.HEAD_LINK, "the head over " + blocks(head.size())
                    + " names a head before it that is missing: a signed head was removed"));
        } else if (!MessageDigest.isEqual(head.previousHead(), BlockCodec.headHash(previous))) {
            problems.add(new VerificationProblem(chain, at, ProblemCode.HEAD_LINK, "the head over " + blocks(head.size())
                    + " does not name the head over " + blocks(previous.size())
                    + " before it: a signed head was removed, replaced or reordered"));
        }
    }

    /**
     * In a ledger that holds part of the clinic, a block on a chain it holds that a patient it does
     * not hold signed (a grant or revocation on a doctor's chain) cannot be checked against the
     * patient's key here; the signed heads over the chain still cover it, and the patient's own
     * chain is checked where it is held.
     */
    private static boolean signedElsewhere(boolean partial, BlockRow row, KeyRegistry keys) {
        return partial && row.counterpartChain() != null
                && BlockAuthority.partyOf(row.counterpartChain()) == PartyKind.PATIENT
                && !keys.registrations().containsKey(row.counterpartChain());
    }

    private static void checkCounterparts(List<ChainResult> results, List<VerificationProblem> problems,
            boolean partial) {
        Map<String, Map<Long, Link>> byPosition = new HashMap<>();
        for (ChainResult result : results) {
            Map<Long, Link> chainLinks = new HashMap<>();
            result.links().forEach(link -> chainLinks.put(link.height(), link));
            byPosition.put(result.chain(), chainLinks);
        }
        Map<String, Long> sizes = new HashMap<>();
        results.forEach(result -> sizes.put(result.chain(), result.size()));
        for (ChainResult result : results) {
            for (Link link : result.links()) {
                String where = link.counterpartChain() + " #" + link.counterpartHeight();
                Link other = byPosition.getOrDefault(link.counterpartChain(), Map.of()).get(link.counterpartHeight());
                if (other == null && partial && !sizes.containsKey(link.counterpartChain())
                        && BlockAuthority.partyOf(link.counterpartChain()) == PartyKind.PATIENT) {
                    continue;
                }
                if (other == null) {
                    boolean exists = link.counterpartHeight() < sizes.getOrDefault(link.counterpartChain(), 0L);
                    problems.add(new VerificationProblem(link.chain(), link.height(), ProblemCode.COUNTERPART_MISSING, exists
                            ? "its counterpart " + where + " does not name it back"
                            : "its counterpart " + where + " is missing"));
                } else if (!link.chain().equals(other.counterpartChain()) || link.height() != other.counterpartHeight()) {
                    problems.add(new VerificationProblem(link.chain(), link.height(), ProblemCode.COUNTERPART_MISMATCH,
                            "its counterpart " + where + " names a different block"));
                } else if (!link.eventId().equals(other.eventId()) || !link.kind().equals(other.kind())) {
                    problems.add(new VerificationProblem(link.chain(), link.height(), ProblemCode.COUNTERPART_MISMATCH,
                            "its counterpart " + where + " records a different event"));
                } else if (!MessageDigest.isEqual(link.payload(), other.payload())) {
                    problems.add(new VerificationProblem(link.chain(), link.height(), ProblemCode.COUNTERPART_MISMATCH,
                            "its counterpart " + where + " says something else about the same event"));
                }
            }
        }
    }

    private static void checkChainStates(List<ChainResult> results, List<ChainStateRow> stored,
            List<VerificationProblem> problems) {
        Map<String, ChainStateRow> storedByChain = new HashMap<>();
        stored.forEach(row -> storedByChain.put(row.chain(), row));
        for (ChainResult result : results) {
            ChainStateRow row = storedByChain.remove(result.chain());
            if (result.size() == 0) {
                if (row != null) {
                    problems.add(new VerificationProblem(result.chain(), -1, ProblemCode.CHAIN_TABLE,
                            "the table of chains lists this chain, but it has no blocks"));
                }
                continue;
            }
            long tipHeight = result.size() - 1;
            if (row == null) {
                problems.add(new VerificationProblem(result.chain(), tipHeight, ProblemCode.CHAIN_TABLE, "the table of chains has no row for this chain"));
            } else if (row.size() != result.size() || !MessageDigest.isEqual(row.tipHash(), result.tip())
                    || !MessageDigest.isEqual(row.frontier(), result.frontier())) {
                problems.add(new VerificationProblem(result.chain(), tipHeight, ProblemCode.CHAIN_TABLE,
                        "the table of chains does not match the blocks (stored size " + row.size() + ", tip "
                                + shortHex(row.tipHash()) + "; recomputed size " + result.size() + ", tip "
                                + shortHex(result.tip()) + ")"));
            }
        }
        storedByChain.values().forEach(row -> problems.add(new VerificationProblem(row.chain(), -1, ProblemCode.CHAIN_TABLE,
                "the table of chains lists this chain, but it has no blocks")));
    }

    private static void checkKeys(KeyRegistry keys, List<AuthorKeyRow> stored, List<VerificationProblem> problems) {
        Map<String, AuthorKeyRow> storedById = new HashMap<>();
        stored.forEach(row -> storedById.put(row.keyId(), row));
        for (KeyRegistry.Entry entry : keys.entries().values()) {
            AuthorKeyRow row = storedById.remove(entry.keyId());
            if (row == null) {
                problems.add(new VerificationProblem(entry.chain(), entry.height(), ProblemCode.KEY_TABLE,
                        "the table of keys lacks key " + entry.keyId() + " that this block registers"));
            } else if (!MessageDigest.isEqual(row.publicKey(), entry.publicKey()) || !row.chain().equals(entry.chain())
                    || row.height() != entry.height()) {
                problems.add(new VerificationProblem(entry.chain(), entry.height(), ProblemCode.KEY_TABLE,
                        "the table of keys does not match the key this block registers"));
            }
        }
        storedById.values().forEach(row -> problems.add(new VerificationProblem(row.chain(), row.height(), ProblemCode.KEY_TABLE,
                "the table of keys names key " + row.keyId() + ", which no block registers")));
        keys.duplicates().forEach(entry -> problems.add(new VerificationProblem(entry.chain(), entry.height(), ProblemCode.DUPLICATE_KEY,
                "key " + entry.keyId() + " is registered a second time")));
    }

    private static String blocks(long count) {
        return count == 1 ? "1 block" : count + " blocks";
    }

    private static String shortHex(byte[] bytes) {
        String hex = Hex.encode(bytes);
        return hex.length() > 12 ? hex.substring(0, 12) + "…" : hex;
    }

    /**
     * What the two blocks of one event must say alike: the payload, less what only one side carries
     * (the replaced seal and the patient's own copy of a correction, the patient's own copy of a
     * key recovery).
     */
    private static byte[] shared(BlockRow row) {
        if (BlockKind.DEMOGRAPHICS_CORRECTED.code().equals(row.kind())) {
            return DemographicsCorrections.shared(row.payload());
        }
        if (BlockKind.KEY_RECOVERED.code().equals(row.kind())) {
            return KeyRecoveries.shared(row.payload());
        }
        return row.payload();
    }
}
