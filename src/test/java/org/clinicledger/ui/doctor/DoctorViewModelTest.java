package org.clinicledger.ui.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.clinicledger.clinic.Session;
import org.clinicledger.domain.AddedRecord;
import org.clinicledger.domain.Icd10Code;
import org.clinicledger.domain.RecordInput;
import org.clinicledger.domain.ShownRecord;
import org.clinicledger.testing.TestClinic;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.RecordingDialogService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        model = new DoctorViewModel(clinic.workspace, lee, BackgroundTasks.direct(dialogs), dialogs);
    }

    @AfterEach
    void logOut() {
        lee.close();
    }

    private void choosePatient(DoctorViewModel on) {
        on.queryProperty().set("ada");
        on.search();
        on.patientProperty().set(on.patients().get(0));
    }

    @Test
    void findsThePatientAndListsTheirChartWithTheCurrentDiagnosis() {
        choosePatient(model);
        assertThat(model.searchResultProperty().get()).isEqualTo("1 patient found.");
        assertThat(model.patients().get(0).name()).isEqualTo("Ada Byron");
        assertThat(model.records()).extracting(row -> row.recordId()).containsExactly(record.recordId());
        assertThat(model.records().get(0).icd10()).isEqualTo("J45");
        assertThat(model.records().get(0).diagnosis()).isEqualTo("Asthma");
        assertThat(model.mayWriteProperty().get()).isTrue();
        assertThat(model.noAccessProperty().get()).isEmpty();

        clinic.workspace.records().amendRecord(lee, record.recordId(),
                new RecordInput("Asthma, mild persistent", Icd10Code.parse("J45.3"), "", List.of()));
        model.refreshRecords();
        assertThat(model.records().get(0).icd10()).as("the current version's code").isEqualTo("J45.3");
        assertThat(model.records().get(0).diagnosis()).isEqualTo("Asthma, mild persistent");

        List<ShownRecord> opened = new ArrayList<>();
        model.open(model.records().get(0), opened::add);
        assertThat(opened.get(0).latest().diagnosis()).isEqualTo("Asthma, mild persistent");
    }

    @Test
    void aDoctorWithoutAccessIsNotOfferedTheFormAndSeesNoDiagnosis() {
        try (Session kim = clinic.kim()) {
            DoctorViewModel other = new DoctorViewModel(clinic.workspace, kim, BackgroundTasks.direct(dialogs),
                    dialogs);
            choosePatient(other);
            assertThat(other.records()).as("nothing of Lee's without a grant").isEmpty();
            assertThat(other.mayWriteProperty().get()).isFalse();
            assertThat(other.noAccessProperty().get()).isEqualTo("You have no access to this patient's records: "
                    + "ask the patient or use a referral.");
        }
    }

    @Test
    void anEmptySearchIsRefusedInPlainWords() {
        model.search();
        assertThat(dialogs.shown).containsExactly("error: Searching patients: Enter part of a name, an MRN or a date "
                + "of birth (YYYY-MM-DD) to search for.");
    }

    @Test
    void deletesWithAReasonAfterConfirming() {
        choosePatient(model);
        dialogs.textReplies.add(Optional.of("Written for the wrong patient"));
        dialogs.confirmReply = true;
        model.delete(model.records().get(0));
        assertThat(model.records().get(0).summary().deleted()).isTrue();
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
            DoctorViewModel other = new DoctorViewModel(clinic.workspace, kim, BackgroundTasks.direct(dialogs),
                    dialogs);
            other.open(model.records().get(0), shown -> { });
        }
        assertThat(dialogs.shown).singleElement().asString()
                .startsWith("error: Opening the record: Access denied: dr.kim may not read record");
    }
}
