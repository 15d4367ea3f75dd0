package org.clinicledger.ui.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DateCell;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;

import org.clinicledger.clinic.ReceiptService;
import org.clinicledger.clinic.Session;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainLine;
import org.clinicledger.domain.Icd10Code;
import org.clinicledger.domain.PaperSize;
import org.clinicledger.domain.ReceiptVerdict.Outcome;
import org.clinicledger.domain.RecordId;
import org.clinicledger.domain.RecordInput;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.testing.TestClinic;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.HashText;
import org.clinicledger.ui.common.ViewTestSupport;
import org.clinicledger.ui.patient.PatientViewModel.DoctorAccess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.matcher.control.LabeledMatchers;

/** A signed-in patient's stories in the real Patient view, on a real data folder. */
class PatientViewTest extends ViewTestSupport {

    @TempDir
    Path temp;

    private TestClinic clinic;
    private Session patient;
    private RecordId recordId;

    @BeforeEach
    void setUp() throws Exception {
        registerStage();
        clinic = new TestClinic(temp.resolve("data"));
        Path scan = Files.writeString(temp.resolve("scan.txt"), "scan");
        try (Session lee = clinic.lee()) {
            recordId = clinic.workspace.records().addRecord(lee, clinic.mrn, new RecordInput("Asthma",
                    Icd10Code.parse("J45"), "Inhaler", List.of(scan))).recordId();
            clinic.workspace.records().showRecord(lee, recordId);
        }
        patient = clinic.patient();
        show(() -> {
            BackgroundTasks tasks = tasks(clinic.workspace.logFolder());
            return new PatientView(clinic.workspace, patient, tasks, tasks.dialogs(), files);
        });
    }

    @AfterEach
    void tearDown() throws Exception {
        cleanUp();
        patient.close();
    }

    @SuppressWarnings("unchecked")
    private List<DoctorAccess> doctors() {
        return (List<DoctorAccess>) table("#doctorsWithAccessTable").getItems();
    }

    private boolean kimMayRead() {
        try (Session kim = clinic.kim()) {
            return clinic.workspace.records().showRecord(kim, recordId) != null;
        } catch (RefusedException e) {
            assertThat(e).hasMessageStartingWith("Access denied");
            return false;
        }
    }

    /** Shows one section of the tab by clicking its tab, as a person would. */
    private void section(String id) throws Exception {
        clickOn("#" + id + "Tab");
        waitUntil(() -> lookup("#" + id).query().isVisible());
    }

    private static ChainLine line(Object item) {
        return (ChainLine) item;
    }

    @Test
    void theTabNamesThePatientFromTheCopyOfTheirDetailsTheirChainSealsForThem() throws Exception {
        waitUntil(() -> text("#patientSectionsTitle").equals("Ada Byron"));
        assertThat(text("#patientSectionsPurpose")).startsWith("MRN " + clinic.mrn.formatted() + ", born 1985-12-10.");
    }

    @Test
    void seesTheirDiagnosesTheChainInThePapersColumnsAndWhoOpenedTheRecordAndOpensItThemselves() throws Exception {
        // Listing the records shows the current diagnosis, which is reading it: logged on the chain as the patient's.
        waitUntil(() -> table("#myRecordsTable").getItems().size() == 1 && table("#whoLookedTable").getItems().size() == 2);
        assertThat(lookup("#myRecordsTable .table-cell").match(LabeledMatchers.hasText("Asthma")).tryQuery()).isPresent();
        assertThat(table("#chainTable").getItems()).extracting(item -> line(item).entry().kind()).containsExactly(
                BlockKind.REGISTRATION, BlockKind.ACCESS_GRANTED, BlockKind.RECORD_ADDED, BlockKind.RECORD_VIEWED,
                BlockKind.RECORD_VIEWED);

        section("whoOpenedSection");
        assertThat(lookup("#whoLookedTable .table-cell").match(LabeledMatchers.hasText("dr.lee (doctor)")).tryQuery())
                .isPresent();
        assertThat(lookup("#whoLookedTable .table-cell").match(LabeledMatchers.hasText("J45 Asthma — Asthma"))
                .tryQuery()).as("what was read").isPresent();
        assertThat(lookup("#whoLookedTable .table-cell").match(LabeledMatchers.hasText("Your record 1, version 1, 1 file"))
                .tryQuery()).as("which record, not an id").isPresent();

        section("chainSection");
        waitUntil(() -> lookup("#chainTable .table-cell").match(LabeledMatchers.hasText("Access granted")).tryQuery()
                .isPresent());
        assertThat(lookup("#chainTable .column-header .label").match(LabeledMatchers.hasText("Diagnosis"))
                .tryQuery()).isPresent();

        section("myRecordsSection");
        selectRow("#myRecordsTable", 0);
        press("#openMyRecordButton");
        waitUntil(() -> present("#recordDialog"));
        assertThat(text("#recordDiagnosisValue")).isEqualTo("Asthma");
        assertThat(text("#recordHashValue").replace(" ", "")).matches("[0-9a-f]{64}");
        assertThat(present("#amendButton")).isFalse();
        pressDialogButton("Close");
        waitUntil(() -> table("#whoLookedTable").getItems().size() == 3);
        section("whoOpenedSection");
        assertThat(lookup("#whoLookedTable .table-cell").match(LabeledMatchers.hasText("You")).tryQuery()).isPresent();
    }

    @Test
    void copiesABlocksWholeHashFromTheChain() throws Exception {
        waitUntil(() -> table("#chainTable").getItems().size() == 5);
        section("chainSection");
        String first = line(table("#chainTable").getItems().get(0)).entry().hash();
        String shown = HashText.grouped(first);
        waitUntil(() -> lookup("#blockHash").match(node -> ((javafx.scene.control.Label) node).getText()
                .replace('\n', ' ').equals(shown)).tryQuery().isPresent());
        interact(() -> Clipboard.getSystemClipboard().clear());
        // The hash and its Copy button are the table's last column, which the test window's 1000 pixels
        // show only after scrolling sideways; the button is pressed as the keyboard would press it.
        Node copy = lookup("#blockHashCopy").match(node -> node.getParent().lookup("#blockHash") instanceof
                javafx.scene.control.Label label && label.getText().replace('\n', ' ').equals(shown)).query();
        interact(() -> ((javafx.scene.control.ButtonBase) copy).fire());
        waitUntil(() -> first.equals(interactAndGet(() -> Clipboard.getSystemClipboard().getString())));
        assertThat(first).matches("[0-9a-f]{64}");
    }

    private <T> T interactAndGet(java.util.concurrent.Callable<T> read) {
        try {
            return org.testfx.util.WaitForAsyncUtils.asyncFx(read).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void usesTheWindowsWidthAndCutsNothingOffAt1100By740() throws Exception {
        interact(() -> {
            lookup("#patientView").query().getScene().getWindow().setWidth(1100);
            lookup("#patientView").query().getScene().getWindow().setHeight(740);
        });
        waitUntil(() -> table("#chainTable").getItems().size() == 5);
        section("chainSection");
        javafx.scene.control.TableView<?> chain = table("#chainTable");
        waitUntil(() -> chain.getWidth() > 900);
        double columns = chain.getColumns().stream().mapToDouble(javafx.scene.control.TableColumn::getWidth).sum();
        assertThat(columns).as("the columns fit the table: no sideways scrolling").isLessThanOrEqualTo(chain.getWidth());
        assertThat(lookup("#patientView").query().getBoundsInLocal().getHeight()).isLessThanOrEqualTo(740);
    }

    @Test
    void grantsASecondDoctorWhoCanThenReadAndRevokes() throws Exception {
        waitUntil(() -> doctors().size() == 1);
        section("doctorsSection");
        assertThat(kimMayRead()).isFalse();
        waitUntil(() -> table("#chainTable").getItems().size() == 5);
        int blocks = table("#chainTable").getItems().size();

        // The doctor is chosen from the clinic's list by typing part of the username.
        waitUntil(() -> lookup("#grantDoctorFieldList").queryListView().getItems().size() == 2);
        clickInView("#grantDoctorField").write("kim");
        waitUntil(() -> lookup("#grantDoctorFieldList").queryListView().getItems().size() == 1);
        clickInView(lookup("#grantDoctorFieldList .list-cell").match(LabeledMatchers.hasText("dr.kim")).queryLabeled());

        // Typed last days that are no day, or past: a sentence at the field, the form kept, nothing written.
        for (String typed : List.of("2020-01-01", "2026-02-30", "11/20/2026", "abc")) {
            TextField until = lookup("#grantUntilField").queryAs(TextField.class);
            interact(until::clear);
            clickInView(until).write(typed);
            clickInView("#grantButton");
            waitUntil(() -> present("#grantUntilProblem") && !text("#grantUntilProblem").isEmpty());
            assertThat(text("#grantUntilProblem")).as(typed).doesNotContain("Exception")
                    .containsAnyOf("is in the past", "is not a day that exists", "must be written as YYYY-MM-DD");
            assertThat(text("#grantUntilField")).isEqualTo(typed);
            assertThat(text("#grantDoctorField")).isEqualTo("kim");
            assertThat(present("#dialogMessage")).isFalse();
            assertThat(doctors()).hasSize(1);
            assertThat(clinic.workspace.chainBrowser().ownChain(patient)).hasSize(blocks);
        }

        // A day picked from the calendar is written as YYYY-MM-DD, whatever the locale.
        LocalDate today = LocalDate.now();
        interact(() -> lookup("#grantUntilField").queryAs(TextField.class).clear());
        clickInView("#grantUntilFieldCalendar");
        waitUntil(() -> lookup(".date-cell").match(cell -> today.equals(((DateCell) cell).getItem())
                && cell.isVisible()).tryQuery().isPresent());
        clickOn(lookup(".date-cell").match(cell -> today.equals(((DateCell) cell).getItem()) && cell.isVisible())
                .queryAs(DateCell.class));
        waitUntil(() -> text("#grantUntilField").equals(today.toString()));
        assertThat(text("#grantUntilProblem")).as("a valid day clears the problem").isEmpty();
        clickInView("#grantButton");
        waitUntil(() -> doctors().size() == 2);
        assertThat(text("#accessMessage")).isEqualTo("dr.kim may now read your records until the end of " + today
                + ".");
        assertThat(text("#accessProblem")).isEmpty();
        assertThat(lookup("#doctorsWithAccessTable .table-cell").match(LabeledMatchers.hasText(today.toString()))
                .tryQuery()).as("the last day as chosen").isPresent();
        assertThat(text("#grantDoctorField")).as("the form is emptied once granted").isEmpty();
        assertThat(text("#grantUntilField")).isEmpty();
        assertThat(kimMayRead()).isTrue();

        int kim = doctors().stream().map(DoctorAccess::doctor).toList().indexOf("dr.kim");
        selectRow("#doctorsWithAccessTable", kim);
        press("#revokeButton");
        pressDialogButton("Revoke");
        waitUntil(() -> doctors().size() == 1);
        assertThat(doctors().get(0).doctor()).isEqualTo("dr.lee");
        assertThat(kimMayRead()).isFalse();
        waitUntil(() -> table("#chainTable").getItems().stream()
                .anyMatch(item -> line(item).entry().kind() == BlockKind.ACCESS_REVOKED));
    }

    @Test
    void exportsTheirRecordsAsAFhirBundleThatHapiReadsBack() throws Exception {
        waitUntil(() -> table("#myRecordsTable").getItems().size() == 1);
        Path target = temp.resolve("my-records.json");
        files.toSave.add(target);
        press("#exportFhirButton");
        waitUntil(() -> !text("#fhirMessage").isEmpty());

        assertThat(text("#fhirMessage")).startsWith("Saved my-records.json: an HL7 FHIR R4 Bundle of one record and one attachment")
                .contains("plain text");
        org.hl7.fhir.r4.model.Bundle bundle = ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser()
                .parseResource(org.hl7.fhir.r4.model.Bundle.class, Files.readString(target));
        assertThat(bundle.getEntry()).filteredOn(entry -> entry.getResource() instanceof org.hl7.fhir.r4.model.Condition)
                .hasSize(1);
        assertThat(java.nio.file.Files.getPosixFilePermissions(target)).containsExactlyInAnyOrder(
                java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        // Exporting is logged like an opening (after the doctor's reading and the list's).
        waitUntil(() -> table("#whoLookedTable").getItems().size() == 3);

        // Again without the attachments' contents: the scan is listed by its size and hashes.
        Path smaller = temp.resolve("my-records-small.json");
        files.toSave.add(smaller);
        clickOn("#fhirAttachmentsCheckBox");
        press("#exportFhirButton");
        waitUntil(() -> text("#fhirMessage").contains("my-records-small.json"));
        assertThat(text("#fhirMessage")).contains("one attachment listed by size and hash without their contents");
        org.hl7.fhir.r4.model.Bundle described = ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser()
                .parseResource(org.hl7.fhir.r4.model.Bundle.class, Files.readString(smaller));
        assertThat(described.getEntry()).filteredOn(entry -> entry.getResource() instanceof org.hl7.fhir.r4.model.DocumentReference)
                .singleElement().satisfies(entry -> assertThat(((org.hl7.fhir.r4.model.DocumentReference) entry.getResource())
                        .getContentFirstRep().getAttachment().hasData()).isFalse());
        assertThat(Files.size(smaller)).isLessThan(Files.size(target));
    }

    @Test
    void savesTheirCopyWhoseSha256IsTheHashShown() throws Exception {
        waitUntil(() -> table("#myRecordsTable").getItems().size() == 1);
        Path target = temp.resolve("my-asthma-record.json");
        files.toSave.add(target);
        selectRow("#myRecordsTable", 0);
        press("#saveMyCopyButton");
        waitUntil(() -> !text("#myCopyMessage").isEmpty());

        Matcher shown = Pattern.compile("prints ([0-9a-f]{64})\\.$").matcher(text("#myCopyMessage"));
        assertThat(shown.find()).as(text("#myCopyMessage")).isTrue();
        assertThat(sha256(target)).isEqualTo(shown.group(1));
        assertThat(text("#myCopyMessage")).contains("as my-asthma-record.json", "sha256sum my-asthma-record.json");
        // Reading the copy is logged like an opening (after the doctor's reading and the list's).
        waitUntil(() -> table("#whoLookedTable").getItems().size() == 3);

        // The same from the opened record, for the version it shows.
        press("#openMyRecordButton");
        waitUntil(() -> present("#recordDialog"));
        Path again = temp.resolve("again.json");
        files.toSave.add(again);
        press("#saveCopyButton");
        waitUntil(() -> present("#copyMessage") && !text("#copyMessage").isEmpty());
        assertThat(text("#copyMessage")).contains("version 1, as again.json", text("#recordHashValue").replace(" ", ""));
        assertThat(sha256(again)).isEqualTo(text("#recordHashValue").replace(" ", ""));
        pressDialogButton("Close");
    }

    @Test
    void savesAReceiptAsPdfOnThePaperChosenAndItsProofFileAndHearsThereIsNoPrinter() throws Exception {
        waitUntil(() -> table("#myRecordsTable").getItems().size() == 1);
        selectRow("#myRecordsTable", 0);
        press("#myReceiptButton");
        waitUntil(() -> present("#receiptDialog") && lookup("#receiptPreview").queryAs(ImageView.class).getImage() != null);
        ComboBox<?> paper = lookup("#receiptPaperBox").queryAs(ComboBox.class);
        assertThat(paper.getValue()).isEqualTo(PaperSize.forLocale(Locale.getDefault()));
        double a4Height = lookup("#receiptPreview").queryAs(ImageView.class).getImage().getHeight();

        interact(() -> lookup("#receiptPaperBox").queryComboBox().getSelectionModel().select(
                paper.getValue() == PaperSize.A4 ? PaperSize.LETTER : PaperSize.A4));
        waitUntil(() -> lookup("#receiptPreview").queryAs(ImageView.class).getImage().getHeight() != a4Height);

        Path target = temp.resolve("receipt.pdf");
        files.toSave.add(target);
        press("#saveReceiptPdfButton");
        waitUntil(() -> present("#receiptMessage") && !text("#receiptMessage").isEmpty());
        assertThat(text("#receiptMessage")).isEqualTo("Saved the receipt as receipt.pdf.");
        assertThat(new String(Files.readAllBytes(target), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(clinic.workspace.receipts().checkReceipt(target, null).outcome()).isEqualTo(Outcome.MATCHES);

        // The proof file that goes with it holds offline.
        Path proof = temp.resolve("proof.json");
        files.toSave.add(proof);
        press("#saveProofButton");
        waitUntil(() -> text("#receiptMessage").startsWith("Saved the proof file"));
        assertThat(text("#receiptMessage")).contains("proof.json", "verify-proof");
        assertThat(ReceiptService.verifyProof(Files.readAllBytes(proof), null,
                clinic.workspace.clinic().fingerprint().orElseThrow(), null).holds()).isTrue();

        // Headless tests have no printer: said in plain words, with the way round it.
        press("#printReceiptButton");
        waitUntil(() -> present("#receiptPrintProblem") && !text("#receiptPrintProblem").isEmpty());
        assertThat(text("#receiptPrintProblem")).startsWith("This computer has no printer set up. Save the receipt as PDF");
        pressDialogButton("Close");
    }

    @Test
    void checksAHashFromTheirTab() throws Exception {
        String hash;
        try (Session lee = clinic.lee()) {
            hash = clinic.workspace.records().showRecord(lee, recordId).recordHash();
        }
        press("#checkReceiptButton");
        waitUntil(() -> present("#checkReceiptDialog"));
        type("#checkHashField", hash);
        press("#checkButton");
        waitUntil(() -> present("#checkOutcome") && !text("#checkHeadline").isEmpty());
        assertThat(text("#checkOutcome")).startsWith("Matches");
        assertThat(text("#checkHeadline")).isEqualTo("This hash is in this clinic's ledger.");
        pressDialogButton("Close");
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
