package org.clinicledger.ui.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.clinicledger.clinic.Session;
import org.clinicledger.domain.AddedRecord;
import org.clinicledger.domain.ShownRecord;
import org.clinicledger.testing.TestClinic;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.RecordingDialogService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordEditorViewModelTest {

    @TempDir
    Path temp;

    private TestClinic clinic;
    private Session lee;
    private final RecordingDialogService dialogs = new RecordingDialogService();
    private BackgroundTasks tasks;
    private final List<AddedRecord> saved = new ArrayList<>();

    @BeforeEach
    void setUp() {
        clinic = new TestClinic(temp.resolve("data"));
        lee = clinic.lee();
        tasks = BackgroundTasks.direct(dialogs);
    }

    @AfterEach
    void logOut() {
        lee.close();
    }

    private int records() {
        return clinic.workspace.records().listRecords(lee, clinic.mrn).size();
    }

    @Test
    void addsARecordWithAnAttachment() throws Exception {
        Path file = Files.writeString(temp.resolve("peak-flow.txt"), "420 l/min");
        RecordEditorViewModel model = RecordEditorViewModel.forNewRecord(clinic.workspace, lee, tasks,
                clinic.mrn);
        model.icd10Property().set("j4530");
        model.diagnosisProperty().set("Asthma, mild persistent");
        model.addFiles(List.of(file));
        assertThat(model.attachments()).singleElement().asString().isEqualTo("peak-flow.txt (9 bytes)");
        model.save(saved::add);
        assertThat(model.problemProperty().get()).isEmpty();
        ShownRecord shown = clinic.workspace.records().showRecord(lee, saved.get(0).recordId());
        assertThat(shown.latest().icd10().value()).isEqualTo("J45.30");
        assertThat(shown.latest().attachments()).extracting(a -> a.name()).containsExactly("peak-flow.txt");
    }

    @Test
    void aMalformedCodeOrAnEmptyDiagnosisWritesNothing() {
        RecordEditorViewModel model = RecordEditorViewModel.forNewRecord(clinic.workspace, lee, tasks,
                clinic.mrn);
        model.icd10Property().set("45J");
        model.diagnosisProperty().set("Asthma");
        model.save(saved::add);
        assertThat(model.icd10().problemProperty().get()).as("at the field").isEqualTo("'45J' is not an ICD-10 code. "
                + "Choose one from the list under the field, type a code such as J45.3, or leave the field empty.");
        assertThat(model.problemProperty().get()).isEmpty();
        assertThat(model.diagnosisProperty().get()).as("nothing typed is lost").isEqualTo("Asthma");
        model.icd10Property().set("J45");
        assertThat(model.icd10().problemProperty().get()).as("typing again clears it").isEmpty();
        model.diagnosisProperty().set("   ");
        model.save(saved::add);
        assertThat(model.problemProperty().get()).isEqualTo("Enter a diagnosis: it cannot be empty.");
        assertThat(saved).isEmpty();
        assertThat(records()).isZero();
        assertThat(dialogs.shown).isEmpty();
    }

    @Test
    void aRefusalOfTheServiceShowsInTheForm() {
        try (Session kim = clinic.kim()) {
            RecordEditorViewModel model = RecordEditorViewModel.forNewRecord(clinic.workspace, kim, tasks,
                    clinic.mrn);
            model.diagnosisProperty().set("Asthma");
            model.save(saved::add);
            assertThat(model.problemProperty().get()).startsWith("Access denied: dr.kim has no active grant");
        }
        assertThat(records()).isZero();
    }

    @Test
    void anAmendmentStartsFromTheShownVersion() {
        RecordEditorViewModel first = RecordEditorViewModel.forNewRecord(clinic.workspace, lee, tasks,
                clinic.mrn);
        first.icd10Property().set("J45");
        first.diagnosisProperty().set("Asthma");
        first.notesProperty().set("Inhaler");
        first.save(saved::add);
        ShownRecord shown = clinic.workspace.records().showRecord(lee, saved.get(0).recordId());

        RecordEditorViewModel amend = RecordEditorViewModel.forAmendment(clinic.workspace, lee, tasks, shown.latest());
        assertThat(amend.isAmendment()).isTrue();
        assertThat(amend.icd10Property().get()).isEqualTo("J45");
        assertThat(amend.diagnosisProperty().get()).isEqualTo("Asthma");
        assertThat(amend.notesProperty().get()).isEqualTo("Inhaler");
        amend.notesProperty().set("Inhaler twice daily");
        amend.save(saved::add);
        assertThat(saved.get(1).version()).isEqualTo(2);

        RecordViewModel opened = new RecordViewModel(clinic.workspace, lee, tasks,
                clinic.workspace.records().showRecord(lee, saved.get(0).recordId()));
        assertThat(opened.versions()).containsExactly(1, 2);
        opened.compare(1, 2);
        assertThat(opened.differences()).containsExactly("- Inhaler", "+ Inhaler twice daily");
        opened.compare(2, 2);
        assertThat(opened.differences()).containsExactly("Versions 2 and 2 say the same.");
    }

    @Test
    void wordsOfATitleSuggestCodesAndChoosingOneFillsTheCodeAndTheDiagnosis() {
        RecordEditorViewModel model = RecordEditorViewModel.forNewRecord(clinic.workspace, lee, tasks,
                new PatientLabel("Ada Byron", clinic.mrn));
        assertThat(model.patient().full()).isEqualTo("Ada Byron · MRN " + clinic.mrn);
        model.icd10Property().set("mild pers asth");
        assertThat(model.icd10().suggestions()).extracting(Object::toString)
                .startsWith("J45.3 — Mild persistent asthma");
        model.icd10().choose(model.icd10().suggestions().get(0));
        assertThat(model.icd10Property().get()).isEqualTo("J45.3");
        assertThat(model.icd10().suggestions()).isEmpty();
        assertThat(model.icd10().chosenTitleProperty().get()).isEqualTo("Mild persistent asthma");
        assertThat(model.diagnosisProperty().get()).isEqualTo("Mild persistent asthma");

        model.icd10Property().set("moderate persistent asth");
        model.icd10().choose(model.icd10().suggestions().get(0));
        assertThat(model.diagnosisProperty().get()).as("a title the picker filled is replaced")
                .isEqualTo("Moderate persistent asthma");
        model.diagnosisProperty().set("Asthma, worse at night");
        model.icd10Property().set("J45.5");
        model.icd10().choose(model.icd10().suggestions().get(0));
        assertThat(model.diagnosisProperty().get()).as("the doctor's own words stay")
                .isEqualTo("Asthma, worse at night");
        model.save(saved::add);
        assertThat(clinic.workspace.records().showRecord(lee, saved.get(0).recordId()).latest().icd10().value())
                .isEqualTo("J45.5");
    }

    @Test
    void aCodeTheListDoesNotKnowIsAWarningAndIsKept() {
        RecordEditorViewModel model = RecordEditorViewModel.forNewRecord(clinic.workspace, lee, tasks, clinic.mrn);
        model.icd10Property().set("j45.909");
        assertThat(model.icd10().warningProperty().get()).startsWith("J45.909 is not in the ICD-10-CM list.");
        model.icd10Property().set("J45.3");
        assertThat(model.icd10().warningProperty().get()).isEmpty();
        assertThat(model.icd10().chosenTitleProperty().get()).isEqualTo("Mild persistent asthma");
        model.icd10Property().set("j45.909");
        model.diagnosisProperty().set("Asthma");
        model.save(saved::add);
        assertThat(saved).hasSize(1);
    }

    @Test
    void anAmendmentListsTheEarlierFilesAndKeepsThoseNotRemoved() throws Exception {
        RecordEditorViewModel first = RecordEditorViewModel.forNewRecord(clinic.workspace, lee, tasks, clinic.mrn);
        first.diagnosisProperty().set("Asthma");
        first.addFiles(List.of(Files.writeString(temp.resolve("scan.txt"), "scan"),
                Files.writeString(temp.resolve("letter.txt"), "letter")));
        first.save(saved::add);
        ShownRecord shown = clinic.workspace.records().showRecord(lee, saved.get(0).recordId());

        RecordEditorViewModel amend = RecordEditorViewModel.forAmendment(clinic.workspace, lee, tasks, shown.latest(),
                new PatientLabel("Ada Byron", clinic.mrn));
        assertThat(amend.attachments()).extracting(Object::toString).containsExactly(
                "scan.txt (4 bytes, kept from the earlier version)", "letter.txt (6 bytes, kept from the earlier version)");
        amend.removeFile(amend.attachments().get(0));
        amend.addFiles(List.of(Files.writeString(temp.resolve("peak.txt"), "380")));
        amend.save(saved::add);
        assertThat(clinic.workspace.records().showRecord(lee, saved.get(0).recordId()).latest().attachments())
                .extracting(a -> a.name()).containsExactly("letter.txt", "peak.txt");
    }

    @Test
    void savesAnAttachmentToTheChosenFile() throws Exception {
        Path file = Files.writeString(temp.resolve("scan.txt"), "scan content");
        RecordEditorViewModel model = RecordEditorViewModel.forNewRecord(clinic.workspace, lee, tasks,
                clinic.mrn);
        model.diagnosisProperty().set("Asthma");
        model.addFiles(List.of(file));
        model.save(saved::add);
        RecordViewModel opened = new RecordViewModel(clinic.workspace, lee, tasks,
                clinic.workspace.records().showRecord(lee, saved.get(0).recordId()));
        Path target = temp.resolve("saved.txt");
        opened.saveAttachment(0, target);
        assertThat(Files.readString(target)).isEqualTo("scan content");
        assertThat(opened.statusProperty().get()).startsWith("Saved saved.txt.");
    }
}
