package org.clinicledger.clinic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.clinicledger.domain.DirectoryMatch;
import org.clinicledger.domain.DuplicatePair;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PatientDetails;
import org.clinicledger.domain.PatientFile;
import org.clinicledger.domain.PatientSummary;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.RecordInput;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.testing.TestClinic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Suspected duplicates, the warning before registering one, and merging a patient registered twice:
 * through the services on a real clinic (SQLite, cryptography), with the refusals and what the
 * directory shows afterwards.
 */
class PatientMergingTest {

    private static final LocalDate BORN = LocalDate.of(1985, 12, 10);

    @TempDir
    Path temp;

    private TestClinic clinic;
    private RegistrationService registrations;
    private MedicalRecordNumber again;

    @BeforeEach
    void setUp() {
        clinic = new TestClinic(temp.resolve("data"));
        registrations = clinic.workspace.registrations();
        try (Session desk = desk()) {
            // Ada Byron is registered a second time, her names typed the other way round.
            again = registrations.registerPatient(desk, new PatientDetails("BYRON, Ada", BORN, null, null),
                    "another passphrase 1".toCharArray(), null).mrn();
        }
    }

    private Session desk() {
        return clinic.login("desk", TestClinic.DESK_PASSWORD);
    }

    private MedicalRecordNumber register(Session desk, String name, LocalDate born) {
        return registrations.registerPatient(desk, new PatientDetails(name, born, null, null),
                "a passphrase 12345".toCharArray(), null).mrn();
    }

    @Test
    void theRuleMatchesTheSameSwappedAndMistypedNamesBornOnTheSameDayOnly() {
        assertThat(DuplicateRule.likeness("ada byron", "ada byron")).contains(DuplicateRule.SAME);
        assertThat(DuplicateRule.likeness("byron ada", "ada byron")).contains(DuplicateRule.REORDERED);
        assertThat(DuplicateRule.likeness("ada byrne", "ada byron")).contains(DuplicateRule.SIMILAR);
        assertThat(DuplicateRule.likeness("ada bryon", "ada byron")).contains(DuplicateRule.SIMILAR);
        assertThat(DuplicateRule.likeness("li wu", "li xu")).isEmpty();
        assertThat(DuplicateRule.likeness("maria garcia lopez", "maria garcai lopes")).contains(DuplicateRule.SIMILAR);
        assertThat(DuplicateRule.likeness("ada byron", "alan turing")).isEmpty();
        assertThat(DuplicateRule.likeness("", "ada")).isEmpty();
        try (Session desk = desk()) {
            register(desk, "Ada Byron", BORN.plusDays(1));
            register(desk, "Ádá  Byrne", BORN);
            List<DuplicatePair> pairs = registrations.suspectedDuplicates(desk);
            // "Ada Byron" pairs with "BYRON, Ada" and with "Ádá Byrne"; those two differ by the order and a
            // slip at once, which the rule leaves alone; the one born a day later is in no pair.
            assertThat(pairs).hasSize(2);
            assertThat(pairs).extracting(DuplicatePair::likeness)
                    .containsExactlyInAnyOrder(DuplicateRule.REORDERED, DuplicateRule.SIMILAR);
        }
    }

    @Test
    void registrationIsWarnedOfALikelyDuplicateBeforeAnythingIsWritten() {
        try (Session desk = desk()) {
            assertThat(registrations.likelyDuplicates(desk, new PatientDetails("ada  BYRON", BORN, null, null)))
                    .extracting(PatientSummary::mrn).containsExactlyInAnyOrder(clinic.mrn, again);
            assertThat(registrations.likelyDuplicates(desk, new PatientDetails("Ada Byron", BORN.minusYears(1),
                    null, null))).isEmpty();
            assertThat(registrations.directorySearch(desk, "")).hasSize(2);
        }
    }

    @Test
    void aMergeShowsTheDuplicateAsMergedAndFindsTheSurvivorByEitherMrn() {
        try (Session desk = desk()) {
            registrations.mergePatients(desk, again, clinic.mrn, "Registered twice on the same day");
            assertThat(registrations.suspectedDuplicates(desk)).isEmpty();
            assertThat(registrations.directorySearch(desk, again.formatted()))
                    .extracting(match -> match.patient().mrn()).containsExactlyInAnyOrder(again, clinic.mrn);
            DirectoryMatch merged = registrations.directorySearch(desk, again.formatted()).stream()
                    .filter(match -> match.patient().mrn().equals(again)).findFirst().orElseThrow();
            assertThat(merged.mergedInto()).isEqualTo(clinic.mrn);
            assertThat(merged.possibleDuplicate()).isFalse();
            assertThat(registrations.directorySearch(desk, clinic.mrn.formatted()))
                    .extracting(match -> match.patient().mrn()).containsExactly(clinic.mrn);
            PatientFile survivor = registrations.patientFile(desk, clinic.mrn).orElseThrow();
            assertThat(survivor.alsoRecordedAs()).extracting(PatientSummary::mrn).containsExactly(again);
            PatientFile duplicate = registrations.patientFile(desk, again).orElseThrow();
            assertThat(duplicate.mergedInto()).hasValueSatisfying(into -> assertThat(into.name()).isEqualTo("Ada Byron"));
            assertThat(registrations.likelyDuplicates(desk, new PatientDetails("Ada Byron", BORN, null, null)))
                    .extracting(PatientSummary::mrn).containsExactly(clinic.mrn);
        }
        assertThat(clinic.workspace.verify(Progress.NONE).problems()).isEmpty();
    }

    @Test
    void mergesThatCannotBeAreRefused() {
        try (Session desk = desk()) {
            MedicalRecordNumber third = register(desk, "Alan Turing", LocalDate.of(1912, 6, 23));
            assertThatThrownBy(() -> registrations.mergePatients(desk, again, again, "Same person"))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("into themselves");
            assertThatThrownBy(() -> registrations.mergePatients(desk, again, clinic.mrn, "dup"))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("at least 5");
            assertThatThrownBy(() -> registrations.mergePatients(desk, again, MedicalRecordNumber.generate(new java.security.SecureRandom()),
                    "Same person")).isInstanceOf(RefusedException.class).hasMessageContaining("no patient");
            registrations.mergePatients(desk, again, clinic.mrn, "Same person");
            assertThatThrownBy(() -> registrations.mergePatients(desk, again, third, "Same person"))
                    .isInstanceOf(RefusedException.class).hasMessageContaining("already");
            assertThatThrownBy(() -> registrations.mergePatients(desk, third, again, "Same person"))
                    .isInstanceOf(RefusedException.class).hasMessageContaining("merge into that patient instead");
        }
        try (Session lee = clinic.lee()) {
            assertThatThrownBy(() -> registrations.mergePatients(lee, clinic.mrn, again, "Same person"))
                    .isInstanceOf(RefusedException.class);
        }
    }

    @Test
    void aMergedPatientReceivesNoRecordGrantOrReferralButKeepsTheirRecords() {
        org.clinicledger.domain.RecordId recordId;
        try (Session lee = clinic.lee()) {
            recordId = clinic.workspace.records().addRecord(lee, clinic.mrn,
                    new RecordInput("Asthma, mild persistent", null, "Inhaler as needed", List.of())).recordId();
        }
        try (Session desk = desk()) {
            registrations.mergePatients(desk, clinic.mrn, again, "Registered twice");
        }
        try (Session lee = clinic.lee()) {
            assertThat(clinic.workspace.records().mayWrite(lee, clinic.mrn)).isFalse();
            assertThatThrownBy(() -> clinic.workspace.records().addRecord(lee, clinic.mrn,
                    new RecordInput("Asthma", null, "Again", List.of()))).isInstanceOf(RefusedException.class)
                    .hasMessageContaining("was merged into patient " + again.formatted());
            assertThatThrownBy(() -> clinic.workspace.access().refer(lee, clinic.mrn, "dr.kim", "Second opinion"))
                    .isInstanceOf(RefusedException.class).hasMessageContaining("merged");
            assertThat(clinic.workspace.records().showRecord(lee, recordId).toString()).contains("Asthma");
        }
        try (Session patient = clinic.patient()) {
            assertThatThrownBy(() -> clinic.workspace.access().grant(patient, "dr.kim", null))
                    .isInstanceOf(RefusedException.class).hasMessageContaining("merged");
        }
        assertThat(clinic.workspace.verify(Progress.NONE).problems()).isEmpty();
    }
}
