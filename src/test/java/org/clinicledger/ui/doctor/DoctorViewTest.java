package org.clinicledger.ui.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;

import org.clinicledger.clinic.Session;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainEntry;
import org.clinicledger.domain.ChartEvent;
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

    /** Ada is on Dr Lee's "My patients" without searching (the desk registered her with him). */
    private void chooseAdaFromMyPatients() throws Exception {
        waitUntil(() -> table("#patientsTable").getItems().size() == 1);
        assertThat(text("#patientListHeading")).isEqualTo("My patients");
        assertThat(line(0).patient().name()).isEqualTo("Ada Byron");
        assertThat(line(0).why()).startsWith("Granted, no end");
        clickInView(lookup("#patientsTable .table-cell").match(hasGraphicWith("Ada Byron")).queryAs(Node.class));
        waitUntil(() -> text("#recordsHeading").contains(clinic.mrn.toString()));
    }

    /** Ada found by typing part of her name; nothing to press. */
    private void findAda() throws Exception {
        clickOn("#doctorSearchField").write("byron");
        waitUntil(() -> text("#patientListHeading").equals("Matches in the directory")
                && table("#patientsTable").getItems().size() == 1);
        selectRow("#patientsTable", 0);
        waitUntil(() -> text("#recordsHeading").contains(clinic.mrn.toString()));
    }

    @SuppressWarnings("unchecked")
    private PatientLine line(int index) {
        return ((List<PatientLine>) table("#patientsTable").getItems()).get(index);
    }

    @SuppressWarnings("unchecked")
    private List<ChartEvent> timeline() {
        return (List<ChartEvent>) table("#timelineTable").getItems();
    }

    private static java.util.function.Predicate<Node> hasGraphicWith(String text) {
        return node -> node instanceof javafx.scene.control.Labeled cell && cell.getGraphic() != null
                && cell.getGraphic().lookupAll(".label").stream()
                        .anyMatch(label -> text.equals(((javafx.scene.control.Label) label).getText()));
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
        chooseAdaFromMyPatients();
        assertThat(table("#recordsTable").getItems()).isEmpty();
        assertThat(timeline()).extracting(ChartEvent::kind).containsExactly(BlockKind.ACCESS_GRANTED);

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
        waitUntil(() -> timeline().get(0).kind() == BlockKind.RECORD_ADDED);
        assertThat(lookup("#timelineTable .table-cell").match(LabeledMatchers.hasText("J45.3 Asthma, mild persistent"))
                .tryQuery()).as("the timeline names the diagnosis").isPresent();
        assertThat(timeline().get(0).who()).isEqualTo("dr.lee");

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
        String hash = text("#recordHashValue").replace(" ", "");
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

        // Amend again from the chart's own button, removing the file.
        selectRow("#recordsTable", 0);
        press("#amendRecordButton");
        waitUntil(() -> present("#recordEditor"));
        assertThat(text("#diagnosisField")).isEqualTo("Asthma, mild persistent");
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
        waitUntil(() -> timeline().get(0).kind() == BlockKind.RECORD_DELETED);
        assertThat(lookup("#timelineTable .table-cell").match(LabeledMatchers.hasText(
                "Reason: Written for the wrong patient")).tryQuery()).as("the timeline says why").isPresent();
        assertThat(timeline()).extracting(ChartEvent::kind).contains(BlockKind.REFERRAL, BlockKind.RECORD_AMENDED);
        interact(() -> table("#timelineTable").getSelectionModel().select(0));
        assertThat(text("#timelineHash").replace(" ", "")).isEqualTo(timeline().get(0).hash());

        // The doctor's own chain, on its own page, shows it all, in plain words.
        clickOn("My chain");
        waitUntil(() -> table("#chainTable").getItems().stream().map(item -> ((ChainLine) item).entry().kind())
                .toList().contains(BlockKind.RECORD_DELETED));
        assertThat(table("#chainTable").getItems()).extracting(item -> ((ChainLine) item).entry().kind())
                .contains(BlockKind.RECORD_ADDED, BlockKind.RECORD_VIEWED, BlockKind.RECORD_AMENDED,
                        BlockKind.REFERRAL);
        assertThat(lookup("#chainTable .table-cell").match(org.testfx.matcher.control.LabeledMatchers
                .hasText("Record added")).tryQuery()).isPresent();
    }

    @Test
    void exportsTheChosenPatientAsAFhirBundleThatHapiReadsBackAndKimWithoutAccessCannot() throws Exception {
        clinic.workspace.records().addRecord(lee, clinic.mrn,
                new RecordInput("Asthma", Icd10Code.parse("J45"), "Inhaler", List.of()));
        mount(lee);
        chooseAdaFromMyPatients();
        Path target = temp.resolve("ada.fhir.json");
        files.toSave.add(target);
        waitUntil(() -> !lookup("#exportFhirButton").queryButton().isDisabled());
        press("#exportFhirButton");
        waitUntil(() -> !text("#fhirMessage").isEmpty());

        assertThat(text("#fhirMessage")).startsWith("Saved ada.fhir.json: an HL7 FHIR R4 Bundle of one record and no attachments");
        org.hl7.fhir.r4.model.Bundle bundle = ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser()
                .parseResource(org.hl7.fhir.r4.model.Bundle.class, Files.readString(target));
        assertThat(bundle.getEntry()).extracting(entry -> entry.getResource().fhirType())
                .contains("Patient", "Practitioner", "Condition", "Provenance", "Consent");
        assertThat(patientChain()).extracting(ChainEntry::kind).as("the export is a reading of the record")
                .contains(BlockKind.RECORD_VIEWED);

        Session kim = clinic.kim();
        try {
            cleanUp();
            registerStage();
            mount(kim);
            findAda();
            waitUntil(() -> !text("#noAccessReason").isEmpty());
            assertThat(lookup("#exportFhirButton").queryButton().isDisabled()).as("no access, no export").isTrue();
            assertThat(lookup("#fhirAttachmentsCheckBox").query().isDisabled()).as("nor its choice").isTrue();
        } finally {
            kim.close();
        }
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
            assertThat(timeline()).as("nor Lee's record or grant on the timeline").isEmpty();

            try (Session patient = clinic.patient()) {
                clinic.workspace.access().grant(patient, "dr.kim", null);
            }
            interact(() -> table("#patientsTable").getSelectionModel().clearSelection());
            selectRow("#patientsTable", 0);
            waitUntil(() -> timeline().size() == 3);
            assertThat(timeline()).as("with access, Kim sees the patient's whole timeline, newest first")
                    .extracting(ChartEvent::kind).containsExactly(BlockKind.ACCESS_GRANTED, BlockKind.RECORD_ADDED,
                            BlockKind.ACCESS_GRANTED);
            assertThat(timeline().get(0).detail()).isEqualTo("Access for dr.kim, no end");
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

    @Test
    void searchingAsTheDoctorTypesSwitchesTheListAndEmptyingItReturnsToMyPatients() throws Exception {
        Session kim = clinic.kim();
        try {
            mount(kim);
            waitUntil(() -> text("#patientSearchResult").startsWith("No patients of yours yet"));
            assertThat(table("#patientsTable").getItems()).isEmpty();
            clickOn("#doctorSearchField").write("by");
            waitUntil(() -> table("#patientsTable").getItems().size() == 1);
            assertThat(text("#patientListHeading")).isEqualTo("Matches in the directory");
            assertThat(text("#patientSearchResult")).isEqualTo("1 patient matches.");
            write("x");
            waitUntil(() -> table("#patientsTable").getItems().isEmpty());
            assertThat(text("#patientSearchResult")).isEqualTo("No patient matches.");
            type(KeyCode.BACK_SPACE);
            waitUntil(() -> table("#patientsTable").getItems().size() == 1);
            selectRow("#patientsTable", 0);
            waitUntil(() -> text("#recordsHeading").startsWith("Ada Byron · MRN " + clinic.mrn));
            assertThat(lookup("#referButton").queryButton().isDisabled()).isFalse();

            try (Session patient = clinic.patient()) {
                clinic.workspace.access().grant(patient, "dr.kim", null);
            }
            type("#doctorSearchField", "");
            waitUntil(() -> text("#patientListHeading").equals("My patients")
                    && table("#patientsTable").getItems().size() == 1);
            assertThat(line(0).why()).isEqualTo("Granted, no end");
            assertThat(text("#recordsHeading")).as("the chart stays until another patient is chosen")
                    .startsWith("Ada Byron");
        } finally {
            kim.close();
        }
    }
}
