package org.clinicledger.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import javafx.scene.control.Button;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;

import org.clinicledger.clinic.Session;
import org.clinicledger.domain.Cancel;
import org.clinicledger.domain.ExportScope;
import org.clinicledger.domain.Progress;
import org.clinicledger.testing.FolderState;
import org.clinicledger.testing.TestClinic;
import org.clinicledger.ui.common.ViewTestSupport.ScriptedFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Export and import in the window beyond the round trip: a cancelled export leaves no file, a
 * tampered file is refused in plain words with the folder unchanged, the Ledger page checks an
 * export file without a password, and receptionists are not offered an export.
 */
class ExportImportWindowTest extends WindowFixture {

    private final ScriptedFiles files = new ScriptedFiles();
    private Path data;
    private Path export;
    private Path tampered;

    @BeforeEach
    void setUpClinicAndFiles() throws Exception {
        data = temp.resolve("clinic");
        TestClinic clinic = new TestClinic(data);
        export = temp.resolve("lee.clchain");
        try (Session lee = clinic.lee()) {
            clinic.workspace.exchange().export(lee, ExportScope.doctor("dr.lee"), false, export, false, Progress.NONE,
                    Cancel.NEVER);
        }
        clinic.workspace.close();
        tampered = temp.resolve("tampered.clchain");
        Files.copy(export, tampered);
        try (RandomAccessFile file = new RandomAccessFile(tampered.toFile(), "rw")) {
            long middle = file.length() / 2;
            file.seek(middle);
            int value = file.read();
            file.seek(middle);
            file.write(value ^ 0x01);
        }
    }

    @Test
    void aCancelledExportLeavesNoFileAndStartsNoMachine() throws Exception {
        launch(data);
        ((ClinicLedgerApp) application).window().useFilePicker(files);
        signIn("dr.lee", TestClinic.LEE_PASSWORD);
        clickOn("#fileMenu").clickOn("#exportMenuItem");
        waitUntil(() -> showing("#exportDialog"));
        Path out = Files.createDirectory(temp.resolve("out"));
        files.toSave.add(out.resolve("cancelled.clchain"));
        Button export = lookup("#exportButton").queryButton();
        Button cancel = lookup("#cancelExportButton").queryButton();
        assertThat(cancel.isDisabled()).isTrue();
        clickOn("#newMachineCheckBox");
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("clinicledger.db"));
                Statement statement = other.createStatement()) {
            long chains = chainCount(statement);
            // Another program holds the database's write lock, so the export, which starts a machine
            // in its own write, cannot get past its first step before Cancel is pressed.
            statement.execute("BEGIN IMMEDIATE");
            interact(() -> {
                export.fire();
                cancel.fire();
            });
            statement.execute("ROLLBACK");
            waitUntil(() -> text("#exportProblem").contains("cancelled"));
            assertThat(text("#exportResult")).isEmpty();
            assertThat(chainCount(statement)).as("a cancelled export starts no machine").isEqualTo(chains);
        }
        try (Stream<Path> left = Files.list(out)) {
            assertThat(left).isEmpty();
        }
    }

    private static long chainCount(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM chains")) {
            return rows.getLong(1);
        }
    }

    @Test
    void aTamperedFileIsRefusedInPlainWordsAndTheFolderIsUnchanged() throws Exception {
        launch(data);
        ((ClinicLedgerApp) application).window().useFilePicker(files);
        signIn("dr.lee", TestClinic.LEE_PASSWORD);
        FolderState before = FolderState.of(data, OfflineRoundTripWindowTest::kept);
        clickOn("#fileMenu").clickOn("#importMenuItem");
        waitUntil(() -> showing("#importDialog"));
        assertThat(lookup("#importButton").queryButton().isDisabled()).isTrue();
        files.toOpen.add(List.of(tampered));
        clickOn("#chooseImportFileButton");
        waitUntil(() -> text("#importFileName").equals(tampered.toString()));
        clickOn("#importButton");
        waitUntil(() -> !text("#importProblem").isEmpty());
        // Where the flipped bit lands decides which check refuses the file first; each says so in plain words.
        assertThat(text("#importProblem")).containsAnyOf("not an export file", "not a ClinicLedger export file",
                "does not verify", "damaged", "changed").doesNotContain("Exception").containsIgnoringCase("nothing was");
        assertThat(text("#importResult")).isEmpty();
        assertThat(FolderState.of(data, OfflineRoundTripWindowTest::kept)).isEqualTo(before);
    }

    @Test
    void theLedgerPageVerifiesAnExportFileWithoutAPassword() throws Exception {
        launch(data);
        ((ClinicLedgerApp) application).window().useFilePicker(files);
        clickOn("#verifyWithoutSigningInLink");
        waitUntil(() -> showing("#ledgerView"));
        assertThat(text("#exportVerificationSummary")).isEqualTo("No export file has been checked in this session.");

        files.toOpen.add(List.of(export));
        click("#verifyExportFileButton");
        waitUntil(() -> text("#exportVerificationSummary").startsWith("Intact: this export of doctor dr.lee by dr.lee"));
        assertThat(text("#exportDescription")).startsWith("lee.clchain: an export of doctor dr.lee made by dr.lee")
                .contains(" chains, ").contains("encrypted files");
        assertThat(showing("#exportProblemsTable")).isFalse();

        files.toOpen.add(List.of(tampered));
        click("#verifyExportFileButton");
        waitUntil(() -> text("#exportVerificationSummary").startsWith("Failed"));
        assertThat(text("#exportVerificationSummary") + text("#exportVerificationProblem"))
                .doesNotContain("Exception");
    }

    @Test
    void aFileThatStartsNoMachineIsRefusedOnTheFirstRunScreenAndTheFolderCanStillBeSetUp() throws Exception {
        Path empty = temp.resolve("laptop");
        application = org.testfx.api.FxToolkit.setupApplication(ClinicLedgerApp.class, "--data=" + empty,
                "--open=" + export);
        waitUntil(() -> showing("#replicaForm"));
        clickOn("#replicaUsernameField").write("dr.lee");
        clickOn("#replicaPasswordField").write(TestClinic.LEE_PASSWORD);
        clickOn("#makeReplicaButton");
        waitUntil(() -> showing("#replicaProblem") && text("#replicaProblem").startsWith("This export does not start a new machine"));
        // The folder was opened again for set-up, and the form still says why.
        assertThat(showing("#replicaForm")).isTrue();
        assertThat(text("#replicaPasswordField")).isEmpty();
        assertThat(empty.resolve("clinicledger.db")).isRegularFile();
        clickOn("#setUpInsteadLink");
        waitUntil(() -> showing("#clinicNameField"));
        assertThat(((ClinicLedgerApp) application).window().model().needsSetupProperty().get()).isTrue();
    }

    @Test
    void receptionistsAreOfferedImportButNoExport() throws Exception {
        launch(data);
        signIn("desk", TestClinic.DESK_PASSWORD);
        MenuItem export = menuItem("exportMenuItem");
        MenuItem importFile = menuItem("importMenuItem");
        assertThat(export.isVisible()).isFalse();
        assertThat(importFile.isVisible()).isTrue();
        clickOn("#fileMenu").clickOn("#signOutMenuItem");
        waitUntil(() -> showing("#signInView"));
        assertThat(importFile.isVisible()).isFalse();
    }

    private MenuItem menuItem(String id) {
        return lookup(".menu-bar").queryAs(MenuBar.class).getMenus().get(0).getItems().stream()
                .filter(item -> id.equals(item.getId())).findFirst().orElseThrow();
    }
}
