package org.clinicledger.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {

    // The Certificate Transparency reference test data (RFC 6962 trees, which RFC 9162 keeps):
    // google/certificate-transparency's C++ merkle_tree_test.cc, carried into Go as
    // github.com/transparency-dev/merkle proof/verify_test.go, whose leaf numbers are 1-based
    // (leaf 1 there is index 0 here). Roots are for the first 1..8 leaves.
    private static final String[] CT_LEAVES = {
        "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f",
    };
    private static final String[] CT_ROOTS = {
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    };
    private static final String EMPTY_ROOT = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private record InclusionVector(int index, int size, List<String> proof) {
    }

    private record ConsistencyVector(int oldSize, int newSize, List<String> proof) {
    }

    private static final List<InclusionVector> CT_INCLUSION = List.of(
            new InclusionVector(0, 8, List.of(
                    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
            new InclusionVector(5, 8, List.of(
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
            new InclusionVector(2, 3, List.of(
                    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")),
            new InclusionVector(1, 5, List.of(
                    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")),
            new InclusionVector(0, 1, List.of()));

    private static final List<ConsistencyVector> CT_CONSISTENCY = List.of(
            new ConsistencyVector(1, 1, List.of()),
            new ConsistencyVector(1, 8, List.of(
                    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
            new ConsistencyVector(6, 8, List.of(
                    "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
            new ConsistencyVector(2, 5, List.of(
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")),
            new ConsistencyVector(6, 7, List.of(
                    "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")));

    /** Largest tree of the exhaustive cross-check. */
    private static final int SWEEP = 256;
    /** Largest tree whose every proof is put through every corruption. */
    private static final int CORRUPTION_SWEEP = 40;

    private static List<byte[]> ctLeafHashes;
    private static Reference ct;
    private static List<byte[]> sweepLeafHashes;
    private static Reference sweep;
    private static MerkleTree sweepTree;

    @BeforeAll
    static void buildTrees() {
        List<byte[]> ctEntries = new ArrayList<>();
        for (String leaf : CT_LEAVES) {
            ctEntries.add(Hex.decode(leaf));
        }
        ct = new Reference(ctEntries);
        ctLeafHashes = hashAll(ctEntries);

        List<byte[]> entries = new ArrayList<>();
        for (int i = 0; i < SWEEP; i++) {
            // Entries of varied length, the first one empty, all distinct.
            String entry = i == 0 ? "" : "entry " + i + "#".repeat(i % 5);
            entries.add(entry.getBytes(StandardCharsets.UTF_8));
        }
        sweep = new Reference(entries);
        sweepLeafHashes = hashAll(entries);
        sweepTree = MerkleTree.of(sweepLeafHashes);
    }

    // ---------------------------------------------------------------- (a) published vectors

    @Test
    void publishedRoots() {
        assertThat(Hex.encode(MerkleTree.emptyRoot())).isEqualTo(EMPTY_ROOT);
        assertThat(Hex.encode(MerkleTree.root(List.of()))).isEqualTo(EMPTY_ROOT);
        assertThat(Hex.encode(MerkleTree.of(List.of()).root())).isEqualTo(EMPTY_ROOT);
        MerkleTree tree = MerkleTree.of(ctLeafHashes);
        for (int n = 1; n <= CT_ROOTS.length; n++) {
            String expected = CT_ROOTS[n - 1];
            assertThat(Hex.encode(ct.mth(0, n))).as("reference, size %d", n).isEqualTo(expected);
            assertThat(Hex.encode(MerkleTree.root(ctLeafHashes, n))).as("static, size %d", n).isEqualTo(expected);
            assertThat(Hex.encode(MerkleTree.root(ctLeafHashes.subList(0, n)))).as("list, size %d", n).isEqualTo(expected);
            assertThat(Hex.encode(tree.root(n))).as("tree, size %d", n).isEqualTo(expected);
            assertThat(Hex.encode(MerkleTree.of(ctLeafHashes.subList(0, n)).root())).as("own tree, size %d", n)
                    .isEqualTo(expected);
        }
        // A one-leaf tree's root is the leaf hash: SHA-256(0x00) for the empty entry.
        assertThat(Hex.encode(MerkleTree.leafHash(new byte[0]))).isEqualTo(CT_ROOTS[0]);
    }

    @Test
    void publishedInclusionProofs() {
        MerkleTree tree = MerkleTree.of(ctLeafHashes);
        for (InclusionVector v : CT_INCLUSION) {
            String label = "leaf " + v.index() + " of " + v.size();
            assertThat(hexList(ct.path(v.index(), 0, v.size()))).as("reference " + label).isEqualTo(v.proof());
            assertThat(hexList(tree.inclusionProof(v.index(), v.size()))).as(label).isEqualTo(v.proof());
            assertThat(hexList(MerkleTree.inclusionProof(ctLeafHashes, v.index(), v.size()))).as(label).isEqualTo(v.proof());
            List<byte[]> proof = unhexList(v.proof());
            byte[] root = Hex.decode(CT_ROOTS[v.size() - 1]);
            byte[] leaf = ctLeafHashes.get(v.index());
            assertThat(MerkleTree.verifyInclusion(leaf, v.index(), v.size(), proof, root)).as(label).isTrue();
            assertThat(Reference.verifiesInclusion(leaf, v.index(), v.size(), proof, root)).as(label).isTrue();
            List<String> failures = new ArrayList<>();
            checkInclusionCorruptions(ct, tree, v.index(), v.size(), true, failures);
            assertThat(failures).as(label).isEmpty();
        }
    }

    @Test
    void publishedConsistencyProofs() {
        MerkleTree tree = MerkleTree.of(ctLeafHashes);
        for (ConsistencyVector v : CT_CONSISTENCY) {
            String label = v.oldSize() + " to " + v.newSize();
            if (v.oldSize() < v.newSize()) {
                assertThat(hexList(ct.proof(v.oldSize(), v.newSize()))).as("reference " + label).isEqualTo(v.proof());
            }
            assertThat(hexList(tree.consistencyProof(v.oldSize(), v.newSize()))).as(label).isEqualTo(v.proof());
            assertThat(hexList(MerkleTree.consistencyProof(ctLeafHashes, v.oldSize(), v.newSize()))).as(label)
                    .isEqualTo(v.proof());
            byte[] oldRoot = Hex.decode(CT_ROOTS[v.oldSize() - 1]);
            byte[] newRoot = Hex.decode(CT_ROOTS[v.newSize() - 1]);
            assertThat(MerkleTree.verifyConsistency(v.oldSize(), v.newSize(), oldRoot, newRoot, unhexList(v.proof())))
                    .as(label).isTrue();
            if (v.oldSize() < v.newSize()) {
                List<String> failures = new ArrayList<>();
                checkConsistencyCorruptions(ct, tree, v.oldSize(), v.newSize(), true, failures);
                assertThat(failures).as(label).isEmpty();
            }
        }
    }

    // ---------------------------------------------------------------- (b) cross-check with the RFC definitions

    @Test
    void rootsOfEveryPrefixMatchTheDefinition() {
        for (int n = 0; n <= SWEEP; n++) {
            byte[] expected = sweep.mth(0, n);
            assertThat(MerkleTree.root(sweepLeafHashes, n)).as("static, size %d", n).isEqualTo(expected);
            assertThat(sweepTree.root(n)).as("tree, size %d", n).isEqualTo(expected);
            assertThat(MerkleTree.of(sweepLeafHashes.subList(0, n)).root()).as("own tree, size %d", n).isEqualTo(expected);
        }
        assertThat(sweepTree.root()).isEqualTo(sweep.mth(0, SWEEP));
        assertThat(MerkleTree.root(sweepLeafHashes)).isEqualTo(sweep.mth(0, SWEEP));
        for (int i = 0; i < SWEEP; i++) {
            assertThat(sweepLeafHashes.get(i)).isEqualTo(sweep.mth(i, i + 1));
        }
    }

    @Test
    void everyInclusionProofOfEveryTreeUpTo256MatchesTheDefinitionAndVerifies() {
        List<String> failures = new ArrayList<>();
        for (int n = 1; n <= SWEEP; n++) {
            byte[] root = sweep.mth(0, n);
            for (int i = 0; i < n; i++) {
                List<byte[]> expected = sweep.path(i, 0, n);
                List<byte[]> proof = sweepTree.inclusionProof(i, n);
                if (!sameHashes(proof, expected)) {
                    failures.add("proof of " + i + " in " + n + " differs from PATH");
                }
                if (!MerkleTree.verifyInclusion(sweepLeafHashes.get(i), i, n, proof, root)) {
                    failures.add("proof of " + i + " in " + n + " does not verify");
                }
                if (n <= 32 && !sameHashes(MerkleTree.inclusionProof(sweepLeafHashes, i, n), expected)) {
                    failures.add("static proof of " + i + " in " + n + " differs from PATH");
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void everyConsistencyProofOfEveryPairUpTo256MatchesTheDefinitionAndVerifies() {
        List<String> failures = new ArrayList<>();
        for (int n = 1; n <= SWEEP; n++) {
            byte[] newRoot = sweep.mth(0, n);
            for (int m = 0; m <= n; m++) {
                List<byte[]> expected = m == 0 || m == n ? List.of() : sweep.proof(m, n);
                List<byte[]> proof = sweepTree.consistencyProof(m, n);
                if (!sameHashes(proof, expected)) {
                    failures.add("proof " + m + " to " + n + " differs from PROOF");
                }
                if (!MerkleTree.verifyConsistency(m, n, sweep.mth(0, m), newRoot, proof)) {
                    failures.add("proof " + m + " to " + n + " does not verify");
                }
                if (n <= 32 && !sameHashes(MerkleTree.consistencyProof(sweepLeafHashes, m, n), expected)) {
                    failures.add("static proof " + m + " to " + n + " differs from PROOF");
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void proofsFromATreeOfExactlyThatSizeEqualProofsFromALargerOne() {
        for (int n : new int[] {1, 2, 3, 7, 8, 9, 100, 127, 128, 129, 255}) {
            MerkleTree own = MerkleTree.of(sweepLeafHashes.subList(0, n));
            assertThat(own.size()).isEqualTo(n);
            for (int i = 0; i < n; i++) {
                assertThat(sameHashes(own.inclusionProof(i, n), sweepTree.inclusionProof(i, n))).as("%d in %d", i, n).isTrue();
            }
            for (int m = 0; m <= n; m++) {
                assertThat(sameHashes(own.consistencyProof(m, n), sweepTree.consistencyProof(m, n))).as("%d to %d", m, n).isTrue();
            }
        }
    }

    // ---------------------------------------------------------------- (c) corrupted proofs

    @Test
    void everyCorruptedInclusionProofIsRejected() {
        List<String> failures = new ArrayList<>();
        for (int n = 1; n <= CORRUPTION_SWEEP; n++) {
            for (int i = 0; i < n; i++) {
                checkInclusionCorruptions(sweep, sweepTree, i, n, false, failures);
            }
        }
        for (int n : new int[] {63, 64, 65, 127, 128, 129, 255, 256}) {
            for (int i : new int[] {0, 1, n / 2, n - 2, n - 1}) {
                checkInclusionCorruptions(sweep, sweepTree, i, n, false, failures);
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void everyCorruptedConsistencyProofIsRejected() {
        List<String> failures = new ArrayList<>();
        for (int n = 2; n <= CORRUPTION_SWEEP; n++) {
            for (int m = 1; m < n; m++) {
                checkConsistencyCorruptions(sweep, sweepTree, m, n, false, failures);
            }
        }
        for (int n : new int[] {63, 64, 65, 127, 128, 129, 255, 256}) {
            for (int m : new int[] {1, 2, 31, 32, 33, n / 2, n - 2, n - 1}) {
                checkConsistencyCorruptions(sweep, sweepTree, m, n, false, failures);
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void aProofForOneIndexNeverVerifiesAsAnother() {
        List<String> failures = new ArrayList<>();
        for (int n = 1; n <= 48; n++) {
            byte[] root = sweep.mth(0, n);
            for (int i = 0; i < n; i++) {
                List<byte[]> proof = sweepTree.inclusionProof(i, n);
                for (int j = 0; j < n; j++) {
                    // Neither with leaf i's hash nor with leaf j's own hash.
                    if (j != i && (MerkleTree.verifyInclusion(sweepLeafHashes.get(i), j, n, proof, root)
                            || MerkleTree.verifyInclusion(sweepLeafHashes.get(j), j, n, proof, root))) {
                        failures.add("proof of " + i + " in " + n + " verifies as " + j);
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void aTreeSizeIsVouchedForByItsRootNotByTheProof() {
        // RFC 9162 verification reads the tree's shape from (index, size) alone. Leaf 0 sits on the
        // same left edge in trees of 5 and 6 leaves, so a proof from the 5-leaf tree also "verifies"
        // for size 6 when it is paired with the 5-leaf root: the verifier cannot tell, and does not
        // need to, because a genuine tree head pairs each size with its own root. Against the real
        // 6-leaf root the proof fails, and that pairing is all a signed tree head can present.
        List<byte[]> proof = sweepTree.inclusionProof(0, 5);
        byte[] leaf = sweepLeafHashes.get(0);
        assertThat(MerkleTree.verifyInclusion(leaf, 0, 5, proof, sweep.mth(0, 5))).isTrue();
        assertThat(MerkleTree.verifyInclusion(leaf, 0, 6, proof, sweep.mth(0, 5))).isTrue();
        assertThat(Reference.verifiesInclusion(leaf, 0, 6, proof, sweep.mth(0, 5))).isTrue();
        assertThat(MerkleTree.verifyInclusion(leaf, 0, 6, proof, sweep.mth(0, 6))).isFalse();
    }

    @Test
    void degenerateConsistencyCasesFollowTheDocumentedRules() {
        byte[] empty = Hex.decode(EMPTY_ROOT);
        byte[] root3 = sweep.mth(0, 3);
        byte[] root5 = sweep.mth(0, 5);
        List<byte[]> none = List.of();
        // Equal sizes: an empty proof and equal roots, nothing else.
        assertThat(MerkleTree.verifyConsistency(5, 5, root5, root5, none)).isTrue();
        assertThat(MerkleTree.verifyConsistency(5, 5, root5, root3, none)).isFalse();
        assertThat(MerkleTree.verifyConsistency(5, 5, root5, root5, List.of(root5))).isFalse();
        assertThat(MerkleTree.verifyConsistency(5, 5, root5, root5, List.of(empty))).isFalse();
        // Size 0: the empty tree's root, an empty proof, any later tree.
        assertThat(MerkleTree.verifyConsistency(0, 0, empty, empty, none)).isTrue();
        assertThat(MerkleTree.verifyConsistency(0, 5, empty, root5, none)).isTrue();
        assertThat(MerkleTree.verifyConsistency(0, 0, root5, root5, none)).isFalse();
        assertThat(MerkleTree.verifyConsistency(0, 5, root3, root5, none)).isFalse();
        assertThat(MerkleTree.verifyConsistency(0, 5, empty, root5, List.of(empty))).isFalse();
        assertThat(MerkleTree.verifyConsistency(0, 5, empty, root5, List.of(root5))).isFalse();
        // Going backwards or below zero is never consistent.
        assertThat(MerkleTree.verifyConsistency(5, 3, root5, root3, none)).isFalse();
        assertThat(MerkleTree.verifyConsistency(5, 3, root5, root3, sweepTree.consistencyProof(3, 5))).isFalse();
        assertThat(MerkleTree.verifyConsistency(-1, 5, empty, root5, none)).isFalse();
        assertThat(MerkleTree.verifyConsistency(-1, -1, empty, empty, none)).isFalse();
        // 0 < old < new needs a proof (RFC 9162 §2.1.4.2 step 1).
        assertThat(MerkleTree.verifyConsistency(3, 5, root3, root5, none)).isFalse();
        assertThat(sweepTree.consistencyProof(0, 5)).isEmpty();
        assertThat(sweepTree.consistencyProof(5, 5)).isEmpty();
    }

    @Test
    void malformedInclusionInputAnswersFalse() {
        byte[] root = sweep.mth(0, 8);
        byte[] leaf = sweepLeafHashes.get(3);
        List<byte[]> proof = sweepTree.inclusionProof(3, 8);
        assertThat(MerkleTree.verifyInclusion(leaf, 3, 8, proof, root)).isTrue();
        assertThat(MerkleTree.verifyInclusion(null, 3, 8, proof, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(leaf, 3, 8, null, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(leaf, 3, 8, proof, null)).isFalse();
        assertThat(MerkleTree.verifyInclusion(leaf, 0, 0, List.of(), root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(leaf, -1, 8, proof, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(leaf, 8, 8, proof, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(leaf, 3, -8, proof, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(leaf, Long.MAX_VALUE - 1, Long.MAX_VALUE, proof, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(leaf, 3, Long.MAX_VALUE, proof, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(Arrays.copyOf(leaf, 31), 3, 8, proof, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(leaf, 3, 8, proof, Arrays.copyOf(root, 33))).isFalse();
        List<byte[]> withNull = new ArrayList<>(proof);
        withNull.set(1, null);
        assertThat(MerkleTree.verifyInclusion(leaf, 3, 8, withNull, root)).isFalse();
        // A single-leaf tree: its root is the leaf hash and its proof is empty.
        assertThat(MerkleTree.verifyInclusion(leaf, 0, 1, List.of(), leaf)).isTrue();
        assertThat(MerkleTree.verifyInclusion(leaf, 0, 1, List.of(leaf), leaf)).isFalse();
        assertThat(MerkleTree.verifyInclusion(leaf, 0, 1, List.of(), new byte[0])).isFalse();
    }

    @Test
    void malformedConsistencyInputAnswersFalse() {
        byte[] root3 = sweep.mth(0, 3);
        byte[] root8 = sweep.mth(0, 8);
        List<byte[]> proof = sweepTree.consistencyProof(3, 8);
        assertThat(MerkleTree.verifyConsistency(3, 8, root3, root8, proof)).isTrue();
        assertThat(MerkleTree.verifyConsistency(3, 8, null, root8, proof)).isFalse();
        assertThat(MerkleTree.verifyConsistency(3, 8, root3, null, proof)).isFalse();
        assertThat(MerkleTree.verifyConsistency(3, 8, root3, root8, null)).isFalse();
        assertThat(MerkleTree.verifyConsistency(3, 8, Arrays.copyOf(root3, 31), root8, proof)).isFalse();
        assertThat(MerkleTree.verifyConsistency(3, Long.MAX_VALUE, root3, root8, proof)).isFalse();
        assertThat(MerkleTree.verifyConsistency(Long.MAX_VALUE - 1, Long.MAX_VALUE, root3, root8, proof)).isFalse();
        List<byte[]> withNull = new ArrayList<>(proof);
        withNull.set(0, null);
        assertThat(MerkleTree.verifyConsistency(3, 8, root3, root8, withNull)).isFalse();
    }

    // ---------------------------------------------------------------- API contract

    @Test
    void leafHashUsesTheLeafPrefix() {
        byte[] data = "entry".getBytes(StandardCharsets.UTF_8);
        assertThat(MerkleTree.leafHash(data)).isEqualTo(sha256(new byte[] {0}, data));
        assertThat(MerkleTree.leafHash(data)).isNotEqualTo(sha256(data));
    }

    @Test
    void buildingCopiesTheLeavesAndResultsAreFreshCopies() {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            leaves.add(sweepLeafHashes.get(i).clone());
        }
        MerkleTree tree = MerkleTree.of(leaves);
        byte[] root = tree.root();
        leaves.get(4)[0] ^= 1;
        assertThat(tree.root()).isEqualTo(root);
        tree.root()[0] ^= 1;
        assertThat(tree.root()).isEqualTo(root);
        List<byte[]> proof = tree.inclusionProof(4, 5);
        proof.get(0)[0] ^= 1;
        assertThat(sameHashes(tree.inclusionProof(4, 5), sweep.path(4, 0, 5))).isTrue();
        assertThatThrownBy(() -> proof.add(new byte[32])).isInstanceOf(UnsupportedOperationException.class);
        MerkleTree.emptyRoot()[0] ^= 1;
        assertThat(Hex.encode(MerkleTree.emptyRoot())).isEqualTo(EMPTY_ROOT);
        List<byte[]> single = List.of(sweepLeafHashes.get(0).clone());
        MerkleTree.root(single)[0] ^= 1;
        assertThat(single.get(0)).isEqualTo(sweepLeafHashes.get(0));
    }

    @Test
    void badArgumentsToBuildersAreRefused() {
        List<byte[]> withShortLeaf = List.of(new byte[32], new byte[31]);
        assertThatThrownBy(() -> MerkleTree.of(withShortLeaf)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("leaf hash 1 is 31 bytes");
        assertThatThrownBy(() -> MerkleTree.root(withShortLeaf)).isInstanceOf(IllegalArgumentException.class);
        List<byte[]> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> MerkleTree.of(withNull)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("leaf hash 0 is null");
        assertThatThrownBy(() -> MerkleTree.root(withNull)).isInstanceOf(IllegalArgumentException.class);
        MerkleTree tree = MerkleTree.of(sweepLeafHashes.subList(0, 8));
        assertThatThrownBy(() -> tree.root(9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.root(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.inclusionProof(8, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.inclusionProof(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.inclusionProof(-1, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.inclusionProof(0, 9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.consistencyProof(5, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.consistencyProof(-1, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.consistencyProof(4, 9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleTree.root(sweepLeafHashes, SWEEP + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleTree.inclusionProof(sweepLeafHashes, 0, SWEEP + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleTree.consistencyProof(sweepLeafHashes, 0, SWEEP + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleTree.of(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> MerkleTree.leafHash(null)).isInstanceOf(NullPointerException.class);
    }

    // ---------------------------------------------------------------- corruption catalogues

    /**
     * Puts a genuine inclusion proof through every corruption. Each must be rejected, except that a
     * wrong size paired with the <em>same</em> root is judged against the definition-level verifier
     * (see {@link #aTreeSizeIsVouchedForByItsRootNotByTheProof}). With {@code everyBit}, every bit of
     * every element is flipped in turn, otherwise one bit per element.
     */
    private static void checkInclusionCorruptions(
            Reference ref, MerkleTree tree, int index, int size, boolean everyBit, List<String> failures) {
        byte[] root = ref.mth(0, size);
        byte[] leaf = ref.mth(index, index + 1);
        List<byte[]> proof = tree.inclusionProof(index, size);
        String at = "leaf " + index + " of " + size + ": ";
        Map<String, Boolean> rejectAll = new LinkedHashMap<>();

        if (!MerkleTree.verifyInclusion(leaf, index, size, proof, root)) {
            failures.add(at + "genuine proof rejected");
            return;
        }
        // Wrong index.
        for (long j : new long[] {index - 1L, index + 1L, index ^ 2L, index ^ 1L, size, size + 1L, -1,
                Long.MAX_VALUE, Long.MIN_VALUE}) {
            if (j != index) {
                rejectAll.put("index " + j, MerkleTree.verifyInclusion(leaf, j, size, proof, root));
            }
        }
        // Wrong size paired with that size's genuine root.
        int maxSize = ref.size();
        for (long s : new long[] {size - 1L, size + 1L, size - 2L, size + 2L, 2L * size, size / 2L, size + 7L}) {
            if (s != size && s > index && s <= maxSize) {
                rejectAll.put("size " + s + " with its root",
                        MerkleTree.verifyInclusion(leaf, index, s, proof, ref.mth(0, (int) s)));
            }
        }
        // Wrong size with this root: only what the definitions themselves cannot tell apart may pass.
        for (long s : new long[] {size - 1L, size + 1L, size - 2L, size + 2L, 2L * size, size / 2L, 0, -1,
                Long.MAX_VALUE, (long) Integer.MAX_VALUE + 1}) {
            if (s != size) {
                boolean actual = MerkleTree.verifyInclusion(leaf, index, s, proof, root);
                boolean definition = Reference.verifiesInclusion(leaf, index, s, proof, root);
                if (actual != definition) {
                    failures.add(at + "size " + s + " with this root: " + actual + ", definitions say " + definition);
                }
            }
        }
        // Elements flipped, removed, duplicated, truncated, extended, nulled.
        for (int e = 0; e < proof.size(); e++) {
            for (int bit = 0; bit < 256; bit++) {
                if (everyBit || bit == (e * 37 + 3) % 256) {
                    rejectAll.put("element " + e + " bit " + bit,
                            MerkleTree.verifyInclusion(leaf, index, size, replaced(proof, e, flip(proof.get(e), bit)), root));
                }
            }
            rejectAll.put("element " + e + " removed", MerkleTree.verifyInclusion(leaf, index, size, removed(proof, e), root));
            rejectAll.put("element " + e + " doubled",
                    MerkleTree.verifyInclusion(leaf, index, size, inserted(proof, e, proof.get(e)), root));
            rejectAll.put("element " + e + " truncated",
                    MerkleTree.verifyInclusion(leaf, index, size, replaced(proof, e, Arrays.copyOf(proof.get(e), 31)), root));
            rejectAll.put("element " + e + " extended",
                    MerkleTree.verifyInclusion(leaf, index, size, replaced(proof, e, Arrays.copyOf(proof.get(e), 33)), root));
            rejectAll.put("element " + e + " null", MerkleTree.verifyInclusion(leaf, index, size, replaced(proof, e, null), root));
            rejectAll.put("element " + e + " empty",
                    MerkleTree.verifyInclusion(leaf, index, size, replaced(proof, e, new byte[0]), root));
            for (int f = e + 1; f < proof.size(); f++) {
                rejectAll.put("elements " + e + " and " + f + " swapped",
                        MerkleTree.verifyInclusion(leaf, index, size, swapped(proof, e, f), root));
            }
        }
        // Extra elements.
        for (byte[] extra : List.of(root, leaf, new byte[32], sha256("extra".getBytes(StandardCharsets.UTF_8)))) {
            rejectAll.put("appended " + Hex.encode(extra).substring(0, 8),
                    MerkleTree.verifyInclusion(leaf, index, size, inserted(proof, proof.size(), extra), root));
            rejectAll.put("prepended " + Hex.encode(extra).substring(0, 8),
                    MerkleTree.verifyInclusion(leaf, index, size, inserted(proof, 0, extra), root));
            rejectAll.put("inserted in the middle " + Hex.encode(extra).substring(0, 8),
                    MerkleTree.verifyInclusion(leaf, index, size, inserted(proof, proof.size() / 2, extra), root));
        }
        // Wrong root.
        List<byte[]> wrongRoots = new ArrayList<>(List.of(MerkleTree.emptyRoot(), leaf, flip(root, 0), flip(root, 255),
                new byte[32]));
        if (size > 1) {
            wrongRoots.add(ref.mth(0, size - 1));
        }
        if (size < maxSize) {
            wrongRoots.add(ref.mth(0, size + 1));
        }
        for (byte[] wrong : wrongRoots) {
            if (!Arrays.equals(wrong, root)) {
                rejectAll.put("root " + Hex.encode(wrong).substring(0, 8), MerkleTree.verifyInclusion(leaf, index, size, proof, wrong));
            }
        }
        rejectAll.put("root truncated", MerkleTree.verifyInclusion(leaf, index, size, proof, Arrays.copyOf(root, 31)));
        // Wrong leaf.
        List<byte[]> wrongLeaves = new ArrayList<>(List.of(flip(leaf, 7), root, new byte[32]));
        if (size > 1) {
            wrongLeaves.add(ref.mth((index + 1) % size, (index + 1) % size + 1));
        }
        for (byte[] wrong : wrongLeaves) {
            if (!Arrays.equals(wrong, leaf)) {
                rejectAll.put("leaf " + Hex.encode(wrong).substring(0, 8), MerkleTree.verifyInclusion(wrong, index, size, proof, root));
            }
        }
        rejectAll.put("leaf truncated", MerkleTree.verifyInclusion(Arrays.copyOf(leaf, 31), index, size, proof, root));
        rejectAll.put("leaf data instead of its hash",
                MerkleTree.verifyInclusion(ref.entry(index), index, size, proof, root));
        rejectAll.put("leaf hashed without prefix",
                MerkleTree.verifyInclusion(sha256(ref.entry(index)), index, size, proof, root));

        rejectAll.forEach((what, accepted) -> {
            if (accepted) {
                failures.add(at + what + " accepted");
            }
        });
    }

    /** As {@link #checkInclusionCorruptions}, for a consistency proof with 0 &lt; oldSize &lt; newSize. */
    private static void checkConsistencyCorruptions(
            Reference ref, MerkleTree tree, int oldSize, int newSize, boolean everyBit, List<String> failures) {
        byte[] oldRoot = ref.mth(0, oldSize);
        byte[] newRoot = ref.mth(0, newSize);
        List<byte[]> proof = tree.consistencyProof(oldSize, newSize);
        String at = oldSize + " to " + newSize + ": ";
        Map<String, Boolean> rejectAll = new LinkedHashMap<>();
        int maxSize = ref.size();

        if (!MerkleTree.verifyConsistency(oldSize, newSize, oldRoot, newRoot, proof)) {
            failures.add(at + "genuine proof rejected");
            return;
        }
        if (!Reference.verifiesConsistency(oldSize, newSize, oldRoot, newRoot, proof)) {
            failures.add(at + "genuine proof rejected by the definitions");
        }
        // Wrong sizes paired with their genuine roots.
        for (long m : new long[] {oldSize - 1L, oldSize + 1L, oldSize - 2L, oldSize + 2L, oldSize / 2L, 2L * oldSize}) {
            if (m != oldSize && m >= 1 && m <= newSize) {
                rejectAll.put("old size " + m + " with its root",
                        MerkleTree.verifyConsistency(m, newSize, ref.mth(0, (int) m), newRoot, proof));
            }
        }
        for (long n : new long[] {newSize - 1L, newSize + 1L, newSize - 2L, newSize + 2L, newSize / 2L, 2L * newSize}) {
            if (n != newSize && n >= oldSize && n <= maxSize) {
                rejectAll.put("new size " + n + " with its root",
                        MerkleTree.verifyConsistency(oldSize, n, oldRoot, ref.mth(0, (int) n), proof));
            }
        }
        // Wrong sizes with these roots: only what the definitions cannot tell apart may pass.
        for (long m : new long[] {oldSize - 1L, oldSize + 1L, oldSize - 2L, oldSize + 2L, oldSize / 2L, 2L * oldSize,
                0, -1, newSize, Long.MAX_VALUE}) {
            if (m != oldSize) {
                boolean actual = MerkleTree.verifyConsistency(m, newSize, oldRoot, newRoot, proof);
                boolean definition = m > 0 && m < newSize
                        && Reference.verifiesConsistency(m, newSize, oldRoot, newRoot, proof);
                if (actual != definition) {
                    failures.add(at + "old size " + m + " with this root: " + actual + ", definitions say " + definition);
                }
            }
        }
        for (long n : new long[] {newSize - 1L, newSize + 1L, newSize - 2L, newSize + 2L, newSize / 2L, 2L * newSize,
                oldSize, 0, Long.MAX_VALUE}) {
            if (n != newSize) {
                boolean actual = MerkleTree.verifyConsistency(oldSize, n, oldRoot, newRoot, proof);
                boolean definition = oldSize < n && Reference.verifiesConsistency(oldSize, n, oldRoot, newRoot, proof);
                if (actual != definition) {
                    failures.add(at + "new size " + n + " with this root: " + actual + ", definitions say " + definition);
                }
            }
        }
        // Elements flipped, removed, duplicated, truncated, extended, nulled, swapped.
        for (int e = 0; e < proof.size(); e++) {
            for (int bit = 0; bit < 256; bit++) {
                if (everyBit || bit == (e * 41 + 4) % 256) {
                    rejectAll.put("element " + e + " bit " + bit, MerkleTree.verifyConsistency(
                            oldSize, newSize, oldRoot, newRoot, replaced(proof, e, flip(proof.get(e), bit))));
                }
            }
            rejectAll.put("element " + e + " removed",
                    MerkleTree.verifyConsistency(oldSize, newSize, oldRoot, newRoot, removed(proof, e)));
            rejectAll.put("element " + e + " doubled",
                    MerkleTree.verifyConsistency(oldSize, newSize, oldRoot, newRoot, inserted(proof, e, proof.get(e))));
            rejectAll.put("element " + e + " truncated", MerkleTree.verifyConsistency(
                    oldSize, newSize, oldRoot, newRoot, replaced(proof, e, Arrays.copyOf(proof.get(e), 31))));
            rejectAll.put("element " + e + " extended", MerkleTree.verifyConsistency(
                    oldSize, newSize, oldRoot, newRoot, replaced(proof, e, Arrays.copyOf(proof.get(e), 33))));
            rejectAll.put("element " + e + " null",
                    MerkleTree.verifyConsistency(oldSize, newSize, oldRoot, newRoot, replaced(proof, e, null)));
            for (int f = e + 1; f < proof.size(); f++) {
                rejectAll.put("elements " + e + " and " + f + " swapped",
                        MerkleTree.verifyConsistency(oldSize, newSize, oldRoot, newRoot, swapped(proof, e, f)));
            }
        }
        rejectAll.put("empty proof", MerkleTree.verifyConsistency(oldSize, newSize, oldRoot, newRoot, List.of()));
        // Extra elements.
        for (byte[] extra : List.of(oldRoot, newRoot, proof.get(0), new byte[32])) {
            rejectAll.put("appended " + Hex.encode(extra).substring(0, 8),
                    MerkleTree.verifyConsistency(oldSize, newSize, oldRoot, newRoot, inserted(proof, proof.size(), extra)));
            rejectAll.put("prepended " + Hex.encode(extra).substring(0, 8),
                    MerkleTree.verifyConsistency(oldSize, newSize, oldRoot, newRoot, inserted(proof, 0, extra)));
        }
        // Wrong roots, old and new.
        List<byte[]> wrongRoots = new ArrayList<>(List.of(MerkleTree.emptyRoot(), new byte[32], flip(oldRoot, 9),
                flip(newRoot, 200), ref.mth(0, oldSize - 1 == 0 ? 2 : oldSize - 1)));
        if (newSize < maxSize) {
            wrongRoots.add(ref.mth(0, newSize + 1));
        }
        for (byte[] wrong : wrongRoots) {
            if (!Arrays.equals(wrong, oldRoot)) {
                rejectAll.put("old root " + Hex.encode(wrong).substring(0, 8),
                        MerkleTree.verifyConsistency(oldSize, newSize, wrong, newRoot, proof));
            }
            if (!Arrays.equals(wrong, newRoot)) {
                rejectAll.put("new root " + Hex.encode(wrong).substring(0, 8),
                        MerkleTree.verifyConsistency(oldSize, newSize, oldRoot, wrong, proof));
            }
        }
        rejectAll.put("roots swapped", MerkleTree.verifyConsistency(oldSize, newSize, newRoot, oldRoot, proof));
        rejectAll.put("old root truncated",
                MerkleTree.verifyConsistency(oldSize, newSize, Arrays.copyOf(oldRoot, 31), newRoot, proof));
        rejectAll.put("new root extended",
                MerkleTree.verifyConsistency(oldSize, newSize, oldRoot, Arrays.copyOf(newRoot, 33), proof));

        rejectAll.forEach((what, accepted) -> {
            if (accepted) {
                failures.add(at + what + " accepted");
            }
        });
    }

    // ---------------------------------------------------------------- the RFC's definitions, naively

    /**
     * RFC 9162 §2.1.1 MTH, §2.1.3.1 PATH and §2.1.4.1 PROOF/SUBPROOF transcribed as the recursions
     * they are, over the raw entries, with SHA-256 straight from the JDK. {@code (from, to)} stands for
     * the RFC's D[from:to]. MTH results are memoised, which changes nothing but the running time.
     *
     * <p>The two verifiers read those same recursions backwards: a proof is the recursion's output,
     * last element outermost, so they consume it from the end and rebuild the hashes. They share
     * nothing with RFC 9162's bit-walking verification algorithm, which makes them an independent
     * judge of what a proof can and cannot show.
     */
    private static final class Reference {

        private final List<byte[]> entries;
        private final Map<Long, byte[]> memo = new HashMap<>();

        Reference(List<byte[]> entries) {
            this.entries = entries;
        }

        int size() {
            return entries.size();
        }

        byte[] entry(int index) {
            return entries.get(index);
        }

        /** MTH(D[from:to]). */
        byte[] mth(int from, int to) {
            long key = ((long) from << 32) | to;
            byte[] cached = memo.get(key);
            if (cached != null) {
                return cached;
            }
            int n = to - from;
            byte[] hash;
            if (n == 0) {
                hash = sha256();
            } else if (n == 1) {
                hash = sha256(new byte[] {0x00}, entries.get(from));
            } else {
                int k = (int) largestPowerOfTwoBelow(n);
                hash = sha256(new byte[] {0x01}, mth(from, from + k), mth(from + k, to));
            }
            memo.put(key, hash);
            return hash;
        }

        /** PATH(m, D[from:to]), m counted from {@code from}. */
        List<byte[]> path(int m, int from, int to) {
            int n = to - from;
            if (n == 1) {
                return new ArrayList<>();
            }
            int k = (int) largestPowerOfTwoBelow(n);
            List<byte[]> result;
            if (m < k) {
                result = path(m, from, from + k);
                result.add(mth(from + k, to));
            } else {
                result = path(m - k, from + k, to);
                result.add(mth(from, from + k));
            }
            return result;
        }

        /** PROOF(m, D[n]) for 0 &lt; m &lt; n. */
        List<byte[]> proof(int m, int n) {
            return subproof(m, 0, n, true);
        }

        /** SUBPROOF(m, D[from:to], b), m counted from {@code from}. */
        private List<byte[]> subproof(int m, int from, int to, boolean b) {
            int n = to - from;
            if (m == n) {
                List<byte[]> result = new ArrayList<>();
                if (!b) {
                    result.add(mth(from, to));
                }
                return result;
            }
            int k = (int) largestPowerOfTwoBelow(n);
            List<byte[]> result;
            if (m <= k) {
                result = subproof(m, from, from + k, b);
                result.add(mth(from + k, to));
            } else {
                result = subproof(m - k, from + k, to, false);
                result.add(mth(from, from + k));
            }
            return result;
        }

        /** Whether {@code proof} is, element for element, a PATH(index, D[size]) leading from {@code leaf} to {@code root}. */
        static boolean verifiesInclusion(byte[] leaf, long index, long size, List<byte[]> proof, byte[] root) {
            if (index < 0 || index >= size || !allHashes(proof) || !isHash(leaf) || !isHash(root)) {
                return false;
            }
            Deque<byte[]> remaining = new ArrayDeque<>(proof);
            byte[] rebuilt = rootFromPath(leaf, index, size, remaining);
            return rebuilt != null && remaining.isEmpty() && Arrays.equals(rebuilt, root);
        }

        private static byte[] rootFromPath(byte[] leaf, long m, long n, Deque<byte[]> remaining) {
            if (n == 1) {
                return leaf;
            }
            if (remaining.isEmpty()) {
                return null;
            }
            long k = largestPowerOfTwoBelow(n);
            byte[] sibling = remaining.pollLast();
            byte[] below = m < k ? rootFromPath(leaf, m, k, remaining) : rootFromPath(leaf, m - k, n - k, remaining);
            if (below == null) {
                return null;
            }
            return m < k ? sha256(new byte[] {0x01}, below, sibling) : sha256(new byte[] {0x01}, sibling, below);
        }

        /** Whether {@code proof} is, element for element, a PROOF(oldSize, D[newSize]) joining the two roots; 0 &lt; oldSize &lt; newSize. */
        static boolean verifiesConsistency(long oldSize, long newSize, byte[] oldRoot, byte[] newRoot, List<byte[]> proof) {
            if (oldSize <= 0 || oldSize >= newSize || !allHashes(proof) || !isHash(oldRoot) || !isHash(newRoot)) {
                return false;
            }
            Deque<byte[]> remaining = new ArrayDeque<>(proof);
            byte[][] rebuilt = rootsFromSubproof(oldSize, newSize, true, oldRoot, remaining);
            return rebuilt != null && remaining.isEmpty()
                    && Arrays.equals(rebuilt[0], oldRoot) && Arrays.equals(rebuilt[1], newRoot);
        }

        /** Rebuilds {old part's hash, whole range's hash} of a SUBPROOF(m, D[n], b). */
        private static byte[][] rootsFromSubproof(long m, long n, boolean b, byte[] oldRoot, Deque<byte[]> remaining) {
            if (m == n) {
                if (b) {
                    // SUBPROOF(m, D[m], true) is empty: this subtree is the old tree, whose root the verifier has.
                    return new byte[][] {oldRoot, oldRoot};
                }
                byte[] node = remaining.pollLast();
                return node == null ? null : new byte[][] {node, node};
            }
            if (remaining.isEmpty()) {
                return null;
            }
            long k = largestPowerOfTwoBelow(n);
            byte[] sibling = remaining.pollLast();
            if (m <= k) {
                byte[][] left = rootsFromSubproof(m, k, b, oldRoot, remaining);
                return left == null ? null : new byte[][] {left[0], sha256(new byte[] {0x01}, left[1], sibling)};
            }
            byte[][] right = rootsFromSubproof(m - k, n - k, false, oldRoot, remaining);
            return right == null ? null : new byte[][] {
                sha256(new byte[] {0x01}, sibling, right[0]), sha256(new byte[] {0x01}, sibling, right[1])};
        }

        /** The largest power of two below n, for n &ge; 2, found the slow, obvious way. */
        private static long largestPowerOfTwoBelow(long n) {
            long k = 1;
            while (k <= (n - 1) / 2) {
                k *= 2;
            }
            return k;
        }

        private static boolean allHashes(List<byte[]> proof) {
            if (proof == null) {
                return false;
            }
            for (byte[] element : proof) {
                if (!isHash(element)) {
                    return false;
                }
            }
            return true;
        }

        private static boolean isHash(byte[] hash) {
            return hash != null && hash.length == 32;
        }
    }

    // ---------------------------------------------------------------- small tools

    private static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                md.update(part);
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static List<byte[]> hashAll(List<byte[]> entries) {
        List<byte[]> hashes = new ArrayList<>();
        for (byte[] entry : entries) {
            hashes.add(MerkleTree.leafHash(entry));
        }
        return hashes;
    }

    private static boolean sameHashes(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> hexList(List<byte[]> hashes) {
        List<String> out = new ArrayList<>();
        for (byte[] hash : hashes) {
            out.add(Hex.encode(hash));
        }
        return out;
    }

    private static List<byte[]> unhexList(List<String> hex) {
        List<byte[]> out = new ArrayList<>();
        for (String h : hex) {
            out.add(Hex.decode(h));
        }
        return out;
    }

    private static byte[] flip(byte[] bytes, int bit) {
        byte[] copy = bytes.clone();
        copy[bit / 8] ^= (byte) (1 << (bit % 8));
        return copy;
    }

    private static List<byte[]> replaced(List<byte[]> proof, int index, byte[] element) {
        List<byte[]> copy = new ArrayList<>(proof);
        copy.set(index, element);
        return copy;
    }

    private static List<byte[]> removed(List<byte[]> proof, int index) {
        List<byte[]> copy = new ArrayList<>(proof);
        copy.remove(index);
        return copy;
    }

    private static List<byte[]> inserted(List<byte[]> proof, int index, byte[] element) {
        List<byte[]> copy = new ArrayList<>(proof);
        copy.add(index, element);
        return copy;
    }

    private static List<byte[]> swapped(List<byte[]> proof, int i, int j) {
        List<byte[]> copy = new ArrayList<>(proof);
        copy.set(i, proof.get(j));
        copy.set(j, proof.get(i));
        return copy;
    }
}
