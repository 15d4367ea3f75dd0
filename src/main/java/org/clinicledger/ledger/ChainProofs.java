package org.clinicledger.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.clinicledger.crypto.Ed25519;
import org.clinicledger.crypto.MerkleTree;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.ConsistencyProof;
import org.clinicledger.domain.InclusionProof;
import org.clinicledger.domain.SignedHead;
import org.clinicledger.store.ChainStore;
import org.clinicledger.store.Database;
import org.clinicledger.store.HeadRow;
import org.clinicledger.domain.StorageFailure;

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
        try (Connection connection = database.connect()) {
            SignedHead head = head(connection, chain, headSize);
            if (height < 0 || height >= headSize) {
                throw new IllegalArgumentException("Block " + height + " is not among the first " + headSize + " blocks");
            }
            List<byte[]> hashes = store.blockHashes(connection, chain.value());
            List<byte[]> leaves = hashes.subList(0, (int) headSize).stream().map(MerkleTree::leafHash).toList();
            return new InclusionProof(chain, height, hashes.get((int) height),
                    MerkleTree.inclusionProof(leaves, (int) height, (int) headSize), head);
        } catch (SQLException e) {
            throw new StorageFailure("prove a block of " + chain, e);
        }
    }

    /** Proves the head over {@code newSize} blocks extends the head over {@code oldSize} blocks. */
    public ConsistencyProof consistencyProof(ChainId chain, long oldSize, long newSize) {
        if (oldSize > newSize) {
            throw new IllegalArgumentException("The older head must not be larger than the newer one");
        }
        try (Connection connection = database.connect()) {
            SignedHead older = head(connection, chain, oldSize);
            SignedHead newer = head(connection, chain, newSize);
            List<byte[]> leaves = store.blockHashes(connection, chain.value()).subList(0, (int) newSize).stream()
                    .map(MerkleTree::leafHash).toList();
            return new ConsistencyProof(chain, older, newer,
                    MerkleTree.consistencyProof(leaves, (int) oldSize, (int) newSize));
        } catch (SQLException e) {
            throw new StorageFailure("prove consistency of " + chain, e);
        }
    }

    /** The newest signed head of a chain, or null when the chain has none. */
    public SignedHead newestHead(ChainId chain) {
        try (Connection connection = database.connect()) {
            List<HeadRow> heads = store.heads(connection, chain.value());
            return heads.isEmpty() ? null : heads.get(heads.size() - 1).toSignedHead();
        } catch (SQLException e) {
            throw new StorageFailure("read the heads of " + chain, e);
        }
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

    private SignedHead head(Connection connection, ChainId chain, long size) throws SQLException {
        return store.head(connection, chain.value(), size)
                .orElseThrow(() -> new IllegalArgumentException("The chain " + chain + " has no signed head over "
                        + size + " blocks"))
                .toSignedHead();
    }
}
