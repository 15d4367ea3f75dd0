package org.clinicledger.ledger;

import java.util.List;

import org.clinicledger.crypto.Ed25519;
import org.clinicledger.crypto.MerkleTree;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.ConsistencyProof;
import org.clinicledger.domain.InclusionProof;
import org.clinicledger.domain.SignedHead;
import org.clinicledger.domain.UnitOfWork;
import org.clinicledger.store.ChainStore;
import org.clinicledger.store.Database;
import org.clinicledger.store.HeadRow;

/**
 * Inclusion proofs (one block is in a chain) and consistency proofs (a newer head extends an older
 * one) over the chains' Merkle trees, and their checks. A check needs only the proof and the node's
 * public key, so a patient's copy can be checked anywhere.
 */
public final class ChainProofs {

    private final Database database;
    private final ChainStore store;

    public ChainProofs(Database database, ChainStore store) {
        this.database = database;
        this.store = store;
    }

    /** Proves the block at {@code height} is in the chain as of the signed head over {@code headSize} blocks. */
    public InclusionProof inclusionProof(ChainId chain, long height, long headSize) {
        return database.read("prove a block of " + chain, work -> {
            SignedHead head = head(work, chain, headSize);
            if (height < 0 || height >= headSize) {
                throw new IllegalArgumentException("Block " + height + " is not among the first " + headSize + " blocks");
            }
            List<byte[]> hashes = store.blockHashes(work, chain.value());
            List<byte[]> leaves = hashes.subList(0, (int) headSize).stream().map(MerkleTree::leafHash).toList();
            return new InclusionProof(chain, height, hashes.get((int) height),
                    MerkleTree.inclusionProof(leaves, (int) height, (int) headSize), head);
        });
    }

    /** Proves the head over {@code newSize} blocks extends the head over {@code oldSize} blocks. */
    public ConsistencyProof consistencyProof(ChainId chain, long oldSize, long newSize) {
        if (oldSize > newSize) {
            throw new IllegalArgumentException("The older head must not be larger than the newer one");
        }
        return database.read("prove consistency of " + chain, work -> {
            SignedHead older = head(work, chain, oldSize);
            SignedHead newer = head(work, chain, newSize);
            List<byte[]> leaves = store.blockHashes(work, chain.value()).subList(0, (int) newSize).stream()
                    .map(MerkleTree::leafHash).toList();
            return new ConsistencyProof(chain, older, newer,
                    MerkleTree.consistencyProof(leaves, (int) oldSize, (int) newSize));
        });
    }

    /** The newest signed head of a chain, or null when the chain has none. */
    public SignedHead newestHead(ChainId chain) {
        return database.read("read the heads of " + chain, work -> {
            List<HeadRow> heads = store.heads(work, chain.value());
            return heads.isEmpty() ? null : heads.get(heads.size() - 1).toSignedHead();
        });
    }

    /** True when the head is signed by {@code nodePublicKey} and the path leads from the block to its root. */
    public static boolean check(InclusionProof proof, byte[] nodePublicKey) {
        return signedBy(proof.head(), nodePublicKey) && proof.head().chain().equals(proof.chain())
                && MerkleTree.verifyInclusion(MerkleTree.leafHash(proof.blockHash()), proof.height(),
                        proof.head().size(), proof.path(), proof.head().root());
    }

    /** True when both heads are the chain's, signed by {@code nodePublicKey}, and the newer extends the older. */
    public static boolean check(ConsistencyProof proof, byte[] nodePublicKey) {
        return signedBy(proof.older(), nodePublicKey) && signedBy(proof.newer(), nodePublicKey)
                && proof.older().chain().equals(proof.chain()) && proof.newer().chain().equals(proof.chain())
                && MerkleTree.verifyConsistency(proof.older().size(), proof.newer().size(), proof.older().root(),
                        proof.newer().root(), proof.path());
    }

    private static boolean signedBy(SignedHead head, byte[] nodePublicKey) {
        HeadRow row = HeadRow.of(head);
        return BlockCodec.keyId(nodePublicKey).equals(head.nodeKeyId())
                && Ed25519.verify(nodePublicKey, BlockCodec.signedBytes(row), head.signature());
    }

    private SignedHead head(UnitOfWork work, ChainId chain, long size) {
        return store.head(work, chain.value(), size)
                .orElseThrow(() -> new IllegalArgumentException("The chain " + chain + " has no signed head over "
                        + size + " blocks"))
                .toSignedHead();
    }
}
