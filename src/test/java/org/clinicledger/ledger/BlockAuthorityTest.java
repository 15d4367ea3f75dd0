package org.clinicledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.ProblemCode;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.VerificationProblem;
import org.clinicledger.testing.RawTables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blocks signed with a registered key that may not write them, appended with correct links, heads
 * and derived tables, as someone holding one key of the clinic (a patient, a doctor, a machine) and
 * write access to the data folder could: each is named by {@code verify} with its place and reason.
 */
class BlockAuthorityTest {

    @TempDir
    Path temp;

    private LedgerFixture fixture;
    private ChainId doctor;
    private ChainId otherDoctor;
    private ChainId patient;
    private ChainId otherPatient;

    @BeforeEach
    void buildLedger() {
        fixture = LedgerFixture.everyKind(temp.resolve("data"));
        doctor = fixture.doctors.get(0);
        otherDoctor = fixture.doctors.get(1);
        patient = fixture.patients.get(0);
        otherPatient = fixture.patients.get(1);
        assertThat(problems()).as("the fixture itself").isEmpty();
    }

    @Test
    void aPatientCannotWriteARecordOntoADoctorsChain() throws Exception {
        long height = size(doctor);
        append(BlockKind.RECORD_ADDED, patient, doctor, patient);
        assertNamed(doctor, height, "a record-added block may not be signed by a patient's key");
    }

    @Test
    void aPatientCannotGrantAccessOnAnotherPatientsChain() throws Exception {
        long height = size(patient);
        append(BlockKind.ACCESS_GRANTED, otherPatient, patient, doctor);
        assertNamed(patient, height, "neither this chain's nor its counterpart's");
    }

    @Test
    void aDoctorCannotWriteAnEmergencyAccess() throws Exception {
        long height = size(patient);
        append(BlockKind.EMERGENCY_ACCESS, doctor, patient, doctor);
        assertNamed(patient, height, "an emergency-access block may not be signed by a doctor's key");
    }

    @Test
    void aDoctorCannotRevokeAccessForThePatient() throws Exception {
        long height = size(patient);
        append(BlockKind.ACCESS_REVOKED, otherDoctor, patient, otherDoctor);
        assertNamed(patient, height, "an access-revoked block may not be signed by a doctor's key");
    }

    @Test
    void aMemberOfStaffWhoIsNoAdministratorCannotWriteAnEmergencyAccess() throws Exception {
        SigningKey desk = fixture.newKey();
        ChainId reception = new ChainId(PartyKind.STAFF, "desk");
        fixture.ledger().register(PartyKind.STAFF, "desk", desk, fixture.authorized(reception, desk, "receptionist"));
        long height = size(patient);
        byte[] payload = LedgerFixture.bytes("{}");
        fixture.ledger().append(EventSpec.between(BlockKind.EMERGENCY_ACCESS, desk, reception, payload, patient,
                payload));
        assertNamed(patient, height,
                "an emergency access may be signed by an administrator only, not by a receptionist");
    }

    @Test
    void aPatientsReadingIsWrittenOnTheirOwnChainAlone() throws Exception {
        long height = size(doctor);
        append(BlockKind.RECORD_VIEWED, patient, doctor, patient);
        assertNamed(doctor, height, "a patient's reading is written on their own chain alone");
    }

    @Test
    void aPasswordChangeIsWrittenByTheOwnerOnTheirOwnChainAlone() throws Exception {
        long height = size(patient);
        fixture.ledger().append(EventSpec.single(BlockKind.PASSWORD_CHANGED, fixture.owners.get(doctor), patient,
                LedgerFixture.bytes("{}")));
        assertNamed(patient, height, "neither this chain's nor its counterpart's");
        long doctorHeight = size(doctor);
        append(BlockKind.PASSWORD_CHANGED, doctor, doctor, patient);
        assertNamed(doctor, doctorHeight, "a password change is written by the account's owner on their own chain alone");
        assertNamed(patient, size(patient) - 1,
                "a password change is written by the account's owner on their own chain alone");
        assertThat(problems()).filteredOn(problem -> problem.code() == ProblemCode.AUTHORITY).hasSize(3);
    }

    @Test
    void aMachinesChainHoldsItsRegistrationOnly() {
        SigningKey node = NodeIdentity.load(fixture.workspace.root()).orElseThrow();
        ChainId nodeChain = new ChainId(PartyKind.NODE, node.keyId());
        fixture.ledger().append(EventSpec.between(BlockKind.RECORD_VIEWED, node, nodeChain, new byte[] {1}, patient,
                new byte[] {1}));
        assertNamed(nodeChain, 1, "a machine's chain holds its registration only");
    }

    @Test
    void theTableNamesTheActorOfEveryKindThatRecordsAnAct() {
        String doctorChain = doctor.value();
        String patientChain = patient.value();
        String admin = "staff/admin";
        assertThat(refusal(BlockKind.RECORD_AMENDED, patientChain, doctorChain, doctorChain, null)).isEmpty();
        assertThat(refusal(BlockKind.REFERRAL, otherDoctor.value(), doctorChain, doctorChain, null)).isEmpty();
        assertThat(refusal(BlockKind.ACCESS_GRANTED, doctorChain, patientChain, patientChain, null)).isEmpty();
        assertThat(refusal(BlockKind.EMERGENCY_ACCESS, patientChain, admin, admin, "administrator")).isEmpty();
        assertThat(refusal(BlockKind.EMERGENCY_ACCESS, patientChain, admin, admin, null)).isPresent();
        assertThat(refusal(BlockKind.RECORD_VIEWED, patientChain, null, patientChain, null)).isEmpty();
        assertThat(refusal(BlockKind.RECORD_VIEWED, patientChain, admin, admin, null)).isEmpty();
        assertThat(refusal(BlockKind.RECORD_DELETED, patientChain, doctorChain, admin, null)).isPresent();
        assertThat(refusal(BlockKind.REFERRAL, patientChain, doctorChain, patientChain, null)).isPresent();
        assertThat(refusal(BlockKind.KEY_ROTATED, doctorChain, null, doctorChain, null)).isEmpty();
        assertThat(refusal(BlockKind.PASSWORD_CHANGED, doctorChain, null, doctorChain, null)).isEmpty();
        assertThat(refusal(BlockKind.PASSWORD_CHANGED, admin, null, admin, "administrator")).isEmpty();
        assertThat(refusal(BlockKind.PASSWORD_CHANGED, patientChain, null, doctorChain, null)).isPresent();
        assertThat(refusal(BlockKind.RECORD_ADDED, patientChain, doctorChain, "nobody", null)).isPresent();
        assertThat(refusal(BlockKind.DEMOGRAPHICS_CORRECTED, patientChain, admin, admin, "receptionist")).isEmpty();
        assertThat(refusal(BlockKind.DEMOGRAPHICS_CORRECTED, admin, patientChain, admin, "administrator")).isEmpty();
        assertThat(refusal(BlockKind.DEMOGRAPHICS_CORRECTED, patientChain, doctorChain, doctorChain, null)).isPresent();
        assertThat(refusal(BlockKind.DEMOGRAPHICS_CORRECTED, patientChain, null, patientChain, null)).isPresent();
        assertThat(refusal(BlockKind.DEMOGRAPHICS_CORRECTED, admin, null, admin, "administrator")).isPresent();
        assertThat(refusal(BlockKind.DEMOGRAPHICS_CORRECTED, doctorChain, admin, admin, "administrator")).isPresent();
    }

    @Test
    void theSecondTableNamesWhoMayVouchForWhoseKey() {
        String clinic = "clinic/c0ffee";
        String admin = "staff/admin";
        String desk = "staff/desk";
        for (String chain : List.of("node/n1", "staff/s1", "doctor/d1", "patient/p1")) {
            assertThat(BlockAuthority.authorizationRefusal(clinic, null, chain)).as("the clinic key for %s", chain).isEmpty();
        }
        assertThat(BlockAuthority.authorizationRefusal(clinic, null, "clinic/other")).isPresent();
        for (String chain : List.of("staff/s1", "doctor/d1", "patient/p1")) {
            assertThat(BlockAuthority.authorizationRefusal(admin, "administrator", chain)).as(chain).isEmpty();
        }
        assertThat(BlockAuthority.authorizationRefusal(admin, "administrator", "node/n1")).get().asString()
                .contains("may not authorize a machine's key");
        assertThat(BlockAuthority.authorizationRefusal(desk, "receptionist", "doctor/d1")).isEmpty();
        assertThat(BlockAuthority.authorizationRefusal(desk, "receptionist", "patient/p1")).isEmpty();
        assertThat(BlockAuthority.authorizationRefusal(desk, "receptionist", "staff/s1")).get().asString()
                .contains("staff/desk, a receptionist, who may not authorize a staff's key");
        assertThat(BlockAuthority.authorizationRefusal(desk, null, "patient/p1")).get().asString()
                .contains("a staff");
        for (String authorizer : List.of("doctor/d1", "patient/p1", "node/n1")) {
            assertThat(BlockAuthority.authorizationRefusal(authorizer, "doctor", "patient/p2")).as(authorizer)
                    .get().asString().contains("may not authorize a patient's key");
        }
        assertThat(BlockAuthority.authorizationRefusal("not a chain", null, "patient/p2")).get().asString()
                .contains("a key of no known party");
        assertThat(BlockAuthority.authorizationRefusal(clinic, null, "not a chain")).get().asString()
                .contains("may not authorize a key of no known party");
    }

    private static Optional<String> refusal(BlockKind kind, String chain, String counterpart, String author,
            String role) {
        return BlockAuthority.refusal(kind, chain, counterpart, author, role);
    }

    /** Appends a {@code kind} event on {@code chain} and {@code counterpart}, signed with {@code signer}'s key. */
    private void append(BlockKind kind, ChainId signer, ChainId chain, ChainId counterpart) {
        byte[] payload = LedgerFixture.bytes("{}");
        fixture.ledger().append(EventSpec.between(kind, fixture.owners.get(signer), chain, payload, counterpart,
                payload));
    }

    private void assertNamed(ChainId chain, long height, String reason) {
        assertThat(problems()).anySatisfy(problem -> {
            assertThat(problem.chain()).isEqualTo(chain.value());
            assertThat(problem.height()).isEqualTo(height);
            assertThat(problem.reason()).contains(reason);
        });
    }

    private long size(ChainId chain) throws Exception {
        return new RawTables(fixture.workspace.root()).count("SELECT count(*) FROM blocks WHERE chain_id = ?",
                chain.value());
    }

    private List<VerificationProblem> problems() {
        return fixture.verify().problems();
    }
}
