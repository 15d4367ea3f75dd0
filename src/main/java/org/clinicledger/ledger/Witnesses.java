package org.clinicledger.ledger;

import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.clinicledger.crypto.Cosignature;
import org.clinicledger.crypto.Ed25519;
import org.clinicledger.crypto.MerkleTree;
import org.clinicledger.crypto.SignedNote;
import org.clinicledger.crypto.TlogCheckpoint;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.ClinicFingerprint;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.UnitOfWork;
import org.clinicledger.domain.Witnessing;
import org.clinicledger.store.ChainStore;
import org.clinicledger.store.HeadRow;
import org.clinicledger.store.WitnessStore;
import org.clinicledger.store.WitnessStore.CosignatureRow;

/**
 * Witnessing: each machine cosigns, with its own witness key ({@link WitnessKey}), the newest
 * checkpoint of a chain once it has checked it, in the C2SP {@code tlog-cosignature} format, and a
 * checkpoint that a majority of the clinic's registered machines stands behind is witnessed
 * ({@link Witnessing}). A witness never cosigns a checkpoint that does not extend the one it cosigned
 * last of the same chain: a fork shown to two machines is caught by the second. Every method works
 * inside the caller's unit of work, so an import can cosign what it merged in the merge's write.
 */
public final class Witnesses {

    private final ChainStore chains = new ChainStore();
    private final WitnessStore cosignatures = new WitnessStore();
    private final Clock clock;

    public Witnesses(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * What a machine did with one chain's newest checkpoint.
     *
     * @param size the newest checkpoint's size (0 when the chain has none)
     * @param reason in plain words, why it was refused or left alone; empty when cosigned
     */
    public record Cosigning(ChainId chain, long size, Result result, String reason) {

        /** What came of it. */
        public enum Result {
            /** Checked and cosigned now. */
            COSIGNED,
            /** This machine had cosigned this very checkpoint before. */
            ALREADY_COSIGNED,
            /** The chain has no checkpoint to cosign. */
            NOTHING_TO_COSIGN,
            /** The checkpoint conflicts with what this machine cosigned before, or does not check. */
            REFUSED
        }

        public boolean refused() {
            return result == Result.REFUSED;
        }
    }

    /**
     * Cosigns the newest signed head of {@code chain} with the witness key of the machine whose node
     * key is {@code nodeKey}, after checking that a registered machine signed it, that the chain's
     * blocks hash to it, and that it extends (by a consistency proof) the checkpoint this machine
     * cosigned last of the chain. A head of the same size with another root, a smaller one, or one
     * that does not extend it is refused, naming the fork.
     *
     * @throws RefusedException when the node key is not one of the clinic's registered machines
     */
    public Cosigning cosign(UnitOfWork work, SigningKey nodeKey, ChainId chain) {
        return cosignAll(work, nodeKey, List.of(chain)).get(0);
    }

    /** {@link #cosign} for each chain in turn, in one unit of work. */
    public List<Cosigning> cosignAll(UnitOfWork work, SigningKey nodeKey, Collection<ChainId> toCosign) {
        if (!work.writes()) {
            throw new IllegalArgumentException("Cosigning needs a write, not a read");
        }
        ClinicMachines machines = ClinicMachines.read(chains, work);
        if (machines.clinic().isEmpty() || machines.key(nodeKey.keyId()).isEmpty()) {
            throw new RefusedException("This computer's node key is not one of the clinic's registered machines, "
                    + "so it cannot witness the clinic's checkpoints.");
        }
        SigningKey witness = WitnessKey.of(nodeKey);
        try {
            byte[] authorization = WitnessKey.authorize(nodeKey, witness);
            List<Cosigning> done = new ArrayList<>();
            for (ChainId chain : toCosign) {
                done.add(cosign(work, nodeKey.keyId(), witness, authorization, chain, machines));
            }
            return done;
        } finally {
            witness.destroy();
        }
    }

    private Cosigning cosign(UnitOfWork work, String nodeKeyId, SigningKey witness, byte[] authorization,
            ChainId chain, ClinicMachines machines) {
        Optional<HeadRow> newest = chains.newestHead(work, chain.value());
        if (newest.isEmpty()) {
            return new Cosigning(chain, 0, Cosigning.Result.NOTHING_TO_COSIGN, "the chain has no signed head");
        }
        HeadRow head = newest.get();
        ClinicFingerprint clinic = machines.clinic().orElseThrow();
        if (!signedByMachine(head, clinic, machines)) {
            return refused(chain, head, "its checkpoint is not signed by one of the clinic's registered machines");
        }
        Optional<CosignatureRow> last = cosignatures.newestBy(work, chain.value(), nodeKeyId);
        if (last.isPresent()) {
            CosignatureRow before = last.get();
            if (before.size() == head.size()) {
                return MessageDigest.isEqual(before.root(), head.root())
                        ? new Cosigning(chain, head.size(), Cosigning.Result.ALREADY_COSIGNED, "cosigned before")
                        : refused(chain, head, "a fork: this machine cosigned another checkpoint of the same "
                                + head.size() + " blocks of " + chain + " before");
            }
            if (before.size() > head.size()) {
                return refused(chain, head, "rolled back: this machine cosigned " + before.size() + " blocks of "
                        + chain + " before, and the newest checkpoint has only " + head.size());
            }
        }
        List<byte[]> leaves = leaves(work, chain.value());
        if (leaves.size() < head.size()
                || !MessageDigest.isEqual(MerkleTree.root(leaves, (int) head.size()), head.root())) {
            return refused(chain, head, "the chain's blocks do not hash to its newest checkpoint");
        }
        if (last.isPresent()) {
            CosignatureRow before = last.get();
            List<byte[]> proof = MerkleTree.consistencyProof(leaves, (int) before.size(), (int) head.size());
            if (!MerkleTree.verifyConsistency(before.size(), head.size(), before.root(), head.root(), proof)) {
                return refused(chain, head, "a fork: it does not extend the checkpoint over " + before.size()
                        + " blocks this machine cosigned before, so the chain's history was rewritten");
            }
        }
        long now = clock.instant().getEpochSecond();
        Cosignature.VerifierKey key = Checkpoints.witnessKey(clinic, nodeKeyId, witness.publicKey());
        byte[] signature = witness.sign(Cosignature.message(now, Checkpoints.body(clinic, head).text()));
        cosignatures.insert(work, new CosignatureRow(chain.value(), head.size(), head.root(), nodeKeyId,
                key.publicKey(), authorization, now, signature));
        return new Cosigning(chain, head.size(), Cosigning.Result.COSIGNED, "");
    }

    private static Cosigning refused(ChainId chain, HeadRow head, String reason) {
        return new Cosigning(chain, head.size(), Cosigning.Result.REFUSED, "This machine refuses to cosign the "
                + "checkpoint over " + head.size() + " blocks of " + chain + ": " + reason + ".");
    }

    /** How many machines stand behind the newest checkpoint of {@code chain} (size 0 when it has none). */
    public Witnessing witnessing(UnitOfWork work, ChainId chain) {
        ClinicMachines machines = ClinicMachines.read(chains, work);
        Optional<HeadRow> newest = chains.newestHead(work, chain.value());
        return newest.map(head -> witnessing(work, chain.value(), head.size(), head.root(), machines))
                .orElseGet(() -> new Witnessing(chain.value(), 0, 0, machines.count()));
    }

    /**
     * How many machines stand behind the checkpoint of {@code chain} over {@code size} blocks with
     * {@code root}: the machine that signed the head of that size (when its root is this one), and
     * each machine with a valid cosignature of that checkpoint or of a later one of the chain that
     * extends it (the chain's blocks hash to both).
     */
    public Witnessing witnessing(UnitOfWork work, ChainId chain, long size, byte[] root) {
        return witnessing(work, chain.value(), size, root, ClinicMachines.read(chains, work));
    }

    /**
     * {@link #witnessing(UnitOfWork, ChainId, long, byte[])} counting also the cosignatures that
     * {@code carried}, the checkpoint's signed note as it came back (a receipt's), holds: lines of a
     * machine's witness key that this folder knows, authorized by the machine's node key, that verify
     * over exactly this checkpoint.
     */
    public Witnessing witnessing(UnitOfWork work, ChainId chain, long size, byte[] root, SignedNote.Parsed carried) {
        ClinicMachines machines = ClinicMachines.read(chains, work);
        Witnessing inFolder = witnessing(work, chain.value(), size, root, machines);
        if (machines.clinic().isEmpty() || size <= 0) {
            return inFolder;
        }
        ClinicFingerprint clinic = machines.clinic().get();
        String text;
        try {
            text = new TlogCheckpoint(Checkpoints.origin(clinic, chain.value()), size, root).text();
        } catch (IllegalArgumentException notACheckpoint) {
            return inFolder;
        }
        if (!carried.text().equals(text)) {
            return inFolder;
        }
        Set<String> behind = new TreeSet<>(standingBehind(work, chain.value(), size, root, machines));
        for (WitnessStore.WitnessKeyRow key : cosignatures.witnessKeys(work)) {
            Optional<byte[]> node = machines.key(key.witnessNodeKeyId());
            if (node.isPresent() && !behind.contains(key.witnessNodeKeyId())
                    && WitnessKey.authorizes(node.get(), key.witnessPublicKey(), key.witnessAuthorization())
                    && Cosignature.find(carried, Checkpoints.witnessKey(clinic, key.witnessNodeKeyId(),
                            key.witnessPublicKey())).isPresent()) {
                behind.add(key.witnessNodeKeyId());
            }
        }
        return new Witnessing(chain.value(), size, behind.size(), machines.count());
    }

    /** How many machines the clinic has registered: node chains the clinic key vouches for. */
    public int machines(UnitOfWork work) {
        return ClinicMachines.read(chains, work).count();
    }

    /** The newest checkpoint of every chain that has one, with how many machines stand behind it. */
    public List<Witnessing> newestOfEveryChain(UnitOfWork work) {
        ClinicMachines machines = ClinicMachines.read(chains, work);
        List<Witnessing> all = new ArrayList<>();
        for (String chain : chains.chainIdsWithHeads(work)) {
            chains.newestHead(work, chain).ifPresent(head ->
                    all.add(witnessing(work, chain, head.size(), head.root(), machines)));
        }
        return all;
    }

    /**
     * The signature lines of the valid cosignatures of exactly this checkpoint, to add to its signed
     * note (a receipt's, a proof file's), each as C2SP writes it.
     */
    public List<String> cosignatureLines(UnitOfWork work, ChainId chain, long size, byte[] root) {
        ClinicMachines machines = ClinicMachines.read(chains, work);
        Optional<HeadRow> head = chains.head(work, chain.value(), size);
        List<String> lines = new ArrayList<>();
        if (machines.clinic().isEmpty() || head.isEmpty() || !MessageDigest.isEqual(head.get().root(), root)) {
            return lines;
        }
        for (CosignatureRow row : cosignatures.ofChain(work, chain.value())) {
            if (row.size() == size && CosignatureVerifier.refusal(row, machines, head).isEmpty()) {
                lines.add(Cosignature.line(Checkpoints.witnessKey(machines.clinic().get(), row.witnessNodeKeyId(),
                        row.witnessPublicKey()), new Cosignature.Timestamped(row.cosignedAt(), row.signature())));
            }
        }
        return lines;
    }

    private Witnessing witnessing(UnitOfWork work, String chain, long size, byte[] root, ClinicMachines machines) {
        return new Witnessing(chain, size, standingBehind(work, chain, size, root, machines).size(), machines.count());
    }

    /** The node key ids of the machines that stand behind the checkpoint, from what this folder holds. */
    private Set<String> standingBehind(UnitOfWork work, String chain, long size, byte[] root, ClinicMachines machines) {
        Set<String> behind = new TreeSet<>();
        if (machines.clinic().isEmpty() || size <= 0) {
            return behind;
        }
        Optional<HeadRow> head = chains.head(work, chain, size);
        if (head.isPresent() && MessageDigest.isEqual(head.get().root(), root)
                && signedByMachine(head.get(), machines.clinic().get(), machines)) {
            behind.add(head.get().nodeKeyId());
        }
        List<byte[]> leaves = null;
        for (CosignatureRow row : cosignatures.ofChain(work, chain)) {
            if (row.size() < size || behind.contains(row.witnessNodeKeyId())) {
                continue;
            }
            Optional<HeadRow> cosigned = row.size() == size ? head : chains.head(work, chain, row.size());
            if (CosignatureVerifier.refusal(row, machines, cosigned).isPresent()) {
                continue;
            }
            if (row.size() == size) {
                if (MessageDigest.isEqual(row.root(), root)) {
                    behind.add(row.witnessNodeKeyId());
                }
                continue;
            }
            if (leaves == null) {
                leaves = leaves(work, chain);
            }
            if (leaves.size() >= row.size()
                    && MessageDigest.isEqual(MerkleTree.root(leaves, (int) size), root)
                    && MessageDigest.isEqual(MerkleTree.root(leaves, (int) row.size()), row.root())) {
                behind.add(row.witnessNodeKeyId());
            }
        }
        return behind;
    }

    /** Whether a registered machine's node key signed the head, both in its own form and as a checkpoint. */
    private static boolean signedByMachine(HeadRow head, ClinicFingerprint clinic, ClinicMachines machines) {
        Optional<byte[]> node = machines.key(head.nodeKeyId());
        try {
            return node.isPresent() && Ed25519.verify(node.get(), BlockCodec.signedBytes(head), head.signature())
                    && Checkpoints.verifies(node.get(), clinic, head);
        } catch (IllegalArgumentException notAChainsHead) {
            // A head row no valid head holds (a malformed chain id): verify names it.
            return false;
        }
    }

    /** The Merkle leaves of the chain, each block's hash computed from its fields, not read from its column. */
    private List<byte[]> leaves(UnitOfWork work, String chain) {
        List<byte[]> leaves = new ArrayList<>();
        chains.forEachBlock(work, chain, row -> leaves.add(MerkleTree.leafHash(BlockCodec.hash(row))));
        return leaves;
    }
}
