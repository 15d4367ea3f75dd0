package org.clinicledger.ui.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.clinicledger.clinic.Session;
import org.clinicledger.domain.Icd10Code;
import org.clinicledger.domain.ReceiptVerdict.Outcome;
import org.clinicledger.domain.RecordId;
import org.clinicledger.domain.RecordInput;
import org.clinicledger.testing.TestClinic;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.RecordingDialogService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check screen's view model on a real clinic, with receipts and copies made by the real services. */
class CheckReceiptViewModelTest {

    @TempDir
    static Path temp;

    private static TestClinic clinic;
    private static ReceiptFiles files;

    private final RecordingDialogService dialogs = new RecordingDialogService();
    private CheckReceiptViewModel model;

    @BeforeAll
    static void aClinicWithARecord() throws Exception {
        clinic = new TestClinic(temp.resolve("data"));
        RecordId recordId;
        try (Session lee = clinic.lee()) {
            recordId = clinic.workspace.records().addRecord(lee, clinic.mrn, new RecordInput("Asthma",
                    Icd10Code.parse("J45"), "Inhaler twice a day", List.of())).recordId();
        }
        try (Session patient = clinic.patient()) {
            files = new ReceiptFiles(clinic.workspace, patient, recordId, temp);
        }
    }

    @BeforeEach
    void setUp() {
        model = new CheckReceiptViewModel(clinic.workspace.receipts(), BackgroundTasks.direct(dialogs));
    }

    @Test
    void aReceiptPdfAndItsCopyMatchAndSayWhatTheyCover() {
        model.receiptFileProperty().set(files.pdf);
        model.copyFileProperty().set(files.copy);
        model.check();

        assertThat(model.outcomeProperty().get()).isEqualTo(Outcome.MATCHES);
        assertThat(model.headlineProperty().get()).isEqualTo("The receipt and your copy match this clinic's ledger.");
        assertThat(model.details()).anyMatch(line -> line.contains("records version 1 of record "
                + files.receipt.recordId())).contains("Your copy's SHA-256 is the printed record hash.");
        assertThat(model.problemProperty().get()).isEmpty();
        assertThat(dialogs.shown).isEmpty();
    }

    @Test
    void anotherFileAsTheCopyDoesNotMatch() throws Exception {
        model.receiptFileProperty().set(files.pdf);
        model.copyFileProperty().set(Files.writeString(temp.resolve("not-the-copy.json"), "{}"));
        model.check();

        assertThat(model.outcomeProperty().get()).isEqualTo(Outcome.DOES_NOT_MATCH);
        assertThat(model.headlineProperty().get()).startsWith("The copy does not match the receipt");
    }

    @Test
    void forgedReceiptsDoNotMatch() throws Exception {
        model.receiptFileProperty().set(ReceiptFiles.png(temp, "forged-record.png", files.codeWithAnotherRecordHash()));
        model.check();
        assertThat(model.outcomeProperty().get()).isEqualTo(Outcome.DOES_NOT_MATCH);
        assertThat(model.headlineProperty().get()).startsWith("The receipt does not match");

        model.receiptFileProperty().set(ReceiptFiles.png(temp, "forged-block.png", files.codeWithAnotherBlockHash()));
        assertThat(model.outcomeProperty().get()).as("a new file takes the old answer away").isNull();
        model.check();
        assertThat(model.outcomeProperty().get()).isEqualTo(Outcome.DOES_NOT_MATCH);
    }

    @Test
    void aPastedCodeIsCheckedLikeTheScannedOne() {
        model.typedProperty().set(files.code().replace("\n", "\r\n") + "\r\n\r\n");
        model.check();
        assertThat(model.outcomeProperty().get()).isEqualTo(Outcome.MATCHES);
        assertThat(model.headlineProperty().get()).isEqualTo("The receipt matches this clinic's ledger.");

        model.typedProperty().set(files.codeWithAnotherRecordHash());
        model.check();
        assertThat(model.outcomeProperty().get()).isEqualTo(Outcome.DOES_NOT_MATCH);
    }

    @Test
    void aTypedHashIsLookedUpInGroupsAndAnyCase() {
        String grouped = files.receipt.recordHash().toUpperCase().replaceAll("(.{8})", "$1 ").strip();
        model.typedProperty().set(grouped);
        model.check();

        assertThat(model.outcomeProperty().get()).isEqualTo(Outcome.MATCHES);
        assertThat(model.headlineProperty().get()).isEqualTo("This hash is in this clinic's ledger.");
        assertThat(model.details()).isNotEmpty().allMatch(line -> line.startsWith("It is a record hash"));
    }

    @Test
    void aHashThatIsNotInTheLedgerIsNotFound() {
        model.typedProperty().set(ReceiptFiles.changedFirstDigit(files.receipt.recordHash()));
        model.check();

        assertThat(model.outcomeProperty().get()).isEqualTo(Outcome.DOES_NOT_MATCH);
        assertThat(model.headlineProperty().get()).isEqualTo(
                "This clinic's ledger has no record, block or checkpoint with this hash.");
    }

    @Test
    void aTypedHashWithTheCopyChecksTheCopy() throws Exception {
        model.typedProperty().set(files.receipt.recordHash());
        model.copyFileProperty().set(files.copy);
        model.check();
        assertThat(model.outcomeProperty().get()).isEqualTo(Outcome.MATCHES);
        assertThat(model.details()).contains("The copy's SHA-256 is the hash you typed.");

        model.copyFileProperty().set(Files.writeString(temp.resolve("other.json"), "{\"a\":1}"));
        model.check();
        assertThat(model.outcomeProperty().get()).isEqualTo(Outcome.DOES_NOT_MATCH);
        assertThat(model.headlineProperty().get()).startsWith("The copy does not match");
    }

    @Test
    void badInputIsSaidAtTheFieldAndGivesNoAnswer() throws Exception {
        model.check();
        assertThat(model.problemProperty().get()).isEqualTo(CheckReceiptViewModel.NOTHING_TO_CHECK);

        model.typedProperty().set("9f86d081 not a hash");
        model.check();
        assertThat(model.problemProperty().get()).isNotEmpty().doesNotContain("Exception");
        assertThat(model.outcomeProperty().get()).isNull();

        model.typedProperty().set("clinicledger-receipt/1\nrecord nonsense");
        model.check();
        assertThat(model.problemProperty().get()).startsWith("This is not a ClinicLedger receipt code");
        assertThat(model.outcomeProperty().get()).isNull();

        model.typedProperty().set("");
        model.receiptFileProperty().set(Files.writeString(temp.resolve("letter.pdf"), "Dear patient"));
        model.check();
        assertThat(model.problemProperty().get()).isEqualTo("The file is not a PDF, PNG or JPEG.");
        assertThat(model.outcomeProperty().get()).isNull();

        model.receiptFileProperty().set(null);
        model.copyFileProperty().set(files.copy);
        model.check();
        assertThat(model.problemProperty().get()).startsWith("Type the record hash printed on the receipt");
        assertThat(dialogs.shown).as("nothing unexpected").isEmpty();
    }
}
