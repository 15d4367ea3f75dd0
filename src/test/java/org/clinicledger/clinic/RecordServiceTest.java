package org.clinicledger.clinic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.clinicledger.clinic.AccountServiceTest.MovableClock;
import org.clinicledger.crypto.Hex;
import org.clinicledger.crypto.Sha256;
import org.clinicledger.custody.RecordCustody;
import org.clinicledger.domain.AccountDetails;
import org.clinicledger.domain.AddedRecord;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.Icd10Code;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.PatientDetails;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.RecordDiff;
import org.clinicledger.domain.RecordId;
import org.clinicledger.domain.RecordInput;
import org.clinicledger.domain.RecordVersion;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.Role;
import org.clinicledger.domain.ShownRecord;
import org.clinicledger.domain.VerificationReport;
import org.clinicledger.exchange.RecordDocument;
import org.clinicledger.ledger.AccessEvents;
import org.clinicledger.ledger.EventSpec;
import org.clinicledger.testing.DataFolderScan;
import org.clinicledger.testing.RawTables;
import org.clinicledger.testing.TestLedger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The EHR vault against real SQLite files, a real vault folder and real cryptography at the
 * minimum Argon2id cost: adding, amending, deleting and reading records, who can read them (and
 * that those who cannot hold no key), the blocks they leave, and verification of the vault.
 */
class RecordServiceTest {

    private static final String PASSPHRASE = "correct horse battery";
    private static final String LEE_PASSWORD = "doctor password 1";
    private static final String KIM_PASSWORD = "doctor password 2";
    private static final String ADMIN_PASSWORD = "admin password 1";
    private static final List<String> TABLES = List.of("record_versions", "record_attachments", "record_keys",
            "record_deletions", "blocks", "signed_heads");

    @TempDir
    Path temp;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T09:00:00Z"));
    private Path data;
    private Path files;
    private Workspace workspace;
    private RecordService records;
    private MedicalRecordNumber mrn;
    private ChainId patientChain;

    @BeforeEach
    void setUpClinic() throws Exception {
        data = temp.resolve("data");
        files = Files.createDirectories(temp.resolve("files"));
        workspace = Workspace.open(data, true, clock, KeyDerivationTuning.minimum());
        records = workspace.records().withAttachmentLimit(64 * 1024);
        AccountService accounts = workspace.accounts();
        accounts.setUp("Hillside Clinic", "admin", pw(ADMIN_PASSWORD));
        try (Session admin = login("admin", ADMIN_PASSWORD)) {
            accounts.addAccount(admin, Role.RECEPTIONIST, "desk", pw("reception password"), AccountDetails.NONE);
            accounts.addAccount(admin, Role.DOCTOR, "dr.lee", pw(LEE_PASSWORD), AccountDetails.NONE);
            accounts.addAccount(admin, Role.DOCTOR, "dr.kim", pw(KIM_PASSWORD), AccountDetails.NONE);
        }
        try (Session desk = login("desk", "reception password")) {
            mrn = workspace.registrations().registerPatient(desk,
                    new PatientDetails("Ada Lovelace", LocalDate.of(1985, 12, 10), null, null), pw(PASSPHRASE),
                    "dr.lee").mrn();
        }
        patientChain = new ChainId(PartyKind.PATIENT, mrn.digits());
        clock.advance(Duration.ofMinutes(1));
    }

    // ---- adding and reading

    @Test
    void aDoctorWithConsentAddsARecordThatThePatientAndTheAuthorCanRead() throws Exception {
        Path scan = attachment("scan.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        AddedRecord added;
        try (Session lee = lee()) {
            added = records.addRecord(lee, mrn, new RecordInput("Asthma, mild persistent",
                    Icd10Code.parse("j45.30"), "Inhaler twice a day", List.of(scan)));
        }
        assertThat(added.version()).isEqualTo(1);
        assertThat(added.recordHash()).matches("[0-9a-f]{64}");
        assertThat(added.blockHashes()).hasSize(2);

        // Both blocks commit to the hashes and addresses, never to content.
        JsonNode payload = blockPayload(patientChain, BlockKind.RECORD_ADDED);
        assertThat(payload.get("format").asText()).isEqualTo("clinicledger/record-event/v1");
        assertThat(payload.get("record").asText()).isEqualTo(added.recordId().value());
        assertThat(payload.get("version").asInt()).isEqualTo(1);
        assertThat(payload.get("supersedes").asInt()).isZero();
        assertThat(payload.get("recordHash").asText()).isEqualTo(added.recordHash());
        assertThat(payload.get("attachments")).hasSize(1);
        assertThat(payload.toString()).doesNotContain("Asthma", "Inhaler", "scan.png");
        assertThat(blockPayload(new ChainId(PartyKind.DOCTOR, "dr.lee"), BlockKind.RECORD_ADDED)).isEqualTo(payload);
        assertThat(vaultFiles()).hasSize(2);

        for (String reader : List.of(mrn.digits(), "dr.lee")) {
            try (Session session = login(reader, reader.equals("dr.lee") ? LEE_PASSWORD : PASSPHRASE)) {
                ShownRecord shown = records.showRecord(session, added.recordId());
                RecordVersion record = shown.latest();
                assertThat(record.diagnosis()).isEqualTo("Asthma, mild persistent");
                assertThat(record.icd10().value()).isEqualTo("J45.30");
                assertThat(record.notes()).isEqualTo("Inhaler twice a day");
                assertThat(record.patient()).isEqualTo(mrn.digits());
                assertThat(record.author()).isEqualTo("dr.lee");
                assertThat(record.attachments()).singleElement().satisfies(summary -> {
                    assertThat(summary.name()).isEqualTo("scan.png");
                    assertThat(summary.size()).isEqualTo(7);
                    assertThat(summary.sha256()).isEqualTo(Hex.encode(Sha256.digest(Files.readAllBytes(scan))));
                });
                assertThat(RecordDocument.hash(RecordDocument.encode(record))).isEqualTo(added.recordHash());
                assertThat(shown.history()).singleElement().satisfies(entry -> {
                    assertThat(entry.recordHash()).isEqualTo(added.recordHash());
                    assertThat(entry.author()).isEqualTo("dr.lee");
                });
                assertThat(records.readAttachment(session, added.recordId(), 1, 0)).isEqualTo(Files.readAllBytes(scan));
            }
        }
        assertThat(principals(added.recordId())).containsExactlyInAnyOrder(patientChain.value(), "doctor/dr.lee",
                RecordCustody.ESCROW);
        assertThat(count("SELECT count(*) FROM record_keys WHERE record_id = ?", added.recordId()))
                .as("two objects, three holders each").isEqualTo(6);
        assertThat(verify().problems()).isEmpty();
    }

    @Test
    void everyReadIsLoggedOnThePatientsChain() throws Exception {
        RecordId id = addAsLee("Hypertension");
        long before = kindCount(patientChain, BlockKind.RECORD_VIEWED);
        try (Session lee = lee()) {
            records.showRecord(lee, id);
        }
        assertThat(kindCount(patientChain, BlockKind.RECORD_VIEWED)).isEqualTo(before + 1);
        assertThat(kindCount(new ChainId(PartyKind.DOCTOR, "dr.lee"), BlockKind.RECORD_VIEWED)).isEqualTo(1);
        JsonNode viewed = blockPayload(patientChain, BlockKind.RECORD_VIEWED);
        assertThat(viewed.get("record").asText()).isEqualTo(id.value());
        assertThat(viewed.get("version").asInt()).isEqualTo(1);

        try (Session patient = patient()) {
            records.showRecord(patient, id);
        }
        assertThat(kindCount(patientChain, BlockKind.RECORD_VIEWED)).as("the patient's own read, one block")
                .isEqualTo(before + 2);
        assertThat(verify().problems()).isEmpty();
    }

    @Test
    void aDoctorWithoutAGrantHoldsNoKeyAndIsDenied() throws Exception {
        RecordId id = addAsLee("Type 2 diabetes");
        assertThat(principals(id)).doesNotContain("doctor/dr.kim", "staff/admin");
        long blocks = count("SELECT count(*) FROM blocks WHERE kind = ?", "record-viewed");
        try (Session kim = kim()) {
            assertThatThrownBy(() -> records.showRecord(kim, id)).isInstanceOf(RefusedException.class)
                    .hasMessageStartingWith("Access denied");
            assertThatThrownBy(() -> records.readAttachment(kim, id, 1, 0)).isInstanceOf(RefusedException.class)
                    .hasMessageStartingWith("Access denied");
            assertThatThrownBy(() -> records.addRecord(kim, mrn, input("Flu")))
                    .isInstanceOf(RefusedException.class).hasMessageStartingWith("Access denied");
            assertThatThrownBy(() -> records.amendRecord(kim, id, input("Flu"))).isInstanceOf(RefusedException.class)
                    .hasMessageStartingWith("Access denied");
            assertThatThrownBy(() -> records.deleteRecord(kim, id, "mine")).isInstanceOf(RefusedException.class)
                    .hasMessageStartingWith("Access denied");
        }
        try (Session admin = login("admin", ADMIN_PASSWORD)) {
            assertThatThrownBy(() -> records.showRecord(admin, id)).isInstanceOf(RefusedException.class)
                    .hasMessageStartingWith("Access denied");
            assertThatThrownBy(() -> records.addRecord(admin, mrn, input("Flu")))
                    .isInstanceOf(RefusedException.class);
        }
        try (Session patient = patient()) {
            assertThatThrownBy(() -> records.addRecord(patient, mrn, input("Self-diagnosed")))
                    .isInstanceOf(RefusedException.class);
        }
        assertThat(count("SELECT count(*) FROM blocks WHERE kind = ?", "record-viewed")).isEqualTo(blocks);
    }

    @Test
    void aDoctorGrantedLaterReceivesKeysForNewRecordsAndARevokedOneIsExcluded() throws Exception {
        grant("dr.kim");
        RecordId id = addAsLee("Migraine");
        assertThat(principals(id)).contains("doctor/dr.kim");
        try (Session kim = kim()) {
            assertThat(records.showRecord(kim, id).latest().diagnosis()).isEqualTo("Migraine");
            // Kim may now write too, and Lee gets a copy of Kim's record.
            RecordId kims = records.addRecord(kim, mrn, input("Tension headache")).recordId();
            assertThat(principals(kims)).contains("doctor/dr.lee", "doctor/dr.kim", patientChain.value());
        }
        revoke("dr.kim");
        RecordId later = addAsLee("Migraine, follow-up");
        assertThat(principals(later)).doesNotContain("doctor/dr.kim");
        try (Session kim = kim()) {
            assertThatThrownBy(() -> records.showRecord(kim, later)).hasMessageStartingWith("Access denied");
            assertThatThrownBy(() -> records.showRecord(kim, id)).as("the policy no longer admits Kim")
                    .hasMessageStartingWith("Access denied");
        }
        assertThat(verify().problems()).isEmpty();
    }

    @Test
    void unknownRecordsAndPatientsAreRefusedClearly() throws Exception {
        try (Session lee = lee()) {
            assertThatThrownBy(() -> records.showRecord(lee, RecordId.parse("no-such-record"))).isInstanceOf(RefusedException.class)
                    .hasMessage("There is no record no-such-record.");
            assertThatThrownBy(() -> records.amendRecord(lee, RecordId.parse("no-such-record"), input("x")))
                    .isInstanceOf(RefusedException.class).hasMessage("There is no record no-such-record.");
            MedicalRecordNumber stranger = new MedicalRecordNumber(mrn.digits().equals("123456782") ? "234567816"
                    : "123456782");
            assertThatThrownBy(() -> records.addRecord(lee, stranger, input("x")))
                    .isInstanceOf(RefusedException.class).hasMessageContaining("There is no patient");
        }
    }

    // ---- bad input writes nothing

    @Test
    void badInputIsRefusedAndNothingIsWritten() throws Exception {
        RecordId id = addAsLee("Baseline");
        Path big = attachment("big.bin", new byte[64 * 1024 + 1]);
        Path folder = Files.createDirectories(files.resolve("a-folder"));
        Path fine = attachment("fine.txt", "fine".getBytes(StandardCharsets.UTF_8));
        Map<String, Long> before = counts();
        List<Path> vaultBefore = vaultFiles();
        try (Session lee = lee()) {
            List<RecordInput> bad = List.of(
                    new RecordInput("", null, "", List.of()),
                    new RecordInput("   ", null, "notes", List.of()),
                    new RecordInput(null, null, "", List.of()),
                    new RecordInput("x".repeat(RecordInput.MAX_DIAGNOSIS + 1), null, "", List.of()),
                    new RecordInput("Fine", null, "", List.of(fine, files.resolve("missing.pdf"))),
                    new RecordInput("Fine", null, "", List.of(fine, big)),
                    new RecordInput("Fine", null, "", List.of(folder)));
            for (RecordInput input : bad) {
                assertThatThrownBy(() -> records.addRecord(lee, mrn, input))
                        .isInstanceOf(InvalidInputException.class);
                assertThatThrownBy(() -> records.amendRecord(lee, id, input))
                        .isInstanceOf(InvalidInputException.class);
            }
            assertThatThrownBy(() -> records.addRecord(lee, MedicalRecordNumber.parse("1234-5678-0"), input("Fine")))
                    .isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> records.deleteRecord(lee, id, " ")).isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> records.deleteRecord(lee, id, null)).isInstanceOf(InvalidInputException.class);
        }
        assertThatThrownBy(() -> Icd10Code.parse("45.J")).isInstanceOf(InvalidInputException.class);
        assertThat(counts()).isEqualTo(before);
        assertThat(vaultFiles()).isEqualTo(vaultBefore);
        try (Session lee = lee()) {
            assertThatThrownBy(() -> records.withAttachmentLimit(3).addRecord(lee, mrn,
                    new RecordInput("Fine", null, "", List.of(fine)))).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("too large");
        }
        assertThat(counts()).isEqualTo(before);
    }

    // ---- amending

    @Test
    void anAmendmentIsANewVersionThatSupersedesTheLatestAndKeepsTheHistory() throws Exception {
        RecordId id = addAsLee("Bronchitis");
        AddedRecord amended;
        try (Session lee = lee()) {
            amended = records.amendRecord(lee, id, new RecordInput("Pneumonia", Icd10Code.parse("J18.9"),
                    "Chest X-ray confirms", List.of(attachment("xray.txt", "opacity".getBytes(StandardCharsets.UTF_8))),
                    Set.of(0)));
        }
        assertThat(amended.recordId()).isEqualTo(id);
        assertThat(amended.version()).isEqualTo(2);
        JsonNode payload = blockPayload(patientChain, BlockKind.RECORD_AMENDED);
        assertThat(payload.get("supersedes").asInt()).isEqualTo(1);
        assertThat(payload.get("version").asInt()).isEqualTo(2);
        try (Session patient = patient()) {
            ShownRecord shown = records.showRecord(patient, id);
            assertThat(shown.latest().diagnosis()).isEqualTo("Pneumonia");
            assertThat(shown.latest().version()).isEqualTo(2);
            assertThat(shown.latest().supersedes()).isEqualTo(1);
            assertThat(shown.history()).extracting(entry -> entry.version()).containsExactly(1, 2);
            assertThat(shown.history().get(1).recordHash()).isEqualTo(amended.recordHash());
            assertThat(records.readAttachment(patient, id, 2, 0)).isEqualTo("opacity".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(verify().problems()).isEmpty();
    }

    @Test
    void aReaderOfBothVersionsSeesWhatAnAmendmentChangedAndTheReadsAreLogged() throws Exception {
        RecordId id;
        try (Session lee = lee()) {
            id = records.addRecord(lee, mrn, new RecordInput("Asthma", Icd10Code.parse("J45.909"),
                    "Cough at night.\nInhaler twice daily.", List.of())).recordId();
            records.amendRecord(lee, id, new RecordInput("Asthma, moderate", Icd10Code.parse("J45.40"),
                    "Cough at night.\nInhaler three times daily.",
                    List.of(attachment("peak-flow.pdf", "380".getBytes(StandardCharsets.UTF_8)))));
        }
        long patientViews = kindCount(patientChain, BlockKind.RECORD_VIEWED);
        ChainId leeChain = new ChainId(PartyKind.DOCTOR, "dr.lee");
        long leeViews = kindCount(leeChain, BlockKind.RECORD_VIEWED);
        RecordDiff diff;
        try (Session lee = lee()) {
            diff = records.diff(lee, id, 1, 2);
        }
        assertThat(diff.recordId()).isEqualTo(id.value());
        assertThat(diff.lines()).containsExactly("ICD-10: J45.909 → J45.40", "diagnosis: Asthma → Asthma, moderate",
                "- Inhaler twice daily.", "+ Inhaler three times daily.", "attachment added: peak-flow.pdf");
        assertThat(kindCount(patientChain, BlockKind.RECORD_VIEWED)).as("one block per version read")
                .isEqualTo(patientViews + 2);
        assertThat(kindCount(leeChain, BlockKind.RECORD_VIEWED)).isEqualTo(leeViews + 2);
        assertThat(blockPayload(patientChain, BlockKind.RECORD_VIEWED).get("version").asInt()).isEqualTo(2);

        try (Session patient = patient()) {
            assertThat(records.diff(patient, id, 2, 1).lines()).startsWith("ICD-10: J45.40 → J45.909");
            assertThat(records.diff(patient, id, 2, 2).isEmpty()).isTrue();
        }
        assertThat(kindCount(patientChain, BlockKind.RECORD_VIEWED)).isEqualTo(patientViews + 5);

        long blocks = count("SELECT count(*) FROM blocks WHERE kind = ?", "record-viewed");
        try (Session kim = kim()) {
            assertThatThrownBy(() -> records.diff(kim, id, 1, 2)).isInstanceOf(RefusedException.class)
                    .hasMessageStartingWith("Access denied");
        }
        try (Session lee = lee()) {
            assertThatThrownBy(() -> records.diff(lee, id, 1, 3)).isInstanceOf(RefusedException.class)
                    .hasMessage("Record " + id + " has no version 3.");
            assertThatThrownBy(() -> records.diff(lee, RecordId.parse("no-such-record"), 1, 2)).isInstanceOf(RefusedException.class)
                    .hasMessage("There is no record no-such-record.");
            records.deleteRecord(lee, id, "Wrong patient");
            assertThatThrownBy(() -> records.diff(lee, id, 1, 2)).isInstanceOf(RefusedException.class)
                    .hasMessageContaining("was deleted");
        }
        assertThat(count("SELECT count(*) FROM blocks WHERE kind = ?", "record-viewed")).isEqualTo(blocks);
        assertThat(verify().problems()).isEmpty();
    }

    // ---- deleting

    @Test
    void deletingWritesATombstoneAndDestroysEveryKeyAndFile() throws Exception {
        RecordId id = addAsLee("Wrong patient");
        try (Session lee = lee()) {
            records.amendRecord(lee, id, new RecordInput("Still wrong", null, "", List.of(
                    attachment("a.txt", "aaa".getBytes(StandardCharsets.UTF_8))), Set.of(0)));
        }
        RecordId other = addAsLee("Keep me");
        assertThat(vaultFiles()).as("two versions and another record, each a document and an attachment").hasSize(6);
        List<String> tombstone;
        try (Session lee = lee()) {
            tombstone = records.deleteRecord(lee, id, "Entered for the wrong patient");
        }
        assertThat(tombstone).hasSize(2);
        JsonNode payload = blockPayload(patientChain, BlockKind.RECORD_DELETED);
        assertThat(payload.get("record").asText()).isEqualTo(id.value());
        assertThat(payload.get("versions").toString()).isEqualTo("[1,2]");
        assertThat(payload.toString()).doesNotContain("wrong patient");
        byte[] sealedReason = sealedReason(id);
        assertThat(payload.get("reason").asText()).isEqualTo(Hex.encode(Sha256.digest(sealedReason)));
        assertThat(new String(sealedReason, StandardCharsets.ISO_8859_1)).doesNotContain("wrong patient");

        assertThat(count("SELECT count(*) FROM record_keys WHERE record_id = ?", id)).isZero();
        assertThat(count("SELECT count(*) FROM record_versions WHERE record_id = ? AND deleted = 1", id)).isEqualTo(2);
        assertThat(vaultFiles()).as("only the other record's files are left").hasSize(2);
        try (Session patient = patient()) {
            assertThatThrownBy(() -> records.showRecord(patient, id)).isInstanceOf(RefusedException.class)
                    .hasMessageContaining("was deleted");
            assertThat(records.showRecord(patient, other).latest().diagnosis()).isEqualTo("Keep me");
        }
        try (Session lee = lee()) {
            assertThatThrownBy(() -> records.amendRecord(lee, id, input("again"))).hasMessageContaining("was deleted");
            assertThatThrownBy(() -> records.deleteRecord(lee, id, "again")).hasMessageContaining("was deleted");
        }
        assertThat(verify().problems()).as("a deleted record's missing files are expected").isEmpty();
    }

    // ---- verification of the vault

    @Test
    void verifyFindsAChangedEncryptedFile() throws Exception {
        RecordId id = addAsLee("Fracture of the wrist");
        Path file = documentFile();
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
        VerificationReport report = verify();
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.chain()).isEqualTo(patientChain.value());
            assertThat(problem.height()).isEqualTo(blockHeight(patientChain, BlockKind.RECORD_ADDED));
            assertThat(problem.reason()).contains("the encrypted file " + file.getFileName() + " was changed");
        });
        try (Session lee = lee()) {
            assertThatThrownBy(() -> records.showRecord(lee, id)).isInstanceOf(RefusedException.class)
                    .hasMessageContaining("integrity check");
        }
    }

    @Test
    void verifyFindsAMissingEncryptedFile() throws Exception {
        RecordId id = addAsLee("Otitis media");
        Path file = documentFile();
        Files.delete(file);
        assertThat(verify().problems()).singleElement().satisfies(problem -> {
            assertThat(problem.chain()).isEqualTo(patientChain.value());
            assertThat(problem.reason()).contains("the encrypted file " + file.getFileName() + " is missing");
        });
        try (Session lee = lee()) {
            assertThatThrownBy(() -> records.showRecord(lee, id)).isInstanceOf(RefusedException.class)
                    .hasMessageContaining("missing");
        }
    }

    // ---- nothing in plaintext on disk

    @Test
    void aCanaryInTheContentAppearsNowhereUnderTheDataFolder() throws Exception {
        String marker = "CANARY-7f3e9a";
        Path attachment = attachment(marker + ".txt", ("scan of " + marker).getBytes(StandardCharsets.UTF_8));
        RecordId id;
        try (Session lee = lee()) {
            id = records.addRecord(lee, mrn, new RecordInput("Diagnosis " + marker, null, "Notes " + marker,
                    List.of(attachment))).recordId();
            records.amendRecord(lee, id, new RecordInput("Amended " + marker, null, "More " + marker,
                    List.of(attachment)));
            assertThat(records.showRecord(lee, id).latest().diagnosis()).contains(marker);
            assertThat(new String(records.readAttachment(lee, id, 2, 0), StandardCharsets.UTF_8)).contains(marker);
        }
        assertNoCanary(marker);
        try (Session lee = lee()) {
            records.deleteRecord(lee, id, "Reason " + marker);
        }
        assertNoCanary(marker);
        assertThat(verify().problems()).isEmpty();
    }

    private void assertNoCanary(String marker) {
        DataFolderScan.Result scan = DataFolderScan.forText(data, List.of(marker));
        assertThat(scan.filesRead()).isGreaterThanOrEqualTo(2);
        assertThat(scan.findings()).isEmpty();
    }

    // ---- helpers

    private RecordId addAsLee(String diagnosis) throws Exception {
        try (Session lee = lee()) {
            return records.addRecord(lee, mrn, new RecordInput(diagnosis, null, "",
                    List.of(attachment("att-" + diagnosis.length() + ".txt", diagnosis.getBytes(StandardCharsets.UTF_8)))))
                    .recordId();
        }
    }

    private static RecordInput input(String diagnosis) {
        return new RecordInput(diagnosis, null, "", List.of());
    }

    private Path attachment(String name, byte[] bytes) throws Exception {
        return Files.write(files.resolve(name), bytes);
    }

    private void grant(String doctor) {
        try (Session patient = patient()) {
            ChainId chain = new ChainId(PartyKind.DOCTOR, doctor);
            byte[] payload = AccessEvents.grant(patientChain, chain, null);
            TestLedger.of(workspace).append(EventSpec.between(BlockKind.ACCESS_GRANTED, patient.signingKey(), patientChain,
                    payload, chain, payload));
        }
        clock.advance(Duration.ofSeconds(1));
    }

    private void revoke(String doctor) {
        try (Session patient = patient()) {
            ChainId chain = new ChainId(PartyKind.DOCTOR, doctor);
            byte[] payload = AccessEvents.revoke(patientChain, chain);
            TestLedger.of(workspace).append(EventSpec.between(BlockKind.ACCESS_REVOKED, patient.signingKey(), patientChain,
                    payload, chain, payload));
        }
        clock.advance(Duration.ofSeconds(1));
    }

    private VerificationReport verify() {
        return workspace.verify(Progress.NONE);
    }

    private List<Path> vaultFiles() throws Exception {
        Path vault = data.resolve("vault");
        if (!Files.isDirectory(vault)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(vault)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** The vault file of the newest record document on the patient's chain. */
    private Path documentFile() throws Exception {
        String address = blockPayload(patientChain, BlockKind.RECORD_ADDED).get("document").asText();
        return data.resolve("vault").resolve(address.substring(0, 2)).resolve(address);
    }

    private List<String> principals(RecordId recordId) throws Exception {
        return raw().keyHolders(recordId, "");
    }

    private byte[] sealedReason(RecordId recordId) throws Exception {
        try (Connection connection = connect(); PreparedStatement query = connection.prepareStatement(
                "SELECT sealed_reason FROM record_deletions WHERE record_id = ?")) {
            query.setString(1, recordId.value());
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getBytes(1);
            }
        }
    }

    /** The payload of the newest block of {@code kind} on {@code chain}. */
    private JsonNode blockPayload(ChainId chain, BlockKind kind) throws Exception {
        return raw().latestPayload(chain, kind);
    }

    private long blockHeight(ChainId chain, BlockKind kind) throws Exception {
        try (Connection connection = connect(); PreparedStatement query = connection.prepareStatement(
                "SELECT max(height) FROM blocks WHERE chain_id = ? AND kind = ?")) {
            query.setString(1, chain.value());
            query.setString(2, kind.code());
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private long kindCount(ChainId chain, BlockKind kind) throws Exception {
        return raw().blockCount(chain, kind);
    }

    private Map<String, Long> counts() throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection connection = connect()) {
            for (String table : TABLES) {
                try (PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM " + table);
                        ResultSet rows = query.executeQuery()) {
                    rows.next();
                    counts.put(table, rows.getLong(1));
                }
            }
        }
        return counts;
    }

    private long count(String sql, Object parameter) throws Exception {
        return raw().count(sql, parameter);
    }

    private Connection connect() throws Exception {
        return raw().connect();
    }

    private RawTables raw() {
        return new RawTables(data);
    }

    private Session lee() {
        return login("dr.lee", LEE_PASSWORD);
    }

    private Session kim() {
        return login("dr.kim", KIM_PASSWORD);
    }

    private Session patient() {
        return login(mrn.digits(), PASSPHRASE);
    }

    private Session login(String username, String password) {
        return workspace.accounts().login(username, pw(password));
    }

    private static char[] pw(String text) {
        return text.toCharArray();
    }
}
