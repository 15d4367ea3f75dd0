package org.clinicledger.ui.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.clinicledger.clinic.Session;
import org.clinicledger.domain.AddedRecord;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChartEvent;
import org.clinicledger.domain.Icd10Code;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PatientDetails;
import org.clinicledger.domain.RecordInput;
import org.clinicledger.domain.ShownRecord;
import org.clinicledger.testing.TestClinic;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.HeldTasks;
import org.clinicledger.ui.common.RecordingDialogService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Doctor tab's logic on a real temp clinic: My patients, search as one types, the chart and its timeline. */
class DoctorViewModelTest {

    @TempDir
    Path temp;

    private TestClinic clinic;
    private Session lee;
    private final RecordingDialogService dialogs = new RecordingDialogService();
    private DoctorViewModel model;
    private AddedRecord record;

    @BeforeEach
    void setUp() {
        clinic = new TestClinic(temp.resolve("data"));
        lee = clinic.lee();
        record = clinic.workspace.records().addRecord(lee, clinic.mrn,
                new RecordInput("Asthma", Icd10Code.parse("J45"), "Inhaler", List.of()));
        model = doctorModel(lee);
    }

    @AfterEach
    void logOut() {
        lee.close();
    }

    private DoctorViewModel doctorModel(Session doctor) {
        DoctorViewModel made = new DoctorViewModel(clinic.workspace, doctor, BackgroundTasks.direct(dialogs), dialogs,
                ZoneOffset.UTC);
        made.search();
        return made;
    }

    private MedicalRecordNumber register(String name) {
        try (Session desk = clinic.login("desk", TestClinic.DESK_PASSWORD)) {
            return clinic.workspace.registrations().registerPatient(desk, new PatientDetails(name,
                    LocalDate.of(1990, 1, 2), null, null), "another passphrase 1".toCharArray(), "dr.lee").mrn();
        }
    }

    private static List<String> lines(DoctorViewModel on) {
        return on.patients().stream().map(line -> line.patient().name() + ": " + line.why()).toList();
    }

    private void choosePatient(DoctorViewModel on) {
        on.queryProperty().set("ada");
        on.patientProperty().set(on.patients().get(0).patient());
    }

    @Test
    void myPatientsListsAGrantedPatientByNameWithoutSearching() {
        assertThat(model.listHeadingProperty().get()).isEqualTo("My patients");
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertThat(lines(model)).containsExactly("Ada Byron: Granted, no end; seen " + today);
        assertThat(model.patients().get(0).patient().mrn()).isEqualTo(clinic.mrn);
    }

    @Test
    void aGrantWithAnEndSaysItsLastDay() {
        try (Session kim = clinic.kim(); Session patient = clinic.patient()) {
            clinic.workspace.access().grant(patient, "dr.kim",
                    LocalDate.of(2099, 12, 31).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            assertThat(lines(doctorModel(kim))).containsExactly("Ada Byron: Granted until 2099-12-31");
        }
    }

    @Test
    void aReferralListsThePatientForBothDoctorsByName() {
        try (Session kim = clinic.kim()) {
            assertThat(lines(doctorModel(kim))).as("no patients before the referral").isEmpty();
            clinic.workspace.access().refer(lee, clinic.mrn, "dr.kim", "Second opinion");
            assertThat(lines(doctorModel(kim))).containsExactly("Ada Byron: Referred by dr.lee");
            assertThat(doctorModel(kim).searchResultProperty().get()).isEmpty();
        }
        assertThat(lines(doctorModel(lee))).as("Lee's grant stays the stronger reason")
                .singleElement().asString().startsWith("Ada Byron: Granted, no end");
    }

    @Test
    void aRevokedGrantTakesThePatientOffUnlessTheDoctorSawThem() {
        MedicalRecordNumber grace = register("Grace Hopper");
        try (Session kim = clinic.kim(); Session patient = clinic.patient()) {
            clinic.workspace.access().grant(patient, "dr.kim", null);
            assertThat(lines(doctorModel(kim))).containsExactly("Ada Byron: Granted, no end");
            clinic.workspace.access().revoke(patient, "dr.kim");
            assertThat(lines(doctorModel(kim))).as("revoked, never seen").isEmpty();
        }
        try (Session patient = clinic.login(grace.digits(), "another passphrase 1")) {
            clinic.workspace.access().revoke(patient, "dr.lee");
        }
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertThat(lines(doctorModel(lee))).as("Grace revoked and was never seen; Ada was seen")
                .containsExactly("Ada Byron: Granted, no end; seen " + today);
        try (Session patient = clinic.patient()) {
            clinic.workspace.access().revoke(patient, "dr.lee");
        }
        assertThat(lines(doctorModel(lee))).as("a record written recently keeps Ada on the list")
                .containsExactly("Ada Byron: Seen " + today);
    }

    @Test
    void aDeactivatedDoctorHasNoPatients() {
        try (Session admin = clinic.login("admin", TestClinic.ADMIN_PASSWORD)) {
            clinic.workspace.accounts().deactivate(admin, "dr.lee", "Left the clinic");
        }
        assertThat(lines(doctorModel(lee))).isEmpty();
    }

    @Test
    void searchingSwitchesTheListAndClearingReturnsToMyPatients() {
        register("Grace Hopper");
        model.queryProperty().set("grace");
        assertThat(model.listHeadingProperty().get()).isEqualTo("Matches in the directory");
        assertThat(lines(model)).containsExactly("Grace Hopper: ");
        assertThat(model.searchResultProperty().get()).isEqualTo("1 patient matches.");
        model.queryProperty().set("1234-5678-0");
        assertThat(model.problemProperty().get()).isNotEmpty();
        assertThat(model.patients()).isEmpty();
        model.queryProperty().set("");
        assertThat(model.listHeadingProperty().get()).isEqualTo("My patients");
        assertThat(model.problemProperty().get()).isEmpty();
        assertThat(lines(model)).extracting(line -> line.substring(0, line.indexOf(':')))
                .containsExactly("Ada Byron", "Grace Hopper");
        assertThat(dialogs.shown).isEmpty();
    }

    @Test
    void onlyTheNewestSearchIsShownHoweverTheAnswersArrive() {
        register("Grace Hopper");
        HeldTasks held = new HeldTasks(dialogs);
        DoctorViewModel slow = new DoctorViewModel(clinic.workspace, lee, held.tasks, dialogs, ZoneOffset.UTC);
        slow.queryProperty().set("grace");
        slow.queryProperty().set("ada");
        assertThat(held.waiting()).isEqualTo(2);
        held.release(1);
        held.release(0);
        assertThat(lines(slow)).containsExactly("Ada Byron: ");
    }

    @Test
    void theChartListsRecordsWithTheCurrentDiagnosisAndTheTimeline() {
        choosePatient(model);
        assertThat(model.recordsHeadingProperty().get()).isEqualTo("Ada Byron · MRN " + clinic.mrn
                + " · born 1985-12-10");
        assertThat(model.records()).extracting(row -> row.recordId()).containsExactly(record.recordId());
        assertThat(model.records().get(0).icd10()).isEqualTo("J45");
        assertThat(model.records().get(0).diagnosis()).isEqualTo("Asthma");
        assertThat(model.mayWriteProperty().get()).isTrue();
        assertThat(model.noAccessProperty().get()).isEmpty();

        clinic.workspace.records().amendRecord(lee, record.recordId(),
                new RecordInput("Asthma, mild persistent", Icd10Code.parse("J45.3"), "", List.of()));
        model.refreshRecords();
        assertThat(model.records().get(0).icd10()).as("the current version's code").isEqualTo("J45.3");
        assertThat(model.timeline()).extracting(ChartEvent::kind).containsExactly(BlockKind.RECORD_AMENDED,
                BlockKind.RECORD_ADDED, BlockKind.ACCESS_GRANTED);
        ChartEvent amended = model.timeline().get(0);
        assertThat(amended.who()).isEqualTo("dr.lee");
        assertThat(amended.version()).isEqualTo(2);
        assertThat(TimelineText.diagnosis(amended)).isEqualTo("J45.3 Asthma, mild persistent");
        assertThat(amended.hash()).matches("[0-9a-f]{64}");
        assertThat(model.timeline().get(1).detail()).isEqualTo("Replaced by version 2");
        assertThat(TimelineText.diagnosis(model.timeline().get(1))).as("older versions are not opened").isEmpty();
        assertThat(model.timeline().get(2).who()).as("the patient granted, by name").isEqualTo("Ada Byron");
        assertThat(model.timeline().get(2).detail()).isEqualTo("Access for dr.lee, no end");

        List<ShownRecord> opened = new ArrayList<>();
        model.open(model.records().get(0), opened::add);
        assertThat(opened.get(0).latest().diagnosis()).isEqualTo("Asthma, mild persistent");
    }

    @Test
    void aDeletionShowsItsReasonOnTheTimeline() {
        choosePatient(model);
        dialogs.textReplies.add(Optional.of("Written for the wrong patient"));
        dialogs.confirmReply = true;
        model.delete(model.records().get(0));
        assertThat(model.records().get(0).summary().deleted()).isTrue();
        assertThat(model.timeline().get(0).kind()).isEqualTo(BlockKind.RECORD_DELETED);
        assertThat(model.timeline().get(0).detail()).isEqualTo("Reason: Written for the wrong patient");
        assertThat(model.timeline().get(1).detail()).isEqualTo("Deleted since");
    }

    @Test
    void aDoctorWithoutAccessIsNotOfferedTheFormAndSeesNoDiagnosisNorOthersAccess() {
        try (Session kim = clinic.kim()) {
            DoctorViewModel other = doctorModel(kim);
            choosePatient(other);
            assertThat(other.records()).as("nothing of Lee's without a grant").isEmpty();
            assertThat(other.timeline()).as("nor Lee's records or grant on the timeline").isEmpty();
            assertThat(other.mayWriteProperty().get()).isFalse();
            assertThat(other.noAccessProperty().get()).isEqualTo("You have no access to this patient's records: "
                    + "ask the patient or use a referral.");
        }
    }

    @Test
    void aDeletionWithoutReasonOrConfirmationWritesNothing() {
        choosePatient(model);
        dialogs.textReplies.add(Optional.of("  "));
        model.delete(model.records().get(0));
        assertThat(dialogs.shown).contains("error: Delete the record: Give the reason for deleting the record.");
        dialogs.textReplies.add(Optional.of("A reason"));
        dialogs.confirmReply = false;
        model.delete(model.records().get(0));
        model.refreshRecords();
        assertThat(model.records().get(0).summary().deleted()).isFalse();
    }

    @Test
    void aDoctorWithoutAccessIsToldSoWhenOpening() {
        choosePatient(model);
        try (Session kim = clinic.kim()) {
            DoctorViewModel other = doctorModel(kim);
            other.open(model.records().get(0), shown -> { });
        }
        assertThat(dialogs.shown).singleElement().asString()
                .startsWith("error: Opening the record: Access denied: dr.kim may not read record");
    }
}
