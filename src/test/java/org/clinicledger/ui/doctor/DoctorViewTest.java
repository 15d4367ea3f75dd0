package org.clinicledger.ui.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javafx.scene.control.DialogPane;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;

import org.clinicledger.clinic.Session;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainEntry;
import org.clinicledger.domain.ChainLine;
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
import org.testfx.matcher.control.LabeledMatchers;

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

        // Bad input: a plain sentence at the field, nothing written, nothing typed lost.
        press("#addRecordButton");
        waitUntil(() -> present("#recordEditor"));
        DialogPane editor = lookup("#recordEditor").queryAs(DialogPane.class);
        assertThat(editor.getHeaderText()).startsWith("Ada Byron · MRN " + clinic.mrn);
        type("#icd10Field", "45J");
        type("#diagnosisField", "Asthma, mild persistent");
        press("#saveRecordButton");
        waitUntil(() -> text("#icd10Problem").startsWith("'45J' is not an ICD-10 code."));
        assertThat(text("#diagnosisField")).isEqualTo("Asthma, mild persistent");

        // The picker: words of a title typed, the suggestion clicked; code and diagnosis filled.
        type("#icd10Field", "");
        type("#diagnosisField", "");
        clickOn("#icd10Field").write("mild pers asth");
        waitUntil(() -> lookup("#icd10Suggestions .list-cell")
                .match(LabeledMatchers.hasText("J45.3 — Mild persistent asthma")).tryQuery().isPresent());
        clickOn(lookup("#icd10Suggestions .list-cell").match(LabeledMatchers.hasText("J45.3 — Mild persistent asthma"))
                .queryAs(javafx.scene.Node.class));
        waitUntil(() -> text("#icd10Field").equals("J45.3"));
        assertThat(text("#diagnosisField")).isEqualTo("Mild persistent asthma");
        assertThat(text("#icd10Problem")).isEmpty();
        assertThat(lookup("#icd10Suggestions").query().isVisible()).as("hidden after the choice").isFalse();
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
        waitUntil(() -> "J45.3".equals(row(0).icd10()));
        assertThat(row(0).diagnosis()).as("the chart shows the diagnosis without opening")
                .isEqualTo("Asthma, mild persistent");

        // Open: the content, the hash, and a record-viewed block on the patient's chain.
        int blocksBefore = patientChain().size();
        selectRow("#recordsTable", 0);
        press("#openRecordButton");
        waitUntil(() -> present("#recordDialog"));
        assertThat(lookup("#recordDialog").queryAs(DialogPane.class).getHeaderText())
                .startsWith("Ada Byron · MRN " + clinic.mrn);
        assertThat(text("#recordDiagnosisValue")).isEqualTo("Asthma, mild persistent");
        assertThat(text("#recordIcd10Value")).isEqualTo("J45.3");
        assertThat(text("#recordNotesValue")).isEqualTo("Inhaler twice daily");
        assertThat(text("#openedNotice")).isEqualTo("Opening is recorded on the patient's chain.");
        String hash = text("#recordHashValue");
        assertThat(hash).matches("[0-9a-f]{64}");
        List<ChainEntry> after = patientChain();
        assertThat(after).hasSize(blocksBefore + 1);
        assertThat(after.get(after.size() - 1).kind()).isEqualTo(BlockKind.RECORD_VIEWED);
        assertThat(after.get(after.size() - 1).recordId()).isEqualTo(recordId.value());

        // Save the attachment where the doctor chooses.
        Path saved = temp.resolve("saved-peak-flow.txt");
        files.toSave.add(saved);
        ListView<?> attachments = lookup("#attachmentsList").queryAs(ListView.class);
        interact(() -> attachments.getSelectionModel().select(0));
        press("#saveAttachmentButton");
        waitUntil(() -> text("#recordStatus").startsWith("Saved saved-peak-flow.txt"));
        assertThat(Files.readString(saved)).isEqualTo("420 l/min at rest");

        // Amend, prefilled from the shown version, its file kept; a new code chosen with the keyboard.
        press("#amendButton");
        waitUntil(() -> present("#recordEditor") && !present("#recordDialog"));
        assertThat(text("#diagnosisField")).isEqualTo("Asthma, mild persistent");
        assertThat(text("#icd10Field")).isEqualTo("J45.3");
        assertThat(lookup("#attachmentChoices").queryAs(ListView.class).getItems()).extracting(Object::toString)
                .containsExactly("peak-flow.txt (17 bytes, kept from the earlier version)");
        type("#icd10Field", "");
        clickOn("#icd10Field").write("j454");
        waitUntil(() -> !lookup("#icd10Suggestions").queryAs(ListView.class).getItems().isEmpty());
        type(KeyCode.DOWN).type(KeyCode.ENTER);
        waitUntil(() -> text("#icd10Field").equals("J45.4"));
        assertThat(text("#diagnosisField")).as("the doctor's own words stay").isEqualTo("Asthma, mild persistent");
        type("#notesField", "Inhaler twice daily\nReview in 3 months");
        press("#saveRecordButton");
        waitUntil(() -> !present("#recordEditor") && row(0).summary().latestVersion() == 2);
        waitUntil(() -> "J45.4".equals(row(0).icd10()));
        try (Session patient = clinic.patient()) {
            assertThat(new String(clinic.workspace.records().readAttachment(patient, recordId, 2, 0),
                    java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("420 l/min at rest");
        }

        // Amend again, removing the file.
        selectRow("#recordsTable", 0);
        press("#openRecordButton");
        waitUntil(() -> present("#recordDialog") && text("#recordVersionValue").equals("2"));
        press("#amendButton");
        waitUntil(() -> present("#recordEditor") && !present("#recordDialog"));
        ListView<?> choices = lookup("#attachmentChoices").queryAs(ListView.class);
        interact(() -> choices.getSelectionModel().select(0));
        press("#removeAttachmentButton");
        assertThat(choices.getItems()).isEmpty();
        press("#saveRecordButton");
        waitUntil(() -> !present("#recordEditor") && row(0).summary().latestVersion() == 3);

        // Compare the last two versions.
        selectRow("#recordsTable", 0);
        press("#openRecordButton");
        waitUntil(() -> present("#recordDialog") && text("#recordVersionValue").equals("3"));
        press("#compareButton");
        ListView<?> differences = lookup("#differencesList").queryAs(ListView.class);
        waitUntil(() -> !differences.getItems().isEmpty());
        assertThat(differences.getItems()).extracting(Object::toString)
                .containsExactly("attachment removed: peak-flow.txt");
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
            assertThat(clinic.workspace.records().showRecord(kim, recordId).latest().version()).isEqualTo(3);
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
        waitUntil(() -> table("#chainTable").getItems().stream().map(item -> ((ChainLine) item).entry().kind())
                .toList().contains(BlockKind.RECORD_DELETED));
        assertThat(table("#chainTable").getItems()).extracting(item -> ((ChainLine) item).entry().kind())
                .contains(BlockKind.RECORD_ADDED, BlockKind.RECORD_VIEWED, BlockKind.RECORD_AMENDED,
                        BlockKind.REFERRAL);
        assertThat(lookup("#chainTable .table-cell").match(org.testfx.matcher.control.LabeledMatchers
                .hasText("Record added")).tryQuery()).isPresent();
    }

    @Test
    void aDoctorWithoutAccessIsNotOfferedTheRecordFormAndIsToldWhy() throws Exception {
        clinic.workspace.records().addRecord(lee, clinic.mrn,
                new RecordInput("Asthma", Icd10Code.parse("J45"), "", List.of()));
        Session kim = clinic.kim();
        try {
            mount(kim);
            findAda();
            waitUntil(() -> text("#noAccessReason").equals("You have no access to this patient's records: ask the "
                    + "patient or use a referral."));
            assertThat(lookup("#addRecordButton").queryButton().isDisabled()).isTrue();
            assertThat(present("#noAccessReason")).isTrue();
            assertThat(table("#recordsTable").getItems()).as("Lee's record is not Kim's to see").isEmpty();

            try (Session patient = clinic.patient()) {
                clinic.workspace.access().grant(patient, "dr.kim", null);
            }
            interact(() -> table("#patientsTable").getSelectionModel().clearSelection());
            selectRow("#patientsTable", 0);
            waitUntil(() -> !lookup("#addRecordButton").queryButton().isDisabled());
            assertThat(text("#noAccessReason")).isEmpty();
            waitUntil(() -> table("#recordsTable").getItems().size() == 1);
            assertThat(row(0).diagnosis()).as("with the grant, the chart shows the diagnosis").isEqualTo("Asthma");
        } finally {
            kim.close();
        }
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
            assertThat(dialogMessage()).isEqualTo("Access denied: dr.kim may not read record " + recordId + ".");
            pressDialogButton("OK");
            assertThat(present("#recordDialog")).isFalse();
            assertThat(patientChain()).hasSize(blocks);
        } finally {
            kim.close();
        }
    }
}
