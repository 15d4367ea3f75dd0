package org.clinicledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.crypto.CanonicalJson;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.ProblemCode;
import org.clinicledger.domain.VerificationProblem;
import org.clinicledger.domain.VerificationReport;
import org.clinicledger.testing.RawTables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The patient-merged payload, written and read back; malformed payloads refused with a reason; and
 * the attacks of someone with write access to the data folder: a forged merge, a merge edited in
 * the blocks table, a patient merged into themselves, into a merged patient or twice, and a merged
 * patient's chain taking a new record, all named by verify.
 */
class PatientMergesTest {

    @TempDir
    Path temp;

    private LedgerFixture fixture;
    private ChainId doctor;
    private ChainId duplicate;
    private ChainId survivor;
    private ChainId third;
    private ChainId desk;
    private ChainId otherDesk;

    @BeforeEach
    void open() {
        fixture = new LedgerFixture(temp.resolve("data"), 33);
        doctor = fixture.register(PartyKind.DOCTOR);
        duplicate = fixture.register(PartyKind.PATIENT);
        survivor = fixture.register(PartyKind.PATIENT);
        third = fixture.register(PartyKind.PATIENT);
        desk = fixture.register(PartyKind.STAFF);
        otherDesk = fixture.register(PartyKind.STAFF);
    }

    @Test
    void aPayloadReadsBackAsWritten() {
        PatientMerges.Merge merge = PatientMerges.read(PatientMerges.payload(duplicate, survivor, desk, new byte[] {4, 2}));
        assertThat(merge.patient()).isEqualTo(duplicate);
        assertThat(merge.into()).isEqualTo(survivor);
        assertThat(merge.by()).isEqualTo(desk);
        assertThat(merge.sealedReason()).containsExactly(4, 2);
        assertThatThrownBy(() -> PatientMerges.payload(duplicate, duplicate, desk, new byte[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PatientMerges.payload(duplicate, survivor, doctor, new byte[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PatientMerges.payload(duplicate, survivor, desk, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedPayloadsAreRefusedWithAReason() throws Exception {
        ObjectNode good = (ObjectNode) new ObjectMapper().readTree(PatientMerges.payload(duplicate, survivor, desk,
                new byte[] {9, 9}));
        assertRefused("not JSON".getBytes(StandardCharsets.UTF_8), "not JSON");
        assertRefused("[1]".getBytes(StandardCharsets.UTF_8), "not a JSON object");
        assertRefused(good.toPrettyString().getBytes(StandardCharsets.UTF_8), "canonical");
        assertRefused(with(good, "format", "clinicledger/patient-merged/v0"), "format");
        assertRefused(with(good, "patient", "patient/../x"), "patient is not a chain id");
        assertRefused(with(good, "into", "doctor/dr.lee"), "both patients");
        assertRefused(with(good, "into", duplicate.value()), "into themselves");
        assertRefused(with(good, "by", "doctor/dr.lee"), "member of staff");
        assertRefused(with(good, "reason", "zz"), "reason is not hex");
        assertRefused(with(good, "reason", ""), "reason");
        assertRefused(with(good, "reason", "ab".repeat(PatientMerges.MAX_SEALED_REASON + 1)), "reason");
        assertRefused(with(good, "extra", "x"), "members");
        ObjectNode missing = good.deepCopy();
        missing.remove("reason");
        assertRefused(CanonicalJson.encode(missing), "reason");
    }

    @Test
    void anHonestMergeVerifiesAndIsFoundByTheDuplicate() {
        fixture.merge(duplicate, survivor);
        assertThat(fixture.verify().problems()).isEmpty();
        PatientMerges.Merged merged = fixture.workspace.database().read("merges",
                work -> fixture.workspace.ledger().patientMerges(work).get(duplicate));
        assertThat(merged.merge().into()).isEqualTo(survivor);
        assertThat(merged.merge().by()).isEqualTo(desk);
    }

    @Test
    void aForgedMergeNamingAnotherMemberOfStaffAsActingIsNamed() {
        byte[] payload = PatientMerges.payload(duplicate, survivor, otherDesk, new byte[] {1});
        long height = size(duplicate);
        fixture.ledger().append(EventSpec.between(BlockKind.PATIENT_MERGED, fixture.owners.get(desk), desk, payload,
                duplicate, payload));
        assertNamed(fixture.verify(), duplicate, height, ProblemCode.PAYLOAD);
    }

    @Test
    void aMergeSignedByTheDoctorIsNamed() {
        byte[] payload = PatientMerges.payload(duplicate, survivor, desk, new byte[] {1});
        long height = size(duplicate);
        fixture.ledger().append(EventSpec.between(BlockKind.PATIENT_MERGED, fixture.owners.get(doctor), doctor, payload,
                duplicate, payload));
        assertNamed(fixture.verify(), duplicate, height, ProblemCode.AUTHORITY);
    }

    @Test
    void aMergeWrittenOnOneChainAloneIsNamed() {
        byte[] payload = PatientMerges.payload(duplicate, survivor, desk, new byte[] {1});
        long height = size(duplicate);
        fixture.ledger().append(EventSpec.single(BlockKind.PATIENT_MERGED, fixture.owners.get(desk), duplicate, payload));
        assertNamed(fixture.verify(), duplicate, height, ProblemCode.AUTHORITY);
    }

    @Test
    void aMergeEditedInTheBlocksTableIsNamed() throws Exception {
        fixture.merge(duplicate, survivor);
        long height = size(duplicate) - 1;
        RawTables raw = new RawTables(temp.resolve("data"));
        try (var connection = raw.connect(); var statement = connection.createStatement()) {
            statement.executeUpdate("DROP TRIGGER blocks_are_never_updated");
        }
        // Someone points the merge at another patient.
        assertThat(raw.update("UPDATE blocks SET payload = ? WHERE chain_id = ? AND height = ?",
                PatientMerges.payload(duplicate, third, desk, new byte[] {1}), duplicate.value(), height)).isEqualTo(1);
        assertNamed(fixture.verify(), duplicate, height, ProblemCode.BLOCK_HASH);
    }

    @Test
    void aPatientMergedIntoThemselvesIsNamed() throws Exception {
        ObjectNode fields = (ObjectNode) new ObjectMapper().readTree(PatientMerges.payload(duplicate, survivor, desk,
                new byte[] {1}));
        fields.put("into", duplicate.value());
        byte[] payload = CanonicalJson.encode(fields);
        long height = size(duplicate);
        fixture.ledger().append(EventSpec.between(BlockKind.PATIENT_MERGED, fixture.owners.get(desk), desk, payload,
                duplicate, payload));
        assertNamed(fixture.verify(), duplicate, height, ProblemCode.PAYLOAD);
    }

    @Test
    void aMergeIntoAMergedPatientIsNamed() {
        fixture.merge(survivor, third);
        long height = size(duplicate);
        fixture.merge(duplicate, survivor);
        assertOnly(fixture.verify(), duplicate, height, ProblemCode.MERGE);
    }

    @Test
    void aPatientMergedTwiceIsNamed() {
        fixture.merge(duplicate, survivor);
        long height = size(duplicate);
        fixture.merge(duplicate, third);
        assertOnly(fixture.verify(), duplicate, height, ProblemCode.MERGE);
    }

    @Test
    void aMergeIntoAPatientNoChainRegistersIsNamed() {
        long height = size(duplicate);
        fixture.merge(duplicate, new ChainId(PartyKind.PATIENT, "123456789"));
        assertOnly(fixture.verify(), duplicate, height, ProblemCode.MERGE);
    }

    @Test
    void aMergedPatientsChainTakingANewRecordIsNamed() {
        fixture.between(BlockKind.ACCESS_GRANTED, doctor, duplicate);
        fixture.merge(duplicate, survivor);
        long height = size(duplicate);
        fixture.between(BlockKind.RECORD_ADDED, doctor, duplicate);
        long grant = size(duplicate);
        fixture.between(BlockKind.ACCESS_GRANTED, doctor, duplicate);
        VerificationReport report = fixture.verify();
        assertNamed(report, duplicate, height, ProblemCode.MERGE);
        assertNamed(report, duplicate, grant, ProblemCode.MERGE);
        assertThat(report.problems()).extracting(VerificationProblem::code).containsOnly(ProblemCode.MERGE);
    }

    @Test
    void aMergedPatientsRecordsMayStillBeReadAndAccessRevoked() {
        fixture.between(BlockKind.ACCESS_GRANTED, doctor, duplicate);
        fixture.between(BlockKind.RECORD_ADDED, doctor, duplicate);
        fixture.merge(duplicate, survivor);
        fixture.between(BlockKind.RECORD_VIEWED, doctor, duplicate);
        fixture.between(BlockKind.ACCESS_REVOKED, doctor, duplicate);
        assertThat(fixture.verify().problems()).isEmpty();
    }

    private long size(ChainId chain) {
        return fixture.workspace.database().read("size", work ->
                new org.clinicledger.store.ChainStore().chainState(work, chain.value()).orElseThrow().size());
    }

    private static void assertNamed(VerificationReport report, ChainId chain, long height, ProblemCode code) {
        assertThat(report.problems()).filteredOn(problem -> problem.chain().equals(chain.value())
                && problem.height() == height).extracting(VerificationProblem::code).contains(code);
    }

    private static void assertOnly(VerificationReport report, ChainId chain, long height, ProblemCode code) {
        assertNamed(report, chain, height, code);
        assertThat(report.problems()).extracting(VerificationProblem::code).containsOnly(code);
    }

    private static byte[] with(ObjectNode good, String field, String value) {
        ObjectNode changed = good.deepCopy();
        changed.put(field, value);
        return CanonicalJson.encode(changed);
    }

    private static void assertRefused(byte[] payload, String reason) {
        assertThatThrownBy(() -> PatientMerges.read(payload)).as(reason)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason);
    }
}
