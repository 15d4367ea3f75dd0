package org.clinicledger.ui.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javafx.scene.control.ListView;

import org.clinicledger.clinic.Session;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainEntry;
import org.clinicledger.domain.Icd10Code;
import org.clinicledger.domain.RecordId;
import org.clinicledger.domain.RecordInput;
import org.clinicledger.domain.RecordSummary;
import org.clinicledger.testing.TestClinic;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.ViewTestSupport;
import org.clinicledger.ui.record.RecordRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A signed-in doctor's stories in the real Doctor view, on a real data folder (headless Monocle in the build). */
class DoctorViewTest extends ViewTestSupport {

    @TempDir
    Path temp;

    private TestClinic clinic;
    private Session lee;

    @BeforeEach
    void setUp() throws Exception {
        registerStage();
        clinic = new TestClinic(temp.resolve("data"));
        lee = clinic.lee();
    }

    @AfterEach
    void tearDown() throws Exception {
        cleanUp();
        lee.close();
    }

    private void mount(Session doctor) throws Exception {
        show(() -> {
            BackgroundTasks tasks = tasks(clinic.workspace.logFolder());
            return new DoctorView(clinic.workspace, doctor, tasks, tasks.dialogs(), files);
        });
    }

    private void findAda() throws Exception {
        type("#patientSearchField", "byron");
        press("#patientSearchButton");
        waitUntil(() -> table("#patientsTable").getItems().size() == 1);
        selectRow("#patientsTable", 0);
        waitUntil(() -> text("#recordsHeading").contains(clinic.mrn.toString()));
    }

    private List<ChainEntry> patientChain() {
        try (Session patient = clinic.patient()) {
            return clinic.workspace.chainBrowser().ownChain(patient);
        }
    }

    @SuppressWarnings("unchecked")
    private RecordRow row(int index) {
        return ((List<RecordRow>) table("#recordsTable").getItems()).get(index);
    }

    @Test
    void findsAddsOpensAmendsComparesDeletesAndRefers() throws Exception {
        Path scan = Files.writeString(temp.resolve("peak-flow.txt"), "420 l/min at rest");
        mount(lee);
        findAda();
        assertThat(table("#recordsTable").getItems()).isEmpty();

        // Bad input: a plain sentence in the form, nothing written.
        press("#addRecordButton");
        waitUntil(() -> present("#recordEditor"));
        type("#icd10Field", "45J");
        type("#diagnosisField", "Asthma, mild persistent");
        press("#saveRecordButton");
        waitUntil(() -> text("#recordFormProblem").contains("is not an ICD-10 code"));
        type("#icd10Field", "J45.30");
        type("#diagnosisField", " ");
        press("#saveRecordButton");
        waitUntil(() -> text("#recordFormProblem").equals("Enter a diagnosis: it cannot be empty."));
        assertThat(clinic.workspace.records().listRecords(lee, clinic.mrn)).isEmpty();

        type("#diagnosisField", "Asthma, mild persistent");
        type("#notesField", "Inhaler twice daily");
        files.toOpen.add(List.of(scan));
        press("#attachFilesButton");
        waitUntil(() -> lookup("#attachmentChoices").queryAs(ListView.class).getItems().size() == 1);
        assertThat(lookup("#attachmentChoices").queryAs(ListView.class).getItems().get(0).toString())
                .isEqualTo("peak-flow.txt (17 bytes)");
        press("#saveRecordButton");
        waitUntil(() -> !present("#recordEditor") && table("#recordsTable").getItems().size() == 1);
        RecordId recordId = row(0).recordId();

        // Open: the content, the hash, and a record-viewed block on the patient's chain.
        int blocksBefore = patientChain().size();
        selectRow("#recordsTable", 0);
        press("#openRecordButton");
        waitUntil(() -> present("#recordDialog"));
        assertThat(text("#recordDiagnosisValue")).isEqualTo("Asthma, mild persistent");
        assertThat(text("#recordIcd10Value")).isEqualTo("J45.30");
        assertThat(text("#recordNotesValue")).isEqualTo("Inhaler twice daily");
        assertThat(text("#openedNotice")).isEqualTo("Opening is recorded on the patient's chain.");
        String hash = text("#recordHashValue");
        assertThat(hash).matches("[0-9a-f]{64}");
        List<ChainEntry> after = patientChain();
        assertThat(after).hasSize(blocksBefore + 1);
        assertThat(after.get(after.size() - 1).kind()).isEqualTo(BlockKind.RECORD_VIEWED);
        assertThat(after.get(after.size() - 1).recordId()).isEqualTo(recordId.value());
        waitUntil(() -> "J45.30".equals(row(0).icd10()));

        // Save the attachment where the doctor chooses.
        Path saved = temp.resolve("saved-peak-flow.txt");
        files.toSave.add(saved);
        ListView<?> attachments = lookup("#attachmentsList").queryAs(ListView.class);
        interact(() -> attachments.getSelectionModel().select(0));
        press("#saveAttachmentButton");
        waitUntil(() -> text("#recordStatus").startsWith("Saved saved-peak-flow.txt"));
        assertThat(Files.readString(saved)).isEqualTo("420 l/min at rest");

        // Amend, prefilled from the shown version.
        press("#amendButton");
        waitUntil(() -> present("#recordEditor") && !present("#recordDialog"));
        assertThat(text("#diagnosisField")).isEqualTo("Asthma, mild persistent");
        assertThat(text("#icd10Field")).isEqualTo("J45.30");
        type("#notesField", "Inhaler twice daily\nReview in 3 months");
        press("#saveRecordButton");
        waitUntil(() -> !present("#recordEditor") && row(0).summary().latestVersion() == 2);

        // Compare the two versions.
        selectRow("#recordsTable", 0);
        press("#openRecordButton");
        waitUntil(() -> present("#recordDialog") && text("#recordVersionValue").equals("2"));
        press("#compareButton");
        ListView<?> differences = lookup("#differencesList").queryAs(ListView.class);
        waitUntil(() -> !differences.getItems().isEmpty());
        assertThat(differences.getItems()).extracting(Object::toString)
                .contains("+ Review in 3 months", "attachment removed: peak-flow.txt");
        pressDialogButton("Close");
        waitUntil(() -> !present("#recordDialog"));

        // Refer to dr.kim, who can then read the record.
        press("#referButton");
        waitUntil(() -> present("#referForm") && lookup("#referDoctorFieldList").queryListView().getItems().size() == 1);
        type("#referDoctorField", "kim");
        waitUntil(() -> lookup("#referDoctorFieldList").queryListView().getSelectionModel().getSelectedItem() != null);
        type("#referReasonField", "Second opinion on the asthma");
        pressDialogButton("Refer");
        assertThat(dialogMessage()).isEqualTo("Ada Byron (" + clinic.mrn + ") is referred to dr.kim, who can now read "
                + "their records.");
        pressDialogButton("OK");
        try (Session kim = clinic.kim()) {
            assertThat(clinic.workspace.records().showRecord(kim, recordId).latest().version()).isEqualTo(2);
        }

        // Delete with a reason, after confirming: shown as deleted.
        selectRow("#recordsTable", 0);
        press("#deleteRecordButton");
        answer("Written for the wrong patient");
        pressDialogButton("Delete");
        waitUntil(() -> row(0).summary().deleted());
        assertThat(clinic.workspace.records().listRecords(lee, clinic.mrn))
                .extracting(RecordSummary::deleted).containsExactly(true);
        assertThat(lookup("#openRecordButton").queryButton().isDisabled()).isTrue();

        // The doctor's own chain shows it all, in plain words.
        waitUntil(() -> table("#chainTable").getItems().stream().map(item -> ((ChainEntry) item).kind())
                .toList().contains(BlockKind.RECORD_DELETED));
        assertThat(table("#chainTable").getItems()).extracting(item -> ((ChainEntry) item).kind())
                .contains(BlockKind.RECORD_ADDED, BlockKind.RECORD_VIEWED, BlockKind.RECORD_AMENDED,
                        BlockKind.REFERRAL);
        assertThat(lookup("#chainTable .table-cell").match(org.testfx.matcher.control.LabeledMatchers
                .hasText("Record added")).tryQuery()).isPresent();
    }

    @Test
    void aDoctorWithoutAccessIsToldSoInADialog() throws Exception {
        RecordId recordId = clinic.workspace.records().addRecord(lee, clinic.mrn,
                new RecordInput("Asthma", Icd10Code.parse("J45"), "", List.of())).recordId();
        try (Session patient = clinic.patient()) {
            clinic.workspace.access().grant(patient, "dr.kim", null);
        }
        Session kim = clinic.kim();
        try {
            mount(kim);
            findAda();
            waitUntil(() -> table("#recordsTable").getItems().size() == 1);
            try (Session patient = clinic.patient()) {
                clinic.workspace.access().revoke(patient, "dr.kim");
            }
            int blocks = patientChain().size();
            selectRow("#recordsTable", 0);
            press("#openRecordButton");
            assertThat(dialogMessage()).isEqualTo("access denied: dr.kim may not read record " + recordId + ".");
            pressDialogButton("OK");
            assertThat(present("#recordDialog")).isFalse();
            assertThat(patientChain()).hasSize(blocks);
        } finally {
            kim.close();
        }
    }
}
