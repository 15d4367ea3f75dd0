package org.clinicledger.clinic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.crypto.Ed25519;
import org.clinicledger.crypto.Hex;
import org.clinicledger.crypto.Sha256;
import org.clinicledger.crypto.SignedNote;
import org.clinicledger.crypto.TlogCheckpoint;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.ClinicFingerprint;
import org.clinicledger.domain.HashFinding;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.PatientCopy;
import org.clinicledger.domain.PatientDetails;
import org.clinicledger.domain.ProofDocument;
import org.clinicledger.domain.ProofVerdict;
import org.clinicledger.domain.Receipt;
import org.clinicledger.domain.ReceiptVerdict.Outcome;
import org.clinicledger.domain.RecordId;
import org.clinicledger.domain.RecordInput;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.exchange.ReceiptCode;
import org.clinicledger.exchange.RecordDocument;
import org.clinicledger.ledger.Checkpoints;
import org.clinicledger.testing.Folders;
import org.clinicledger.testing.RawTables;
import org.clinicledger.testing.TestClinic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What leaves the machine, tried as the patient who holds it and as whoever would forge it: the
 * copy hashes to the record hash, the proof file holds offline and every corruption of it is
 * refused for its own reason, a folder rolled back or rewritten since is named so, and the
 * password-less checks of a hash and of a receipt say what they found.
 */
class ReceiptServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private Path data;
    private TestClinic clinic;
    private Workspace workspace;
    private ReceiptService receipts;
    private RecordId record;

    @BeforeEach
    void setUp() {
        data = temp.resolve("data");
        clinic = new TestClinic(data);
        workspace = clinic.workspace;
        receipts = workspace.receipts();
        try (Session lee = login("dr.lee", TestClinic.LEE_PASSWORD)) {
            record = workspace.records().addRecord(lee, clinic.mrn, new RecordInput("Asthma, mild persistent", null,
                    "Inhaler twice a day", List.of())).recordId();
            workspace.records().amendRecord(lee, record, new RecordInput("Asthma, moderate persistent", null,
                    "Inhaler three times a day", List.of()));
        }
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    // ---- the copy

    @Test
    void theCopysSha256IsTheRecordHashAndItSaysWhatItIs() throws Exception {
        PatientCopy copy;
        long viewsBefore = new RawTables(data).blockCount(patientChain(), BlockKind.RECORD_VIEWED);
        try (Session ada = login(clinic.mrn.digits(), TestClinic.PATIENT_PASSPHRASE)) {
            copy = receipts.copy(ada, record, null);
        }
        assertThat(copy.version()).isEqualTo(2);
        assertThat(Hex.encode(MessageDigest.getInstance("SHA-256").digest(copy.bytes()))).isEqualTo(copy.recordHash());
        assertThat(new String(copy.bytes(), StandardCharsets.UTF_8)).startsWith("{\"about\":\"This file is a patient's "
                + "copy").contains("Asthma, moderate persistent");
        assertThat(RecordDocument.decode(copy.bytes()).version()).isEqualTo(2);
        assertThat(copy.suggestedFileName()).isEqualTo("record-" + record + "-v2.json");
        assertThat(new RawTables(data).blockCount(patientChain(), BlockKind.RECORD_VIEWED)).isEqualTo(viewsBefore + 1);

        try (Session lee = login("dr.lee", TestClinic.LEE_PASSWORD)) {
            PatientCopy first = receipts.copy(lee, record, 1);
            assertThat(new String(first.bytes(), StandardCharsets.UTF_8)).contains("Asthma, mild persistent");
            assertThat(Hex.encode(Sha256.digest(first.bytes()))).isEqualTo(first.recordHash());
        }
    }

    @Test
    void someoneWhoMayNotReadTheRecordGetsNoCopyNoProofAndNoReceipt() {
        try (Session kim = login("dr.kim", TestClinic.KIM_PASSWORD)) {
            assertThatThrownBy(() -> receipts.copy(kim, record, null)).isInstanceOf(RefusedException.class)
                    .hasMessageContaining("Access denied");
            assertThatThrownBy(() -> receipts.proof(kim, record, null)).isInstanceOf(RefusedException.class);
            assertThatThrownBy(() -> receipts.receipt(kim, record, 1)).isInstanceOf(RefusedException.class);
        }
        try (Session ada = login(clinic.mrn.digits(), TestClinic.PATIENT_PASSPHRASE)) {
            assertThatThrownBy(() -> receipts.copy(ada, record, 3)).isInstanceOf(RefusedException.class)
                    .hasMessageContaining("no version 3");
        }
    }

    // ---- the proof file

    @Test
    void theProofHoldsOfflineWithTheCopyAndTheClinicsFingerprint() throws Exception {
        ProofDocument proof = proof(null);
        byte[] copy = copy(null);

        ProofVerdict verdict = ReceiptService.verifyProof(proof.bytes(), copy, fingerprint(), null);

        assertThat(verdict.checks()).allMatch(ProofVerdict.Check::holds);
        assertThat(verdict.holds()).isTrue();
        assertThat(verdict.standing()).isEqualTo(ProofVerdict.Standing.NOT_CHECKED);
        JsonNode file = JSON.readTree(proof.bytes());
        assertThat(file.get("format").asText()).isEqualTo("clinicledger-proof/1");
        assertThat(file.get("recordHash").asText()).isEqualTo(proof.receipt().recordHash());
        assertThat(file.get("patientMrn").asText()).isEqualTo(clinic.mrn.digits());
        assertThat(file.get("checkpoint").asText()).isEqualTo(proof.receipt().checkpoint().signedNote());
        assertThat(file.get("verifierKeys")).hasSize(1);
        // The checkpoint opens under the listed verifier key as any C2SP signed-note verifier opens it.
        String text = SignedNote.open(file.get("checkpoint").asText().getBytes(StandardCharsets.UTF_8),
                SignedNote.VerifierKey.parse(file.get("verifierKeys").get(0).asText()));
        TlogCheckpoint checkpoint = TlogCheckpoint.parse(text);
        assertThat(checkpoint.origin()).isEqualTo(Checkpoints.origin(fingerprint(), patientChain().value()));
        assertThat(checkpoint.size()).isGreaterThan(file.get("leafIndex").asLong());
        // The block bytes name the record hash in plain sight.
        assertThat(new String(Base64.getDecoder().decode(file.get("blockBytes").asText()), StandardCharsets.UTF_8))
                .startsWith("clinicledger/block-hash/v1\0");
        assertThat(Hex.encode(Sha256.digest(Base64.getDecoder().decode(file.get("blockBytes").asText()))))
                .isEqualTo(file.get("blockHash").asText());
    }

    @Test
    void everyCorruptedProofIsRefusedForItsReason() throws Exception {
        byte[] proof = proof(null).bytes();
        byte[] copy = copy(null);
        List<Corruption> corruptions = new ArrayList<>();
        for (String field : List.of("blockHash", "recordHash")) {
            corruptions.add(new Corruption("a digit of " + field, root -> root.put(field, flip(root.get(field).asText())),
                    field.equals("blockHash") ? "do not hash to the block hash" : "names another record hash"));
        }
        int pathLength = JSON.readTree(proof).get("inclusionProof").size();
        for (int i = 0; i < pathLength; i++) {
            int index = i;
            corruptions.add(new Corruption("inclusion hash " + i, root -> ((ArrayNode) root.get("inclusionProof"))
                    .set(index, JSON.getNodeFactory().textNode(flip(root.get("inclusionProof").get(index).asText()))),
                    "inclusion proof does not lead"));
        }
        corruptions.add(new Corruption("the leaf index + 1", root -> root.put("leafIndex", root.get("leafIndex").asLong() + 1),
                "inclusion proof does not lead"));
        corruptions.add(new Corruption("the leaf index - 1", root -> root.put("leafIndex", root.get("leafIndex").asLong() - 1),
                "inclusion proof does not lead"));
        corruptions.add(new Corruption("a truncated path", root -> ((ArrayNode) root.get("inclusionProof"))
                .remove(root.get("inclusionProof").size() - 1), "inclusion proof does not lead"));
        corruptions.add(new Corruption("an extended path", root -> ((ArrayNode) root.get("inclusionProof"))
                .add("00".repeat(32)), "inclusion proof does not lead"));
        corruptions.add(new Corruption("the date", root -> root.put("recordedAt", "2020-01-01T00:00:00Z"),
                "dated"));
        corruptions.add(new Corruption("the record's version", root -> root.put("version", 1), "names record"));
        corruptions.add(new Corruption("the MRN", root -> root.put("patientMrn", "123456782"),
                "not patient 123456782's"));
        corruptions.add(new Corruption("a digit of the root", root -> root.put("checkpoint",
                resignedText(root, text -> text.replaceFirst("\n([A-Za-z0-9+/]{8})", "\nAAAAAAAA"))),
                "checkpoint does not verify"));
        corruptions.add(new Corruption("the checkpoint's size", root -> root.put("checkpoint",
                resignedText(root, text -> text.replaceFirst("\n(\\d+)\n", "\n1000\n"))), "checkpoint does not verify"));
        corruptions.add(new Corruption("another key signs the checkpoint", root -> resignWithAnotherKey(root),
                "did not authorize the machine key"));
        corruptions.add(new Corruption("another clinic key", root -> root.put("clinicPublicKey",
                Base64.getEncoder().encodeToString(Ed25519.publicKey(new byte[32]))), "does not have the fingerprint"));

        for (Corruption corruption : corruptions) {
            ObjectNode root = (ObjectNode) JSON.readTree(proof);
            corruption.change().accept(root);
            ProofVerdict verdict = ReceiptService.verifyProof(JSON.writeValueAsBytes(root), copy, fingerprint(), null);
            assertThat(verdict.holds()).as(corruption.what()).isFalse();
            assertThat(verdict.checks()).as(corruption.what()).anySatisfy(check -> {
                assertThat(check.holds()).isFalse();
                assertThat(check.sentence()).contains(corruption.reason());
            });
        }
    }

    @Test
    void aProofOfAnotherChainOrForAnotherCopyOrClinicDoesNotHold() throws Exception {
        byte[] proof = proof(null).bytes();
        // The copy of version 1 is not the record version 2's proof names.
        ProofVerdict otherCopy = ReceiptService.verifyProof(proof, copy(1), fingerprint(), null);
        assertThat(otherCopy.holds()).isFalse();
        assertThat(otherCopy.checks()).last().extracting(ProofVerdict.Check::sentence).asString()
                .contains("not the record hash");
        // The checkpoint of another patient's chain, validly signed: this block is not on it.
        MedicalRecordNumber other;
        try (Session desk = login("desk", TestClinic.DESK_PASSWORD)) {
            other = workspace.registrations().registerPatient(desk, new PatientDetails("Bea Byron",
                    LocalDate.of(1990, 1, 2), null, null), "second passphrase 1".toCharArray(), "dr.lee").mrn();
        }
        RecordId otherRecord;
        try (Session lee = login("dr.lee", TestClinic.LEE_PASSWORD)) {
            otherRecord = workspace.records().addRecord(lee, other, new RecordInput("Cough", null, "", List.of()))
                    .recordId();
        }
        String otherCheckpoint;
        try (Session bea = login(other.digits(), "second passphrase 1")) {
            otherCheckpoint = receipts.receipt(bea, otherRecord, null).checkpoint().signedNote();
        }
        ObjectNode root = (ObjectNode) JSON.readTree(proof);
        root.put("checkpoint", otherCheckpoint);
        ProofVerdict otherChain = ReceiptService.verifyProof(JSON.writeValueAsBytes(root), null, fingerprint(), null);
        assertThat(otherChain.holds()).isFalse();
        assertThat(otherChain.checks()).anySatisfy(check -> assertThat(check.sentence())
                .contains("not the checkpoint's chain"));
        // A clinic fingerprint the patient does not know.
        ProofVerdict stranger = ReceiptService.verifyProof(proof, null,
                ClinicFingerprint.parse("A".repeat(32)), null);
        assertThat(stranger.holds()).isFalse();
        // Not a proof at all.
        assertThatThrownBy(() -> ReceiptService.verifyProof("{}".getBytes(StandardCharsets.UTF_8), null, null, null))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("This is not a ClinicLedger proof file");
    }

    @Test
    void againstTheFolderTheChainExtendsTheCheckpointUntilItIsRolledBackOrRewritten() throws Exception {
        byte[] proof = proof(null).bytes();
        workspace.close();
        Path older = Folders.copy(data, temp.resolve("older"));
        Path fork = Folders.copy(data, temp.resolve("fork"));
        workspace = Workspace.open(data, false, Clock.systemUTC(), KeyDerivationTuning.minimum());
        try (Session lee = login("dr.lee", TestClinic.LEE_PASSWORD)) {
            workspace.records().addRecord(lee, clinic.mrn, new RecordInput("Hay fever", null, "", List.of()));
        }
        byte[] later = proof(null).bytes();
        try (Workspace other = Workspace.scratch(fork); Session lee = other.accounts().login("dr.lee",
                TestClinic.LEE_PASSWORD.toCharArray())) {
            other.records().addRecord(lee, clinic.mrn, new RecordInput("Something else", null, "", List.of()));
        }

        try (Workspace today = Workspace.inspect(data)) {
            ProofVerdict verdict = ReceiptService.verifyProof(proof, null, fingerprint(), today);
            assertThat(verdict.standing()).isEqualTo(ProofVerdict.Standing.EXTENDS);
            assertThat(verdict.holds()).isTrue();
            assertThat(verdict.checks()).last().extracting(ProofVerdict.Check::sentence).asString()
                    .contains("consistency proof");
        }
        try (Workspace rolledBack = Workspace.inspect(older)) {
            ProofVerdict verdict = ReceiptService.verifyProof(later, null, fingerprint(), rolledBack);
            assertThat(verdict.standing()).isEqualTo(ProofVerdict.Standing.ROLLED_BACK);
            assertThat(verdict.holds()).isFalse();
            assertThat(verdict.checks()).last().extracting(ProofVerdict.Check::sentence).asString()
                    .startsWith("Rolled back");
        }
        try (Workspace forked = Workspace.inspect(fork)) {
            ProofVerdict verdict = ReceiptService.verifyProof(later, null, fingerprint(), forked);
            assertThat(verdict.standing()).isEqualTo(ProofVerdict.Standing.REWRITTEN);
            assertThat(verdict.checks()).last().extracting(ProofVerdict.Check::sentence).asString()
                    .startsWith("Rewritten");
        }
    }

    @Test
    void aBlockChangedInPlaceUnderTheCheckpointIsARewriteEvenWithItsStoredHashKept() throws Exception {
        byte[] proof = proof(null).bytes();
        workspace.close();
        RawTables raw = new RawTables(data);
        try (var connection = raw.connect(); var statement = connection.createStatement()) {
            statement.execute("DROP TRIGGER blocks_are_never_updated");
            statement.execute("UPDATE blocks SET created_at = created_at + 1 WHERE chain_id = '" + patientChain()
                    + "' AND height = 0");
        }
        try (Workspace changed = Workspace.inspect(data)) {
            assertThat(ReceiptService.verifyProof(proof, null, fingerprint(), changed).standing())
                    .isEqualTo(ProofVerdict.Standing.REWRITTEN);
        }
        workspace = Workspace.open(data, false, Clock.systemUTC(), KeyDerivationTuning.minimum());
    }

    // ---- checks without a password

    @Test
    void checkHashSaysWhatAHashIsAndNothingPersonal() throws Exception {
        Receipt receipt = receipt(null);

        List<HashFinding> recordHash = receipts.checkHash(receipt.recordHash());
        assertThat(recordHash).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(HashFinding.Kind.RECORD_HASH);
            assertThat(finding.party()).isEqualTo(PartyKind.PATIENT);
            assertThat(finding.height()).isEqualTo(receipt.leafIndex());
            assertThat(finding.blockKind()).isEqualTo("record-amended");
        });
        assertThat(recordHash.get(0).describe()).doesNotContain(clinic.mrn.digits(), "Ada", "Asthma");
        String grouped = receipt.blockHash().replaceAll("(.{4})", "$1 ").toUpperCase();
        assertThat(receipts.checkHash(grouped)).anySatisfy(finding -> {
            assertThat(finding.kind()).isEqualTo(HashFinding.Kind.BLOCK_HASH);
            assertThat(finding.height()).isEqualTo(receipt.leafIndex());
        });
        assertThat(receipts.checkHash(Hex.encode(receipt.checkpoint().root()))).anySatisfy(finding -> {
            assertThat(finding.kind()).isEqualTo(HashFinding.Kind.CHECKPOINT_ROOT);
            assertThat(finding.height()).isEqualTo(receipt.checkpoint().size());
        });
        assertThat(receipts.checkHash(flip(receipt.recordHash()))).isEmpty();
        for (String notAHash : List.of("", "xyz", receipt.recordHash().substring(1), receipt.recordHash() + "0",
                "g".repeat(64))) {
            assertThatThrownBy(() -> receipts.checkHash(notAHash)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("64 hexadecimal digits");
        }
    }

    @Test
    void aReceiptAndItsCopyMatchAndEveryForgeryIsNamed() throws Exception {
        Receipt receipt = receipt(null);
        String text = ReceiptCode.encode(receipt);
        Path copy = Files.write(temp.resolve("copy.json"), copy(null));
        Path otherCopy = Files.write(temp.resolve("other.json"), copy(1));

        assertThat(receipts.checkReceiptText(text, null).outcome()).isEqualTo(Outcome.MATCHES);
        var matched = receipts.checkReceiptText(text, copy);
        assertThat(matched.outcome()).isEqualTo(Outcome.MATCHES);
        assertThat(matched.headline()).contains("your copy match");
        assertThat(String.join(" ", matched.details())).contains("version 2 of record " + record)
                .contains("first " + receipt.checkpoint().size() + " blocks");
        assertThat(receipts.checkReceiptText(text, otherCopy).headline()).contains("copy does not match");

        String recordDigit = text.replace("record " + receipt.recordHash(), "record " + flip(receipt.recordHash()));
        assertThat(receipts.checkReceiptText(recordDigit, null).headline()).contains("names another record hash");
        String blockDigit = text.replace("block " + receipt.blockHash(), "block " + flip(receipt.blockHash()));
        assertThat(receipts.checkReceiptText(blockDigit, null).headline()).contains("block hash it prints is not");
        String resigned = text.replace(receipt.checkpoint().signedNote(), otherKeyNote(receipt));
        assertThat(receipts.checkReceiptText(resigned, null).headline()).contains("not signed by any of this clinic's");
        String otherClinic = text.replace("clinicledger/" + fingerprint().value(), "clinicledger/" + "A".repeat(32));
        assertThat(receipts.checkReceiptText(otherClinic, null).headline()).contains("not from this clinic");
    }

    @Test
    void aReceiptPrintedBeforeARollbackSaysSo() throws Exception {
        workspace.close();
        Path older = Folders.copy(data, temp.resolve("older"));
        workspace = Workspace.open(data, false, Clock.systemUTC(), KeyDerivationTuning.minimum());
        try (Session lee = login("dr.lee", TestClinic.LEE_PASSWORD)) {
            workspace.records().addRecord(lee, clinic.mrn, new RecordInput("Hay fever", null, "", List.of()));
        }
        Receipt receipt = receipt(null);
        try (Workspace rolledBack = Workspace.inspect(older)) {
            var verdict = rolledBack.receipts().checkReceiptText(ReceiptCode.encode(receipt), null);
            assertThat(verdict.outcome()).isEqualTo(Outcome.ROLLED_BACK);
            assertThat(verdict.headline()).startsWith("This clinic's history was rolled back since this receipt");
        }
    }

    @Test
    void aCopyIsCheckedAgainstATypedHash() throws Exception {
        Receipt receipt = receipt(null);
        Path copy = Files.write(temp.resolve("copy.json"), copy(null));

        assertThat(receipts.checkCopy(receipt.recordHash(), copy).outcome()).isEqualTo(Outcome.MATCHES);
        assertThat(receipts.checkCopy(flip(receipt.recordHash()), copy).outcome()).isEqualTo(Outcome.DOES_NOT_MATCH);
        assertThatThrownBy(() -> receipts.checkCopy(receipt.recordHash(), temp.resolve("missing.json")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("cannot be read");
    }

    // ---- helpers

    private record Corruption(String what, Consumer<ObjectNode> change, String reason) {
    }

    private ProofDocument proof(Integer version) {
        try (Session ada = login(clinic.mrn.digits(), TestClinic.PATIENT_PASSPHRASE)) {
            return receipts.proof(ada, record, version);
        }
    }

    private Receipt receipt(Integer version) {
        try (Session ada = login(clinic.mrn.digits(), TestClinic.PATIENT_PASSPHRASE)) {
            return receipts.receipt(ada, record, version);
        }
    }

    private byte[] copy(Integer version) {
        try (Session ada = login(clinic.mrn.digits(), TestClinic.PATIENT_PASSPHRASE)) {
            return receipts.copy(ada, record, version).bytes();
        }
    }

    /** Signs in on the workspace open now (tests close and reopen it). */
    private Session login(String username, String password) {
        return workspace.accounts().login(username, password.toCharArray());
    }

    private ChainId patientChain() {
        return new ChainId(PartyKind.PATIENT, clinic.mrn.digits());
    }

    private ClinicFingerprint fingerprint() {
        return workspace.clinic().fingerprint().orElseThrow();
    }

    /** Changes the last hex digit. */
    private static String flip(String hex) {
        char last = hex.charAt(hex.length() - 1);
        return hex.substring(0, hex.length() - 1) + (last == '0' ? '1' : '0');
    }

    /** The proof's checkpoint with its text changed under the signature line the clinic's machine made. */
    private static String resignedText(ObjectNode root, UnaryOperator<String> change) {
        String note = root.get("checkpoint").asText();
        int split = note.lastIndexOf("\n\n");
        return change.apply(note.substring(0, split + 1)) + note.substring(split + 1);
    }

    /** The proof re-signed end to end by a key the attacker made: note, verifier key and node key. */
    private static ObjectNode resignWithAnotherKey(ObjectNode root) {
        byte[] seed = Sha256.digest("attacker".getBytes(StandardCharsets.UTF_8));
        byte[] publicKey = Ed25519.publicKey(seed);
        String note = root.get("checkpoint").asText();
        String text = note.substring(0, note.lastIndexOf("\n\n") + 1);
        String clinicKey = root.get("clinicKey").asText();
        SignedNote.VerifierKey key = Checkpoints.verifierKey(
                new ClinicFingerprint(clinicKey), publicKey);
        root.put("checkpoint", SignedNote.sign(text, key, message -> Ed25519.sign(seed, message)));
        root.putArray("verifierKeys").add(key.encoded());
        ((ObjectNode) root.get("nodeKey")).put("publicKey", Base64.getEncoder().encodeToString(publicKey));
        return root;
    }

    private static String otherKeyNote(Receipt receipt) {
        byte[] seed = Sha256.digest("attacker".getBytes(StandardCharsets.UTF_8));
        String note = receipt.checkpoint().signedNote();
        String text = note.substring(0, note.lastIndexOf("\n\n") + 1);
        return SignedNote.sign(text, Checkpoints.verifierKey(receipt.clinic(), Ed25519.publicKey(seed)),
                message -> Ed25519.sign(seed, message));
    }
}
