package org.clinicledger.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

import org.clinicledger.clinic.Session;
import org.clinicledger.domain.Icd10Code;
import org.clinicledger.domain.RecordInput;
import org.clinicledger.testing.TestClinic;
import org.clinicledger.ui.common.ViewTestSupport.ScriptedFiles;
import org.clinicledger.ui.receipt.ReceiptFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A patient at the clinic's desk checks a receipt on the sign-in screen, without a password: a
 * receipt's PDF with their copy, a forged receipt, and hashes typed from the paper.
 */
class ReceiptCheckWindowTest extends WindowFixture {

    private final ScriptedFiles files = new ScriptedFiles();
    private Path data;
    private ReceiptFiles receipt;

    @BeforeEach
    void aClinicWithAReceipt() throws Exception {
        data = temp.resolve("data");
        TestClinic clinic = new TestClinic(data);
        try (Session lee = clinic.lee()) {
            var recordId = clinic.workspace.records().addRecord(lee, clinic.mrn, new RecordInput("Asthma",
                    Icd10Code.parse("J45"), "Inhaler twice a day", List.of())).recordId();
            receipt = new ReceiptFiles(clinic.workspace, lee, recordId, Files.createDirectory(temp.resolve("brought")));
        }
        clinic.workspace.close();
        launch(data);
        ((ClinicLedgerApp) application).window().useFilePicker(files);
        waitUntil(() -> showing("#signInView"));
        clickOn("#checkReceiptWithoutSigningInLink");
        waitUntil(() -> showing("#checkReceiptView"));
    }

    @Test
    void aReceiptPdfWithTheCopyMatches() throws Exception {
        files.toOpen.add(List.of(receipt.pdf));
        files.toOpen.add(List.of(receipt.copy));
        click("#openReceiptButton");
        click("#addCopyButton");
        assertThat(text("#receiptFileName")).isEqualTo("receipt.pdf");
        assertThat(text("#copyFileName")).isEqualTo("copy.json");

        click("#checkButton");
        waitUntil(() -> showing("#checkAnswer"));
        assertThat(text("#checkOutcome")).isEqualTo("Matches  ✓");
        assertThat(text("#checkHeadline")).isEqualTo("The receipt and your copy match this clinic's ledger.");
        assertThat(details()).anyMatch(line -> line.contains("version 1 of record " + receipt.receipt.recordId()))
                .contains("•  Your copy's SHA-256 is the printed record hash.");
        assertThat(model().sessionProperty().get()).as("nobody signed in").isNull();

        click("#backToSignInButton");
        waitUntil(() -> showing("#signInView"));
    }

    @Test
    void aForgedReceiptDoesNotMatch() throws Exception {
        files.toOpen.add(List.of(ReceiptFiles.png(temp, "receipt-scan.png", receipt.codeWithAnotherRecordHash())));
        click("#openReceiptButton");
        assertThat(lookup("#checkHashField").query().isDisabled()).as("a file is checked, not typed text").isTrue();
        click("#checkButton");
        waitUntil(() -> showing("#checkAnswer"));
        assertThat(text("#checkOutcome")).isEqualTo("Does not match  ✗");
        assertThat(text("#checkHeadline")).startsWith("The receipt does not match");

        // Taking the file away takes its answer away too.
        click("#receiptFileNameRemove");
        waitUntil(() -> !showing("#checkAnswer"));
        assertThat(text("#receiptFileName")).isEqualTo("No receipt file open.");
    }

    @Test
    void typedHashesAreFoundOrNotOrSaidNotToBeHashes() throws Exception {
        fill("#checkHashField", receipt.receipt.blockHash().toUpperCase().replaceAll("(.{8})", "$1-"));
        click("#checkButton");
        waitUntil(() -> showing("#checkAnswer"));
        assertThat(text("#checkOutcome")).isEqualTo("Matches  ✓");
        assertThat(text("#checkHeadline")).isEqualTo("This hash is in this clinic's ledger.");
        assertThat(details()).anyMatch(line -> line.startsWith("•  It is a block hash"));

        fill("#checkHashField", ReceiptFiles.changedFirstDigit(receipt.receipt.recordHash()));
        assertThat(showing("#checkAnswer")).as("a changed hash is not the one answered").isFalse();
        click("#checkButton");
        waitUntil(() -> showing("#checkAnswer"));
        assertThat(text("#checkOutcome")).isEqualTo("Does not match  ✗");
        assertThat(text("#checkHeadline")).isEqualTo(
                "This clinic's ledger has no record, block or checkpoint with this hash.");

        fill("#checkHashField", "9f86d081 884c7d65");
        click("#checkButton");
        waitUntil(() -> showing("#checkProblem"));
        assertThat(text("#checkProblem")).isNotEmpty().doesNotContain("Exception");
        assertThat(showing("#checkAnswer")).isFalse();
    }

    private List<String> details() {
        return lookup("#checkDetails").queryAs(VBox.class).getChildrenUnmodifiable().stream()
                .map(node -> ((Label) node).getText()).toList();
    }
}
