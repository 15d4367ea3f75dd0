package org.clinicledger.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class MerkleFrontierTest {

    private static byte[] leaf(int i) {
        return MerkleTree.leafHash(ByteBuffer.allocate(4).putInt(i).array());
    }

    @Test
    void emptyFrontierHasTheEmptyRoot() {
        assertThat(MerkleFrontier.empty().root()).isEqualTo(MerkleTree.emptyRoot());
        assertThat(MerkleFrontier.empty().size()).isZero();
    }

    @Test
    void rootMatchesTheFullTreeAtEverySizeAndSurvivesStorage() {
        List<byte[]> leaves = new ArrayList<>();
        MerkleFrontier frontier = MerkleFrontier.empty();
        for (int size = 1; size <= 300; size++) {
            byte[] leaf = leaf(size);
            leaves.add(leaf);
            frontier.append(leaf);
            assertThat(frontier.size()).isEqualTo(size);
            assertThat(frontier.root()).as("root at size %d", size).isEqualTo(MerkleTree.root(leaves));
            assertThat(frontier.encoded()).hasSize(Long.bitCount(size) * Sha256.LENGTH);
            MerkleFrontier restored = MerkleFrontier.decode(frontier.encoded(), size);
            assertThat(restored.root()).isEqualTo(frontier.root());
            frontier = restored;
        }
    }

    @Test
    void refusesAStoredFrontierThatDoesNotFitItsSize() {
        byte[] oneHash = new byte[32];
        assertThatThrownBy(() -> MerkleFrontier.decode(oneHash, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleFrontier.decode(new byte[31], 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleFrontier.decode(new byte[0], -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesALeafHashOfTheWrongLength() {
        assertThatThrownBy(() -> MerkleFrontier.empty().append(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }
}
