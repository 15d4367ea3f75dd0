package org.clinicledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.clinicledger.crypto.Hex;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.ConsistencyProof;
import org.clinicledger.domain.InclusionProof;
import org.clinicledger.domain.SignedHead;
import org.clinicledger.store.BlockRow;
import org.clinicledger.store.ChainStore;
import org.clinicledger.store.DataFolder;
import org.clinicledger.store.HeadRow;
import org.clinicledger.store.TestUnits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainProofsTest {

    @TempDir
    Path temp;

    private Path folder;
    private LedgerFixture fixture;
    private ChainProofs proofs;
    private final ChainStore store = new ChainStore();

    @BeforeEach
    void buildLedger() {
        folder = temp.resolve("data");
        fixture = LedgerFixture.everyKind(folder);
        proofs = fixture.workspace.proofs();
    }

    @Test
    void theNodeKeyOnFileIsTheOneItsChainRegisters() throws SQLException {
        SigningKey nodeKey = NodeIdentity.load(folder).orElseThrow();
        try (Connection connection = connect()) {
            BlockRow registration = store.block(TestUnits.of(connection), "node/" + nodeKey.keyId(), 0).orElseThrow();
            assertThat(registration.kind()).isEqualTo(BlockKind.REGISTRATION.code());
            assertThat(registration.subjectKey()).isEqualTo(nodeKey.publicKey());
        }
    }

    @Test
    void everyBlockIsProvenAsOfItsChainsNewestHead() throws SQLException {
        byte[] nodeKey = nodePublicKey();
        int checked = 0;
        for (ChainId chain : chains()) {
            List<byte[]> hashes = hashes(chain);
            SignedHead newest = proofs.newestHead(chain);
            assertThat(newest.size()).as("newest head of %s", chain).isEqualTo(hashes.size());
            for (int height = 0; height < hashes.size(); height++) {
                InclusionProof proof = proofs.inclusionProof(chain, height, newest.size());
                assertThat(proof.chain()).isEqualTo(chain);
                assertThat(proof.height()).isEqualTo(height);
                assertThat(proof.blockHash()).isEqualTo(hashes.get(height));
                assertSameHead(proof.head(), newest);
                assertThat(ChainProofs.check(proof, nodeKey)).as("%s#%d", chain, height).isTrue();
                checked++;
            }
        }
        // The second administrator's registration, who confirms the emergency access, both blocks of the
        // correction of demographics, the two blocks of a doctor's deactivation and the two of a merge of
        // patients among them too.
        assertThat(checked).as("every block of the fixture, the clinic key's registration among them").isEqualTo(53);
    }

    @Test
    void everyBlockIsProvenAsOfEveryHeadThatCoversIt() throws SQLException {
        byte[] nodeKey = nodePublicKey();
        for (ChainId chain : chains()) {
            List<HeadRow> heads = heads(chain);
            assertThat(heads).as("one head per append").hasSize(hashes(chain).size());
            for (HeadRow head : heads) {
                for (long height = 0; height < head.size(); height++) {
                    InclusionProof proof = proofs.inclusionProof(chain, height, head.size());
                    assertThat(proof.head().size()).isEqualTo(head.size());
                    assertThat(proof.head().root()).isEqualTo(head.root());
                    assertThat(ChainProofs.check(proof, nodeKey)).as("%s#%d of %d", chain, height, head.size())
                            .isTrue();
                }
            }
        }
    }

    @Test
    void everyHeadOfAChainIsConsistentWithEveryOlderOne() throws SQLException {
        byte[] nodeKey = nodePublicKey();
        for (ChainId chain : chains()) {
            List<HeadRow> heads = heads(chain);
            for (HeadRow older : heads) {
                for (HeadRow newer : heads) {
                    if (older.size() > newer.size()) {
                        continue;
                    }
                    ConsistencyProof proof = proofs.consistencyProof(chain, older.size(), newer.size());
                    assertThat(proof.older().size()).isEqualTo(older.size());
                    assertThat(proof.newer().size()).isEqualTo(newer.size());
                    assertThat(ChainProofs.check(proof, nodeKey))
                            .as("%s from %d to %d", chain, older.size(), newer.size()).isTrue();
                }
            }
        }
    }

    @Test
    void aReceiptStaysValidAfterLaterAppendsAndTheNewHeadExtendsIt() {
        byte[] nodeKey = nodePublicKey();
        ChainId doctor = fixture.doctors.get(0);
        ChainId patient = fixture.patients.get(0);
        InclusionProof receipt = proofs.inclusionProof(doctor, 3, proofs.newestHead(doctor).size());
        long receiptSize = receipt.head().size();

        fixture.between(BlockKind.RECORD_ADDED, doctor, patient);
        fixture.between(BlockKind.RECORD_VIEWED, doctor, patient);

        assertThat(ChainProofs.check(receipt, nodeKey)).isTrue();
        long newSize = proofs.newestHead(doctor).size();
        assertThat(newSize).isEqualTo(receiptSize + 2);
        assertThat(ChainProofs.check(proofs.consistencyProof(doctor, receiptSize, newSize), nodeKey)).isTrue();
        assertThat(ChainProofs.check(proofs.inclusionProof(doctor, 3, newSize), nodeKey)).isTrue();
    }

    @Test
    void aProofIsRejectedUnderAnyOtherKeyThanTheNodes() {
        InclusionProof proof = newestProof(fixture.patients.get(0), 4);
        ConsistencyProof consistency = proofs.consistencyProof(fixture.patients.get(0), 3, 8);
        for (byte[] other : List.of(fixture.owners.get(fixture.doctors.get(0)).publicKey(), fixture.newKey().publicKey())) {
            assertThat(ChainProofs.check(proof, other)).isFalse();
            assertThat(ChainProofs.check(consistency, other)).isFalse();
        }
    }

    @Test
    void aHeadOfAnotherChainProvesNothing() {
        byte[] nodeKey = nodePublicKey();
        ChainId doctor = fixture.doctors.get(0);
        ChainId patient = fixture.patients.get(0);
        long size = proofs.newestHead(doctor).size();
        // The patient's chain has a head of the same size, so only the chain tells them apart.
        InclusionProof genuine = proofs.inclusionProof(doctor, 2, size);
        SignedHead patientsHead = proofs.inclusionProof(patient, 0, size).head();
        assertThat(patientsHead.size()).isEqualTo(size);

        InclusionProof borrowed = new InclusionProof(doctor, 2, genuine.blockHash(), genuine.path(), patientsHead);
        InclusionProof relabelled = new InclusionProof(patient, 2, genuine.blockHash(), genuine.path(), genuine.head());
        assertThat(ChainProofs.check(borrowed, nodeKey)).isFalse();
        assertThat(ChainProofs.check(relabelled, nodeKey)).isFalse();

        ConsistencyProof consistency = proofs.consistencyProof(doctor, 3, size);
        SignedHead patientsOlder = proofs.inclusionProof(patient, 0, 3).head();
        assertThat(ChainProofs.check(new ConsistencyProof(doctor, patientsOlder, consistency.newer(),
                consistency.path()), nodeKey)).isFalse();
        assertThat(ChainProofs.check(new ConsistencyProof(patient, consistency.older(), consistency.newer(),
                consistency.path()), nodeKey)).isFalse();
    }

    @Test
    void aChangedPathElementIsRejected() {
        byte[] nodeKey = nodePublicKey();
        ChainId patient = fixture.patients.get(0);
        InclusionProof proof = newestProof(patient, 5);
        assertThat(proof.path()).isNotEmpty();
        for (int i = 0; i < proof.path().size(); i++) {
            InclusionProof changed = new InclusionProof(proof.chain(), proof.height(), proof.blockHash(),
                    withFlippedBit(proof.path(), i), proof.head());
            assertThat(ChainProofs.check(changed, nodeKey)).as("path element %d", i).isFalse();
        }
        List<byte[]> shorter = proof.path().subList(0, proof.path().size() - 1);
        assertThat(ChainProofs.check(new InclusionProof(proof.chain(), proof.height(), proof.blockHash(), shorter,
                proof.head()), nodeKey)).isFalse();

        ConsistencyProof consistency = proofs.consistencyProof(patient, 3, 10);
        assertThat(consistency.path()).isNotEmpty();
        for (int i = 0; i < consistency.path().size(); i++) {
            ConsistencyProof changed = new ConsistencyProof(patient, consistency.older(), consistency.newer(),
                    withFlippedBit(consistency.path(), i));
            assertThat(ChainProofs.check(changed, nodeKey)).as("path element %d", i).isFalse();
        }
    }

    @Test
    void aProofForOneHeightProvesNoOtherAndNoOtherBlock() throws SQLException {
        byte[] nodeKey = nodePublicKey();
        ChainId patient = fixture.patients.get(0);
        List<byte[]> hashes = hashes(patient);
        InclusionProof proof = newestProof(patient, 5);
        for (long height = -1; height <= hashes.size(); height++) {
            if (height != proof.height()) {
                InclusionProof moved = new InclusionProof(patient, height, proof.blockHash(), proof.path(), proof.head());
                assertThat(ChainProofs.check(moved, nodeKey)).as("claimed at height %d", height).isFalse();
            }
        }
        for (int height = 0; height < hashes.size(); height++) {
            if (height != proof.height()) {
                InclusionProof other = new InclusionProof(patient, proof.height(), hashes.get(height), proof.path(),
                        proof.head());
                assertThat(ChainProofs.check(other, nodeKey)).as("hash of block %d", height).isFalse();
            }
        }
        byte[] flipped = proof.blockHash().clone();
        flipped[0] ^= 0x01;
        assertThat(ChainProofs.check(new InclusionProof(patient, proof.height(), flipped, proof.path(), proof.head()),
                nodeKey)).isFalse();
    }

    @Test
    void olderAndNewerCannotSwapPlaces() {
        byte[] nodeKey = nodePublicKey();
        ChainId doctor = fixture.doctors.get(0);
        for (long[] sizes : new long[][] {{3, 9}, {4, 8}, {1, 2}, {5, 6}}) {
            ConsistencyProof proof = proofs.consistencyProof(doctor, sizes[0], sizes[1]);
            assertThat(ChainProofs.check(proof, nodeKey)).isTrue();
            ConsistencyProof swapped = new ConsistencyProof(doctor, proof.newer(), proof.older(), proof.path());
            assertThat(ChainProofs.check(swapped, nodeKey)).as("%d and %d swapped", sizes[0], sizes[1]).isFalse();
        }
    }

    @Test
    void aHeadChangedInAnyFieldIsRejected() {
        byte[] nodeKey = nodePublicKey();
        ChainId doctor = fixture.doctors.get(0);
        InclusionProof proof = newestProof(doctor, 4);
        ConsistencyProof consistency = proofs.consistencyProof(doctor, 4, proof.head().size());
        SignedHead head = proof.head();
        byte[] root = head.root().clone();
        root[7] ^= 0x10;
        byte[] signature = head.signature().clone();
        signature[0] ^= 0x01;
        List<SignedHead> changed = List.of(
                new SignedHead(head.chain(), head.size(), root, head.signedAt(), head.nodeKeyId(), head.signature(),
                        head.previousHead(), null),
                new SignedHead(head.chain(), head.size(), head.root(), head.signedAt().plusMillis(1), head.nodeKeyId(),
                        head.signature(), head.previousHead(), null),
                new SignedHead(head.chain(), head.size() + 1, head.root(), head.signedAt(), head.nodeKeyId(),
                        head.signature(), head.previousHead(), null),
                new SignedHead(head.chain(), head.size(), head.root(), head.signedAt(), head.nodeKeyId(), signature,
                        head.previousHead(), null),
                new SignedHead(head.chain(), head.size(), head.root(), Instant.EPOCH, "0".repeat(32), head.signature(),
                        head.previousHead(), null),
                new SignedHead(head.chain(), head.size(), head.root(), head.signedAt(), head.nodeKeyId(),
                        head.signature(), new byte[32], null));
        for (SignedHead forged : changed) {
            assertThat(ChainProofs.check(new InclusionProof(doctor, proof.height(), proof.blockHash(), proof.path(),
                    forged), nodeKey)).isFalse();
            assertThat(ChainProofs.check(new ConsistencyProof(doctor, consistency.older(), forged, consistency.path()),
                    nodeKey)).isFalse();
        }
    }

    @Test
    void aHeadWhoseRootWasChangedInTheDatabaseYieldsProofsThatFail() throws SQLException {
        byte[] nodeKey = nodePublicKey();
        ChainId doctor = fixture.doctors.get(0);
        long size = proofs.newestHead(doctor).size();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TRIGGER signed_heads_are_never_updated");
            statement.execute("UPDATE signed_heads SET root = zeroblob(32) WHERE chain_id = '" + doctor.value()
                    + "' AND size = " + size);
        }
        for (long height = 0; height < size; height++) {
            assertThat(ChainProofs.check(proofs.inclusionProof(doctor, height, size), nodeKey)).isFalse();
        }
        assertThat(ChainProofs.check(proofs.consistencyProof(doctor, 2, size), nodeKey)).isFalse();
        assertThat(ChainProofs.check(proofs.inclusionProof(doctor, 0, size - 1), nodeKey)).isTrue();
    }

    @Test
    void proofsAreRefusedForBlocksBeyondTheHeadAndForSizesWithoutAHead() {
        ChainId doctor = fixture.doctors.get(0);
        ChainId patient = fixture.patients.get(0);
        long size = proofs.newestHead(doctor).size();
        for (long height : new long[] {size, size + 1, -1}) {
            assertThatThrownBy(() -> proofs.inclusionProof(doctor, height, size))
                    .as("height %d", height).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> proofs.inclusionProof(doctor, 3, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> proofs.inclusionProof(doctor, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> proofs.inclusionProof(doctor, 0, size + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> proofs.inclusionProof(new ChainId(doctor.party(), "dnobody"), 0, 1))
                .isInstanceOf(IllegalArgumentException.class);

        // One transaction of several events seals one head per chain: the sizes in between have none.
        SigningKey author = fixture.owners.get(doctor);
        fixture.ledger().appendAll(List.of(
                EventSpec.between(BlockKind.RECORD_ADDED, author, doctor, new byte[] {1}, patient, new byte[] {2}),
                EventSpec.between(BlockKind.RECORD_AMENDED, author, doctor, new byte[] {3}, patient, new byte[] {4}),
                EventSpec.between(BlockKind.RECORD_VIEWED, author, doctor, new byte[] {5}, patient, new byte[] {6})));
        assertThat(proofs.newestHead(doctor).size()).isEqualTo(size + 3);
        for (long unsealed : new long[] {size + 1, size + 2}) {
            assertThatThrownBy(() -> proofs.inclusionProof(doctor, 0, unsealed))
                    .as("head size %d", unsealed).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> proofs.consistencyProof(doctor, size, unsealed))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(ChainProofs.check(proofs.inclusionProof(doctor, size + 1, size + 3), nodePublicKey())).isTrue();
        assertThat(ChainProofs.check(proofs.consistencyProof(doctor, size, size + 3), nodePublicKey())).isTrue();
        assertThatThrownBy(() -> proofs.consistencyProof(doctor, size, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- helpers

    private InclusionProof newestProof(ChainId chain, long height) {
        return proofs.inclusionProof(chain, height, proofs.newestHead(chain).size());
    }

    /** The node's public key as its own chain registers it, not as the key file holds it. */
    private byte[] nodePublicKey() {
        String chain = "node/" + NodeIdentity.load(folder).orElseThrow().keyId();
        try (Connection connection = connect()) {
            return store.block(TestUnits.of(connection), chain, 0).orElseThrow().subjectKey();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<ChainId> chains() throws SQLException {
        try (Connection connection = connect()) {
            return store.chainIds(TestUnits.of(connection)).stream().map(ChainId::parse).toList();
        }
    }

    private List<byte[]> hashes(ChainId chain) throws SQLException {
        try (Connection connection = connect()) {
            return store.blockHashes(TestUnits.of(connection), chain.value());
        }
    }

    private List<HeadRow> heads(ChainId chain) throws SQLException {
        try (Connection connection = connect()) {
            return store.heads(TestUnits.of(connection), chain.value());
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + folder.resolve(DataFolder.DATABASE_FILE));
    }

    private static void assertSameHead(SignedHead actual, SignedHead expected) {
        assertThat(actual.chain()).isEqualTo(expected.chain());
        assertThat(actual.size()).isEqualTo(expected.size());
        assertThat(Hex.encode(actual.root())).isEqualTo(Hex.encode(expected.root()));
        assertThat(actual.signedAt()).isEqualTo(expected.signedAt());
        assertThat(actual.nodeKeyId()).isEqualTo(expected.nodeKeyId());
        assertThat(Hex.encode(actual.signature())).isEqualTo(Hex.encode(expected.signature()));
    }

    private static List<byte[]> withFlippedBit(List<byte[]> path, int index) {
        List<byte[]> changed = new ArrayList<>(path);
        byte[] element = changed.get(index).clone();
        element[element.length - 1] ^= 0x01;
        changed.set(index, element);
        return changed;
    }
}
