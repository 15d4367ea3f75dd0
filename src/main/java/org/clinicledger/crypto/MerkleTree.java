package org.clinicledger.crypto;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The Merkle hash tree of RFC 9162 §2.1 (Certificate Transparency 2.0, the same tree as RFC 6962)
 * over SHA-256, with inclusion and consistency proofs.
 *
 * <p>A leaf's hash is SHA-256(0x00 || data), an interior node's SHA-256(0x01 || left || right), and
 * the empty tree's SHA-256 of nothing; the distinct prefixes keep a leaf from ever passing for a
 * node. Trees are built from leaf <em>hashes</em>: callers hash their entries with
 * {@link #leafHash(byte[])} and keep those.
 *
 * <p>An instance holds every complete subtree hash, computed once in O(n), and answers roots and
 * proofs for its own size or any smaller size (any earlier state of an append-only log) with
 * O(log<sup>2</sup> n) hashing at most. It is immutable and thread-safe. The static list methods
 * build such a tree on the spot. The verifiers need no tree: they follow RFC 9162 §2.1.3.2 and
 * §2.1.4.2 step by step and answer {@code false}, never throw, on anything malformed.
 */
public final class MerkleTree {

    /** Length of every hash in the tree, in bytes. */
    public static final int HASH_LENGTH = Sha256.LENGTH;

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;
    private static final byte[] EMPTY_ROOT = Sha256.digest(new byte[0]);

    /** {@code levels[h]} holds, back to back, the hashes of the complete subtrees of 2^h leaves, left to right. */
    private final byte[][] levels;
    private final int size;

    private MerkleTree(byte[][] levels, int size) {
        this.levels = levels;
        this.size = size;
    }

    /**
     * Returns the tree over {@code leafHashes}, each of which must be {@value #HASH_LENGTH} bytes.
     * The hashes are copied.
     *
     * @throws IllegalArgumentException if a leaf hash is null or of the wrong length
     */
    public static MerkleTree of(List<byte[]> leafHashes) {
        Objects.requireNonNull(leafHashes, "leafHashes");
        int n = leafHashes.size();
        List<byte[]> built = new ArrayList<>();
        byte[] leaves = new byte[n * HASH_LENGTH];
        for (int i = 0; i < n; i++) {
            System.arraycopy(checkedLeafHash(leafHashes.get(i), i), 0, leaves, i * HASH_LENGTH, HASH_LENGTH);
        }
        built.add(leaves);
        Sha256 sha = new Sha256();
        byte[] level = leaves;
        for (int count = n; count >= 2; count /= 2) {
            byte[] parents = new byte[(count / 2) * HASH_LENGTH];
            for (int j = 0; j < count / 2; j++) {
                sha.update(NODE_PREFIX).update(level, 2 * j * HASH_LENGTH, 2 * HASH_LENGTH);
                System.arraycopy(sha.finish(), 0, parents, j * HASH_LENGTH, HASH_LENGTH);
            }
            built.add(parents);
            level = parents;
        }
        return new MerkleTree(built.toArray(new byte[0][]), n);
    }

    /** Returns the RFC 9162 hash of a leaf whose entry is {@code data}: SHA-256(0x00 || data). */
    public static byte[] leafHash(byte[] data) {
        Objects.requireNonNull(data, "data");
        return new Sha256().update(LEAF_PREFIX).update(data).finish();
    }

    /** Returns the root of the empty tree, SHA-256 of no bytes. */
    public static byte[] emptyRoot() {
        return EMPTY_ROOT.clone();
    }

    /**
     * Returns the root of the tree over all of {@code leafHashes}, in O(n) time and O(log n) memory.
     *
     * @throws IllegalArgumentException if a leaf hash is null or of the wrong length
     */
    public static byte[] root(List<byte[]> leafHashes) {
        Objects.requireNonNull(leafHashes, "leafHashes");
        return root(leafHashes, leafHashes.size());
    }

    /**
     * Returns the root of the tree over the first {@code treeSize} of {@code leafHashes}.
     *
     * @throws IllegalArgumentException if {@code treeSize} is negative or beyond the list, or a leaf
     *     hash is null or of the wrong length
     */
    public static byte[] root(List<byte[]> leafHashes, int treeSize) {
        Objects.requireNonNull(leafHashes, "leafHashes");
        checkRange("tree size", treeSize, 0, leafHashes.size());
        if (treeSize == 0) {
            return emptyRoot();
        }
        // A stack of complete subtrees, merged as they fill up as in a binary counter; folding what
        // is left from the right gives exactly RFC 9162's split at the largest power of two.
        byte[][] stack = new byte[Integer.SIZE][];
        int top = 0;
        Sha256 sha = new Sha256();
        for (int i = 0; i < treeSize; i++) {
            byte[] current = checkedLeafHash(leafHashes.get(i), i);
            for (int count = i + 1; (count & 1) == 0; count >>>= 1) {
                current = nodeHash(sha, stack[--top], current);
            }
            stack[top++] = current;
        }
        byte[] current = stack[--top];
        while (top > 0) {
            current = nodeHash(sha, stack[--top], current);
        }
        // A one-leaf tree's root is the caller's own leaf hash array; never hand that back.
        return treeSize == 1 ? current.clone() : current;
    }

    /**
     * Returns the inclusion proof (RFC 9162 §2.1.3.1 PATH) for leaf {@code index} in the tree over
     * the first {@code treeSize} of {@code leafHashes}.
     *
     * @throws IllegalArgumentException unless 0 &le; index &lt; treeSize &le; leafHashes.size(), or if
     *     a leaf hash is null or of the wrong length
     */
    public static List<byte[]> inclusionProof(List<byte[]> leafHashes, int index, int treeSize) {
        Objects.requireNonNull(leafHashes, "leafHashes");
        checkRange("tree size", treeSize, 0, leafHashes.size());
        return of(leafHashes.subList(0, treeSize)).inclusionProof(index, treeSize);
    }

    /**
     * Returns the consistency proof (RFC 9162 §2.1.4.1 PROOF) that the tree over the first
     * {@code oldSize} of {@code leafHashes} is a prefix of the tree over the first {@code newSize}.
     *
     * @throws IllegalArgumentException unless 0 &le; oldSize &le; newSize &le; leafHashes.size(), or if
     *     a leaf hash is null or of the wrong length
     */
    public static List<byte[]> consistencyProof(List<byte[]> leafHashes, int oldSize, int newSize) {
        Objects.requireNonNull(leafHashes, "leafHashes");
        checkRange("new size", newSize, 0, leafHashes.size());
        return of(leafHashes.subList(0, newSize)).consistencyProof(oldSize, newSize);
    }

    /** Returns the number of leaves. */
    public int size() {
        return size;
    }

    /** Returns the root of the whole tree. */
    public byte[] root() {
        return root(size);
    }

    /**
     * Returns the root of the tree over the first {@code treeSize} leaves.
     *
     * @throws IllegalArgumentException unless 0 &le; treeSize &le; {@link #size()}
     */
    public byte[] root(int treeSize) {
        checkRange("tree size", treeSize, 0, size);
        return treeSize == 0 ? emptyRoot() : subtreeHash(new Sha256(), 0, treeSize);
    }

    /**
     * Returns the inclusion proof (RFC 9162 §2.1.3.1 PATH) for leaf {@code index} in the tree over
     * the first {@code treeSize} leaves, nearest the leaf first.
     *
     * @throws IllegalArgumentException unless 0 &le; index &lt; treeSize &le; {@link #size()}
     */
    public List<byte[]> inclusionProof(int index, int treeSize) {
        checkRange("tree size", treeSize, 1, size);
        checkRange("leaf index", index, 0, treeSize - 1);
        List<byte[]> proof = new ArrayList<>();
        addPath(new Sha256(), index, 0, treeSize, proof);
        return Collections.unmodifiableList(proof);
    }

    /**
     * Returns the consistency proof (RFC 9162 §2.1.4.1 PROOF) between the trees over the first
     * {@code oldSize} and {@code newSize} leaves. It is empty when {@code oldSize} is 0 or equals
     * {@code newSize}, the cases {@link #verifyConsistency} settles without a proof.
     *
     * @throws IllegalArgumentException unless 0 &le; oldSize &le; newSize &le; {@link #size()}
     */
    public List<byte[]> consistencyProof(int oldSize, int newSize) {
        checkRange("new size", newSize, 0, size);
        checkRange("old size", oldSize, 0, newSize);
        List<byte[]> proof = new ArrayList<>();
        if (oldSize > 0 && oldSize < newSize) {
            addSubproof(new Sha256(), oldSize, 0, newSize, true, proof);
        }
        return Collections.unmodifiableList(proof);
    }

    /**
     * Returns whether {@code proof} shows that the leaf with hash {@code leafHash} is at
     * {@code index} in the tree of {@code treeSize} leaves whose root is {@code expectedRoot},
     * following RFC 9162 §2.1.3.2. Answers {@code false}, never throws, on malformed input: a null
     * argument or element, a hash that is not {@value #HASH_LENGTH} bytes, an index outside the tree,
     * or a proof of the wrong length.
     */
    public static boolean verifyInclusion(
            byte[] leafHash, long index, long treeSize, List<byte[]> proof, byte[] expectedRoot) {
        if (!isHash(leafHash) || !isHash(expectedRoot) || proof == null) {
            return false;
        }
        if (index < 0 || index >= treeSize) {
            return false;
        }
        Sha256 sha = new Sha256();
        long fn = index;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (!isHash(p) || sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(sha, p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                r = nodeHash(sha, r, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, expectedRoot);
    }

    /**
     * Returns whether {@code proof} shows that the tree of {@code oldSize} leaves with root
     * {@code oldRoot} is a prefix of the tree of {@code newSize} leaves with root {@code newRoot}.
     *
     * <p>For 0 &lt; oldSize &lt; newSize this is RFC 9162 §2.1.4.2 step by step. The RFC leaves the
     * other cases open; here equal sizes need an empty proof and equal roots, and an old size of 0
     * needs an empty proof and the empty tree's root as {@code oldRoot} (the empty tree is a prefix
     * of every tree, but a size-0 head with any other root is not a real tree head). A proof is
     * never accepted where none is needed, so one tree state has one valid proof.
     *
     * <p>Answers {@code false}, never throws, on malformed input: a null argument or element, a hash
     * that is not {@value #HASH_LENGTH} bytes, a negative size, an old size beyond the new one, or a
     * proof of the wrong length.
     */
    public static boolean verifyConsistency(
            long oldSize, long newSize, byte[] oldRoot, byte[] newRoot, List<byte[]> proof) {
        if (!isHash(oldRoot) || !isHash(newRoot) || proof == null) {
            return false;
        }
        if (oldSize < 0 || newSize < oldSize) {
            return false;
        }
        if (oldSize == newSize) {
            return proof.isEmpty() && MessageDigest.isEqual(oldRoot, newRoot)
                    && (oldSize > 0 || MessageDigest.isEqual(oldRoot, EMPTY_ROOT));
        }
        if (oldSize == 0) {
            return proof.isEmpty() && MessageDigest.isEqual(oldRoot, EMPTY_ROOT);
        }
        // Step 1: an empty path proves nothing.
        if (proof.isEmpty()) {
            return false;
        }
        for (byte[] element : proof) {
            if (!isHash(element)) {
                return false;
            }
        }
        // Step 2: an old tree of 2^k leaves is itself a node of the new tree, so its root starts the path.
        List<byte[]> path = proof;
        if (Long.bitCount(oldSize) == 1) {
            path = new ArrayList<>(proof.size() + 1);
            path.add(oldRoot);
            path.addAll(proof);
        }
        // Steps 3 and 4.
        long fn = oldSize - 1;
        long sn = newSize - 1;
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        // Steps 5 and 6.
        Sha256 sha = new Sha256();
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (int i = 1; i < path.size(); i++) {
            byte[] c = path.get(i);
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(sha, c, fr);
                sr = nodeHash(sha, c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                sr = nodeHash(sha, sr, c);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        // Step 7.
        return sn == 0 && MessageDigest.isEqual(fr, oldRoot) && MessageDigest.isEqual(sr, newRoot);
    }

    /** PATH(m, D[start:end]) of RFC 9162 §2.1.3.1, with m an absolute leaf index. */
    private void addPath(Sha256 sha, int m, int start, int end, List<byte[]> proof) {
        if (end - start == 1) {
            return;
        }
        int k = largestPowerOfTwoBelow(end - start);
        if (m < start + k) {
            addPath(sha, m, start, start + k, proof);
            proof.add(subtreeHash(sha, start + k, end));
        } else {
            addPath(sha, m, start + k, end, proof);
            proof.add(subtreeHash(sha, start, start + k));
        }
    }

    /** SUBPROOF(m, D[start:end], b) of RFC 9162 §2.1.4.1, with m an absolute leaf count. */
    private void addSubproof(Sha256 sha, int m, int start, int end, boolean b, List<byte[]> proof) {
        if (m == end) {
            if (!b) {
                proof.add(subtreeHash(sha, start, end));
            }
            return;
        }
        int k = largestPowerOfTwoBelow(end - start);
        if (m <= start + k) {
            addSubproof(sha, m, start, start + k, b, proof);
            proof.add(subtreeHash(sha, start + k, end));
        } else {
            addSubproof(sha, m, start + k, end, false, proof);
            proof.add(subtreeHash(sha, start, start + k));
        }
    }

    /** MTH(D[start:end]) for 0 &le; start &lt; end &le; size: a stored hash when the range is a complete subtree. */
    private byte[] subtreeHash(Sha256 sha, int start, int end) {
        int length = end - start;
        if (Integer.bitCount(length) == 1 && (start & (length - 1)) == 0) {
            int height = Integer.numberOfTrailingZeros(length);
            int offset = (start >>> height) * HASH_LENGTH;
            byte[] hash = new byte[HASH_LENGTH];
            System.arraycopy(levels[height], offset, hash, 0, HASH_LENGTH);
            return hash;
        }
        int k = largestPowerOfTwoBelow(length);
        return nodeHash(sha, subtreeHash(sha, start, start + k), subtreeHash(sha, start + k, end));
    }

    private static int largestPowerOfTwoBelow(int n) {
        return Integer.highestOneBit(n - 1);
    }

    private static byte[] nodeHash(Sha256 sha, byte[] left, byte[] right) {
        return sha.update(NODE_PREFIX).update(left).update(right).finish();
    }

    private static boolean isHash(byte[] hash) {
        return hash != null && hash.length == HASH_LENGTH;
    }

    private static byte[] checkedLeafHash(byte[] hash, int index) {
        if (hash == null) {
            throw new IllegalArgumentException("leaf hash " + index + " is null");
        }
        if (hash.length != HASH_LENGTH) {
            throw new IllegalArgumentException("leaf hash " + index + " is " + hash.length
                    + " bytes, not " + HASH_LENGTH + "; leaves must be hashed with leafHash first");
        }
        return hash;
    }

    private static void checkRange(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " " + value + " is outside " + min + ".." + max);
        }
    }
}
