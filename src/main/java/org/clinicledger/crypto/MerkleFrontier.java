package org.clinicledger.crypto;

import java.util.ArrayList;
import java.util.List;

/**
 * The right edge of an RFC 9162 Merkle tree: the roots of its perfect subtrees, largest first, one
 * for each 1-bit of the size. Appending a leaf and computing the root cost O(log n), so a chain's
 * root can be kept current on every append without reading its earlier blocks.
 */
public final class MerkleFrontier {

    private static final byte[] NODE_PREFIX = {0x01};

    private final List<byte[]> subtreeRoots;
    private long size;

    private MerkleFrontier(List<byte[]> subtreeRoots, long size) {
        this.subtreeRoots = subtreeRoots;
        this.size = size;
    }

    /** The frontier of a tree with no leaves. */
    public static MerkleFrontier empty() {
        return new MerkleFrontier(new ArrayList<>(), 0);
    }

    /** Rebuilds a frontier from {@link #encoded()} and the tree size; the length must match the size. */
    public static MerkleFrontier decode(byte[] encoded, long size) {
        if (size < 0 || encoded.length != Long.bitCount(size) * Sha256.LENGTH) {
            throw new IllegalArgumentException("A frontier of size " + size + " needs " + Long.bitCount(Math.max(0, size))
                    + " hashes, not " + encoded.length + " bytes");
        }
        List<byte[]> roots = new ArrayList<>();
        for (int offset = 0; offset < encoded.length; offset += Sha256.LENGTH) {
            byte[] root = new byte[Sha256.LENGTH];
            System.arraycopy(encoded, offset, root, 0, Sha256.LENGTH);
            roots.add(root);
        }
        return new MerkleFrontier(roots, size);
    }

    /** Adds the next leaf, given as its leaf hash ({@link MerkleTree#leafHash}). */
    public MerkleFrontier append(byte[] leafHash) {
        if (leafHash.length != Sha256.LENGTH) {
            throw new IllegalArgumentException("A leaf hash has 32 bytes");
        }
        byte[] carry = leafHash.clone();
        // Each trailing 1-bit of the old size is a perfect subtree that the new leaf completes.
        for (long bits = size; (bits & 1) == 1; bits >>>= 1) {
            carry = Sha256.digest(NODE_PREFIX, subtreeRoots.remove(subtreeRoots.size() - 1), carry);
        }
        subtreeRoots.add(carry);
        size++;
        return this;
    }

    /** The number of leaves appended so far. */
    public long size() {
        return size;
    }

    /** The root of the tree so far (RFC 9162 MTH); the hash of the empty string for an empty tree. */
    public byte[] root() {
        if (subtreeRoots.isEmpty()) {
            return MerkleTree.emptyRoot();
        }
        byte[] root = subtreeRoots.get(subtreeRoots.size() - 1);
        for (int i = subtreeRoots.size() - 2; i >= 0; i--) {
            root = Sha256.digest(NODE_PREFIX, subtreeRoots.get(i), root);
        }
        return root;
    }

    /** The subtree roots concatenated, largest first, for storage beside the size. */
    public byte[] encoded() {
        byte[] out = new byte[subtreeRoots.size() * Sha256.LENGTH];
        for (int i = 0; i < subtreeRoots.size(); i++) {
            System.arraycopy(subtreeRoots.get(i), 0, out, i * Sha256.LENGTH, Sha256.LENGTH);
        }
        return out;
    }
}
