package org.clinicledger.ui.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.clinicledger.clinic.Session;
import org.clinicledger.domain.ExportScope;
import org.clinicledger.domain.Role;
import org.clinicledger.testing.TestClinic;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.RecordingDialogService;
import org.clinicledger.ui.exchange.ExportViewModel.Choice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportViewModelTest {

    @TempDir
    Path temp;

    private TestClinic clinic;
    private final RecordingDialogService dialogs = new RecordingDialogService();
    private final BackgroundTasks tasks = BackgroundTasks.direct(dialogs);

    @BeforeEach
    void setUp() {
        clinic = new TestClinic(temp.resolve("data"));
    }

    @AfterEach
    void tearDown() {
        clinic.workspace.close();
    }

    @Test
    void eachRoleIsOfferedWhatItMayExport() {
        assertThat(ExportViewModel.choicesFor(Role.ADMINISTRATOR)).containsExactly(Choice.WHOLE_CLINIC, Choice.DOCTOR,
                Choice.PATIENT);
        assertThat(ExportViewModel.choicesFor(Role.DOCTOR)).containsExactly(Choice.MY_PATIENTS, Choice.PATIENT);
        assertThat(ExportViewModel.choicesFor(Role.PATIENT)).containsExactly(Choice.MYSELF);
        assertThat(ExportViewModel.mayExport(Role.RECEPTIONIST)).isFalse();
        try (Session patient = clinic.patient()) {
            ExportViewModel model = new ExportViewModel(clinic.workspace.exchange(), patient, tasks);
            assertThat(model.choiceProperty().get()).isEqualTo(Choice.MYSELF);
            assertThat(model.scope()).contains(ExportScope.patient(clinic.mrn));
            assertThat(model.suggestedName().orElseThrow()).startsWith("patient-" + clinic.mrn.digits())
                    .endsWith(".clchain");
        }
    }

    @Test
    void aDoctorsFileNamesAndTypedMrnsAreCheckedBeforeAnythingRuns() {
        try (Session lee = clinic.lee()) {
            ExportViewModel model = new ExportViewModel(clinic.workspace.exchange(), lee, tasks);
            assertThat(model.scope()).contains(ExportScope.doctor("dr.lee"));
            assertThat(model.needsSubjectProperty().get()).isFalse();

            model.choiceProperty().set(Choice.PATIENT);
            assertThat(model.needsSubjectProperty().get()).isTrue();
            assertThat(model.suggestedName()).isEmpty();
            assertThat(model.problemProperty().get()).isEqualTo("Type the patient's MRN.");
            model.subjectProperty().set("123-456-780");
            assertThat(model.scope()).isEmpty();
            assertThat(model.problemProperty().get()).isNotEmpty().doesNotContain("Exception");
            model.subjectProperty().set(clinic.mrn.toString());
            assertThat(model.problemProperty().get()).isEmpty();
            assertThat(model.scope()).contains(ExportScope.patient(clinic.mrn));
        }
    }

    @Test
    void exportsWithANewMachineAndSaysWhat() {
        Path out = temp.resolve("lee.clchain");
        try (Session lee = clinic.lee()) {
            ExportViewModel model = new ExportViewModel(clinic.workspace.exchange(), lee, tasks);
            model.newMachineProperty().set(true);
            model.export(out);
            assertThat(model.problemProperty().get()).isEmpty();
            assertThat(model.resultProperty().get()).startsWith("Exported doctor dr.lee and their patients: ")
                    .contains("it can start a new machine (node/").endsWith("Saved as lee.clchain.");
            assertThat(model.exportingProperty().get()).isFalse();
        }
        assertThat(out).isRegularFile();
        assertThat(dialogs.shown).isEmpty();
    }

    @Test
    void aDoctorWithoutAccessIsRefusedInPlainWords() {
        Path out = temp.resolve("ada.clchain");
        try (Session kim = clinic.kim()) {
            ExportViewModel model = new ExportViewModel(clinic.workspace.exchange(), kim, tasks);
            model.choiceProperty().set(Choice.PATIENT);
            model.subjectProperty().set(clinic.mrn.toString());
            model.export(out);
            assertThat(model.problemProperty().get()).startsWith("Access denied: dr.kim has no active grant");
            assertThat(model.resultProperty().get()).isEmpty();
        }
        assertThat(out).doesNotExist();
    }

    @Test
    void cancellingWhileItRunsLeavesNoFile() throws Exception {
        Path folder = Files.createDirectory(temp.resolve("out"));
        try (Session lee = clinic.lee()) {
            ExportViewModel model = new ExportViewModel(clinic.workspace.exchange(), lee, tasks);
            // The person presses Cancel when the first progress shows.
            tasks.progressProperty().addListener((observable, before, now) -> model.cancel());
            model.export(folder.resolve("lee.clchain"));
            assertThat(model.problemProperty().get()).contains("cancelled");
            assertThat(model.resultProperty().get()).isEmpty();
        }
        try (Stream<Path> left = Files.list(folder)) {
            assertThat(left).isEmpty();
        }
    }
}
