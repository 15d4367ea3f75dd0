package org.clinicledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.crypto.CanonicalJson;
import org.clinicledger.crypto.Ed25519;
import org.clinicledger.crypto.MerkleTree;
import org.clinicledger.crypto.SignedNote;
import org.clinicledger.crypto.TlogCheckpoint;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.Checkpoint;
import org.clinicledger.domain.ClinicFingerprint;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.ProblemCode;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.VerificationProblem;
import org.clinicledger.store.ChainStore;
import org.clinicledger.store.DataFolder;
import org.clinicledger.store.HeadRow;
import org.clinicledger.store.TestUnits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every signed head is also a C2SP checkpoint signed by the node: it opens as a signed note under
 * the node's verifier key, names its chain and clinic in its origin, and verify notices a changed
 * or dropped checkpoint signature.
 */
class CheckpointsTest {

    @TempDir
    Path temp;

    private Path folder;
    private LedgerFixture fixture;
    private final ChainStore store = new ChainStore();

    @BeforeEach
    void buildLedger() {
        folder = temp.resolve("data");
        fixture = LedgerFixture.everyKind(folder);
    }

    @Test
    void everyHeadOpensAsACheckpointOfItsChainUnderTheNodesVerifierKey() throws SQLException {
        ClinicFingerprint clinic = fixture.workspace.clinic().fingerprint().orElseThrow();
        byte[] nodeKey = NodeIdentity.load(folder).orElseThrow().publicKey();
        SignedNote.VerifierKey verifier = Checkpoints.verifierKey(clinic, nodeKey);
        assertThat(verifier.name()).isEqualTo("clinicledger/" + clinic.value() + "/node/" + BlockCodec.keyId(nodeKey));
        int heads = 0;
        try (Connection connection = connect()) {
            for (String chain : store.chainIds(TestUnits.of(connection))) {
                for (HeadRow head : store.heads(TestUnits.of(connection), chain)) {
                    Checkpoint checkpoint = Checkpoints.note(clinic, head, nodeKey);
                    String text = SignedNote.open(checkpoint.signedNote().getBytes(StandardCharsets.UTF_8), verifier);
                    assertThat(text).isEqualTo("clinicledger/" + clinic.value() + "/" + chain + "\n" + head.size() + "\n"
                            + checkpoint.rootBase64() + "\n");
                    TlogCheckpoint body = TlogCheckpoint.parse(text);
                    assertThat(body.root()).isEqualTo(head.root());
                    assertThat(Checkpoints.chainOf(clinic, body.origin())).isEqualTo(chain);
                    heads++;
                }
            }
        }
        assertThat(heads).isGreaterThan(20);
        assertThatThrownBy(() -> Checkpoints.chainOf(new ClinicFingerprint("A".repeat(32)),
                Checkpoints.origin(clinic, "doctor/x"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theEvidenceOfABlockLeadsToTheNewestCheckpoint() throws SQLException {
        ChainId patient = fixture.patients.get(0);
        BlockEvidence evidence = fixture.workspace.database().read("prove", work ->
                fixture.workspace.proofs().evidence(work, patient, 1));
        assertThat(MerkleTree.verifyInclusion(MerkleTree.leafHash(evidence.block().hash()), 1,
                evidence.checkpoint().size(), evidence.inclusionPath(), evidence.checkpoint().root())).isTrue();
        assertThat(ChainProofs.readHashedBlock(evidence.hashedBytes()).height()).isEqualTo(1);
        assertThat(ChainProofs.authorizes(evidence.clinicPublicKey(), evidence.nodeChain(), evidence.nodePublicKey(),
                evidence.nodeAuthorization())).isTrue();
        assertThat(ChainProofs.authorizes(evidence.nodePublicKey(), evidence.nodeChain(), evidence.nodePublicKey(),
                evidence.nodeAuthorization())).isFalse();
        assertThatThrownBy(() -> fixture.workspace.database().read("prove", work ->
                fixture.workspace.proofs().evidence(work, patient, 1000))).isInstanceOf(RefusedException.class);
    }

    @Test
    void aChangedCheckpointSignatureIsFoundByVerify() throws SQLException {
        ChainId doctor = fixture.doctors.get(0);
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TRIGGER signed_heads_are_never_updated");
            statement.execute("UPDATE signed_heads SET checkpoint_signature = zeroblob(64) WHERE chain_id = '"
                    + doctor.value() + "' AND size = 2");
        }
        assertThat(problems()).filteredOn(problem -> problem.code() == ProblemCode.CHECKPOINT_SIGNATURE)
                .singleElement().satisfies(problem -> {
                    assertThat(problem.chain()).isEqualTo(doctor.value());
                    assertThat(problem.reason()).contains("checkpoint signature on the head over 2 blocks does not verify");
                });
    }

    @Test
    void aCheckpointSignatureDroppedAfterAnEarlierOneIsFoundByVerify() throws SQLException {
        ChainId doctor = fixture.doctors.get(0);
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TRIGGER signed_heads_are_never_updated");
            statement.execute("UPDATE signed_heads SET checkpoint_signature = NULL WHERE chain_id = '"
                    + doctor.value() + "' AND size = (SELECT max(size) FROM signed_heads WHERE chain_id = '"
                    + doctor.value() + "')");
        }
        assertThat(problems()).filteredOn(problem -> problem.code() == ProblemCode.CHECKPOINT_SIGNATURE)
                .singleElement().extracting(VerificationProblem::reason).asString()
                .contains("has no checkpoint signature, though the heads before it have");
        // A proof then leans on the newest head that still has one.
        long newest = fixture.workspace.proofs().newestHead(doctor).size();
        BlockEvidence evidence = fixture.workspace.database().read("prove", work ->
                fixture.workspace.proofs().evidence(work, doctor, 0));
        assertThat(evidence.checkpoint().size()).isLessThan(newest);
    }

    @Test
    void aMachineKeyTheClinicDidNotAuthorizeIsNotOneOfTheClinicsMachines() {
        SigningKey attacker = new SigningKey(Ed25519.KeyPair.generate(new SecureRandom()));
        ChainId chain = new ChainId(PartyKind.NODE, attacker.keyId());
        ObjectNode payload = KeyAuthorization.sign(attacker, chain, attacker.publicKey())
                .addTo(JsonNodeFactory.instance.objectNode());
        Forger forger = new Forger(fixture.workspace);
        forger.write(forger.next(chain, BlockKind.REGISTRATION, attacker, CanonicalJson.encode(payload)));

        List<byte[]> machines = fixture.workspace.database().read("read", work ->
                fixture.workspace.proofs().authorizedNodeKeys(work));

        assertThat(machines).singleElement().isEqualTo(NodeIdentity.load(folder).orElseThrow().publicKey());
    }

    private List<VerificationProblem> problems() {
        return fixture.workspace.verify(Progress.NONE).problems();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + folder.resolve(DataFolder.DATABASE_FILE));
    }
}
