package org.clinicledger.clinic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.DirectoryMatch;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.PatientDetails;
import org.clinicledger.domain.PatientFile;
import org.clinicledger.domain.ProblemCode;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.Sex;
import org.clinicledger.domain.VerificationProblem;
import org.clinicledger.domain.VerificationReport;
import org.clinicledger.ledger.DemographicsCorrections;
import org.clinicledger.ledger.EventSpec;
import org.clinicledger.testing.RawTables;
import org.clinicledger.testing.TestClinic;
import org.clinicledger.testing.TestLedger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Correcting a patient's demographics at the desk, the history the patient's chain keeps, the
 * directory's duplicate flag, and what verification says when someone with write access to the data
 * folder edits or forges a correction; real SQLite files and real cryptography.
 */
class PatientCorrectionTest {

    private static final LocalDate ADA_BORN = LocalDate.of(1985, 12, 10);
    private static final PatientDetails CORRECTED = new PatientDetails("Ada King", LocalDate.of(1985, 12, 11),
            Sex.FEMALE, "+44 20 7946 0000");

    @TempDir
    Path temp;

    private TestClinic clinic;
    private RegistrationService registrations;

    @BeforeEach
    void setUp() {
        clinic = new TestClinic(temp.resolve("data"));
        registrations = clinic.workspace.registrations();
    }

    private Session desk() {
        return clinic.login("desk", TestClinic.DESK_PASSWORD);
    }

    private ChainId patientChain() {
        return new ChainId(PartyKind.PATIENT, clinic.mrn.digits());
    }

    @Test
    void aSearchingSessionSeesACorrectionMadeInAnotherSessionAtItsNextKeyPress() {
        try (Session searching = desk(); Session correcting = desk()) {
            assertThat(registrations.directorySearch(searching, "Ada")).extracting(match -> match.patient().name())
                    .contains("Ada Byron");
            assertThat(registrations.directorySearch(searching, "King")).isEmpty();
            registrations.correctPatient(correcting, clinic.mrn, CORRECTED);
            // The session's copy was made before the correction: its stamp no longer holds, so it is read again.
            assertThat(registrations.directorySearch(searching, "King")).extracting(match -> match.patient().name())
                    .containsExactly("Ada King");
            assertThat(registrations.directorySearch(searching, "Byron")).isEmpty();
        }
    }

    @Test
    void aCorrectionReplacesTheDetailsKeepsTheEarlierVersionAndVerifies() throws Exception {
        try (Session desk = desk()) {
            PatientFile file = registrations.correctPatient(desk, clinic.mrn, CORRECTED);

            assertThat(file.details()).isEqualTo(CORRECTED);
            assertThat(file.corrections()).singleElement().satisfies(correction -> {
                assertThat(correction.by()).isEqualTo("desk");
                assertThat(correction.replaced().name()).isEqualTo("Ada Byron");
                assertThat(correction.replaced().dateOfBirth()).isEqualTo(ADA_BORN);
            });
            assertThat(registrations.directorySearch(desk, "1985-12-11")).extracting(match -> match.patient().name())
                    .containsExactly("Ada King");
            assertThat(registrations.directorySearch(desk, "Byron")).isEmpty();

            PatientFile again = registrations.correctPatient(desk, clinic.mrn, new PatientDetails("Ada Lovelace",
                    LocalDate.of(1985, 12, 11), Sex.FEMALE, null));
            assertThat(again.corrections()).extracting(correction -> correction.replaced().name())
                    .containsExactly("Ada Byron", "Ada King");
        }
        RawTables raw = new RawTables(temp.resolve("data"));
        assertThat(raw.blockCount(patientChain(), BlockKind.DEMOGRAPHICS_CORRECTED)).isEqualTo(2);
        assertThat(raw.blockCount(new ChainId(PartyKind.STAFF, "desk"), BlockKind.DEMOGRAPHICS_CORRECTED)).isEqualTo(2);
        // The staff chain travels in every export: it carries hashes, never a patient's sealed details.
        assertThat(raw.latestPayload(new ChainId(PartyKind.STAFF, "desk"), BlockKind.DEMOGRAPHICS_CORRECTED)
                .has("replaced")).isFalse();
        assertThat(raw.latestPayload(patientChain(), BlockKind.DEMOGRAPHICS_CORRECTED).has("replaced")).isTrue();
        assertThat(clinic.workspace.verify(Progress.NONE).problems()).isEmpty();
    }

    @Test
    void onlyTheDeskCorrectsAndNothingUnchangedOrImpossibleIsWritten() throws Exception {
        try (Session lee = clinic.lee(); Session patient = clinic.patient()) {
            assertThatThrownBy(() -> registrations.correctPatient(lee, clinic.mrn, CORRECTED))
                    .isInstanceOf(RefusedException.class);
            assertThatThrownBy(() -> registrations.correctPatient(patient, clinic.mrn, CORRECTED))
                    .isInstanceOf(RefusedException.class);
        }
        try (Session desk = desk()) {
            assertThatThrownBy(() -> registrations.correctPatient(desk, clinic.mrn,
                    new PatientDetails("Ada Byron", ADA_BORN, null, null)))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("Nothing was changed");
            assertThatThrownBy(() -> registrations.correctPatient(desk, clinic.mrn,
                    new PatientDetails("Ada Byron", LocalDate.now().plusYears(1), null, null)))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("in the future");
            assertThat(registrations.patientFile(desk, clinic.mrn).orElseThrow().corrections()).isEmpty();
        }
        assertThat(new RawTables(temp.resolve("data")).blockCount(patientChain(), BlockKind.DEMOGRAPHICS_CORRECTED))
                .isZero();
    }

    @Test
    void theDirectoryFlagsPatientsWithTheSameNameAndDateOfBirth() {
        try (Session desk = desk()) {
            registrations.registerPatient(desk, new PatientDetails("ADA  byron", ADA_BORN, null, null),
                    "another passphrase 1".toCharArray(), null);
            registrations.registerPatient(desk, new PatientDetails("Ada Byron", LocalDate.of(1990, 1, 1), null, null),
                    "another passphrase 2".toCharArray(), null);

            List<DirectoryMatch> all = registrations.directorySearch(desk, "");
            assertThat(all).hasSize(3);
            assertThat(all).filteredOn(DirectoryMatch::possibleDuplicate).hasSize(2)
                    .allSatisfy(match -> assertThat(match.patient().dateOfBirth()).isEqualTo(ADA_BORN));

            // Correcting one of them tells them apart: neither is flagged any more.
            registrations.correctPatient(desk, clinic.mrn, CORRECTED);
            assertThat(registrations.directorySearch(desk, " ")).noneMatch(DirectoryMatch::possibleDuplicate);
        }
    }

    @Test
    void partOfAnMrnOrOfADateOfBirthNarrowsTheListAsItIsTyped() {
        try (Session desk = desk()) {
            String digits = clinic.mrn.digits();
            assertThat(registrations.directorySearch(desk, digits.substring(2, 6))).hasSize(1);
            assertThat(registrations.directorySearch(desk, clinic.mrn.formatted().substring(0, 6))).hasSize(1);
            assertThat(registrations.directorySearch(desk, "1985-1")).hasSize(1);
            assertThat(registrations.directorySearch(desk, "1986")).isEmpty();
        }
    }

    // ---- attacks: someone with write access to the data folder

    @Test
    void aDemographicsRowPutBackToAnEarlierVersionIsReported() throws Exception {
        RawTables raw = new RawTables(temp.resolve("data"));
        byte[] original = raw.bytes("SELECT sealed_demographics FROM patients WHERE mrn = ?", clinic.mrn.digits());
        try (Session desk = desk()) {
            registrations.correctPatient(desk, clinic.mrn, CORRECTED);
        }
        raw.update("UPDATE patients SET sealed_demographics = ? WHERE mrn = ?", original, clinic.mrn.digits());

        VerificationReport report = clinic.workspace.verify(Progress.NONE);
        assertThat(report.ok()).isFalse();
        assertThat(report.problems()).extracting(VerificationProblem::code).contains(ProblemCode.SEALED_DETAILS);
    }

    @Test
    void anEditedCorrectionIsReported() throws Exception {
        try (Session desk = desk()) {
            registrations.correctPatient(desk, clinic.mrn, CORRECTED);
        }
        RawTables raw = new RawTables(temp.resolve("data"));
        // The app's triggers keep blocks append-only; whoever writes the file directly can drop them.
        raw.update("DROP TRIGGER blocks_are_never_updated");
        raw.update("UPDATE blocks SET payload = CAST(replace(CAST(payload AS TEXT), '\"previous\"', '\"previouz\"') "
                + "AS BLOB) WHERE chain_id = ? AND kind = ?", patientChain().value(),
                BlockKind.DEMOGRAPHICS_CORRECTED.code());

        VerificationReport report = clinic.workspace.verify(Progress.NONE);
        assertThat(report.ok()).isFalse();
        assertThat(report.problems()).extracting(VerificationProblem::code).contains(ProblemCode.BLOCK_HASH);
    }

    @Test
    void aCorrectionForgedByADoctorOrThePatientIsReported() throws Exception {
        byte[] sealed = new RawTables(temp.resolve("data"))
                .bytes("SELECT sealed_demographics FROM patients WHERE mrn = ?", clinic.mrn.digits());
        ChainId lee = new ChainId(PartyKind.DOCTOR, "dr.lee");
        try (Session doctor = clinic.lee()) {
            // Properly linked and covered by the machine's signed heads, but signed by a doctor.
            TestLedger.of(clinic.workspace).append(EventSpec.between(BlockKind.DEMOGRAPHICS_CORRECTED,
                    doctor.keys().signingKey(), lee, new byte[] {'{', '}'}, patientChain(),
                    DemographicsCorrections.patientPayload(patientChain(), new ChainId(PartyKind.STAFF, "desk"),
                            sealed, sealed, null)));
        }
        try (Session patient = clinic.patient()) {
            TestLedger.of(clinic.workspace).append(EventSpec.single(BlockKind.DEMOGRAPHICS_CORRECTED,
                    patient.keys().signingKey(), patientChain(), DemographicsCorrections.patientPayload(patientChain(),
                            new ChainId(PartyKind.STAFF, "desk"), sealed, sealed, null)));
        }

        VerificationReport report = clinic.workspace.verify(Progress.NONE);
        assertThat(report.problems()).filteredOn(problem -> problem.code() == ProblemCode.AUTHORITY)
                .extracting(VerificationProblem::chain).contains(lee.value(), patientChain().value());
    }

    @Test
    void aCorrectionByTheDeskThatSkipsAVersionIsReported() throws Exception {
        byte[] sealed = new RawTables(temp.resolve("data"))
                .bytes("SELECT sealed_demographics FROM patients WHERE mrn = ?", clinic.mrn.digits());
        ChainId desk = new ChainId(PartyKind.STAFF, "desk");
        try (Session session = desk()) {
            registrations.correctPatient(session, clinic.mrn, CORRECTED);
            // Signed by the desk, but "replacing" the registration's version again: a history with a gap.
            TestLedger.of(clinic.workspace).append(EventSpec.between(BlockKind.DEMOGRAPHICS_CORRECTED,
                    session.keys().signingKey(), desk, DemographicsCorrections.staffPayload(patientChain(), desk, sealed,
                            sealed), patientChain(), DemographicsCorrections.patientPayload(patientChain(), desk, sealed,
                            sealed, null)));
        }
        new RawTables(temp.resolve("data")).update("UPDATE patients SET sealed_demographics = ? WHERE mrn = ?", sealed,
                clinic.mrn.digits());

        VerificationReport report = clinic.workspace.verify(Progress.NONE);
        assertThat(report.problems()).extracting(VerificationProblem::code).containsExactly(ProblemCode.SEALED_DETAILS);
        assertThat(report.problems().get(0).reason()).contains("does not replace the version before it");
    }
}
