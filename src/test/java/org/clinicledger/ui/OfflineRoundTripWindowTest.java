package org.clinicledger.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeoutException;

import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.stage.Window;

import org.clinicledger.clinic.RollbackMemory;
import org.clinicledger.clinic.Session;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.RecordSummary;
import org.clinicledger.testing.FolderState;
import org.clinicledger.testing.TestClinic;
import org.clinicledger.ui.common.ViewTestSupport.ScriptedFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The doctor's offline round trip through the window: at the clinic (folder A) dr.lee exports his
 * patients with a new machine; a second computer (empty folder B) opened with that file becomes a
 * replica when he types his username and password, and he adds a record there; its export, opened
 * with the app at the clinic, is imported and the record is listed; both folders verify intact.
 * Each machine keeps its own memory of the chains, as two computers would.
 */
class OfflineRoundTripWindowTest extends WindowFixture {

    private final ScriptedFiles files = new ScriptedFiles();
    private String stateBefore;
    private TestClinic clinic;
    private Path clinicFolder;

    @BeforeEach
    void setUpClinic() {
        stateBefore = System.getProperty(RollbackMemory.PROPERTY);
        machine("clinic");
        clinicFolder = temp.resolve("clinic");
        clinic = new TestClinic(clinicFolder);
        clinic.workspace.close();
    }

    @AfterEach
    void restoreState() {
        if (stateBefore == null) {
            System.clearProperty(RollbackMemory.PROPERTY);
        } else {
            System.setProperty(RollbackMemory.PROPERTY, stateBefore);
        }
    }

    /** From now on this process is the computer {@code name}, with its own memory of the chains. */
    private void machine(String name) {
        System.setProperty(RollbackMemory.PROPERTY, temp.resolve("state-" + name).toString());
    }

    @Test
    void theDoctorsOfflineRoundTrip() throws Exception {
        // At the clinic: dr.lee exports his patients and starts a new machine.
        launch(clinicFolder);
        useScriptedFiles();
        signIn("dr.lee", TestClinic.LEE_PASSWORD);
        Path toLaptop = temp.resolve("dr-lee-laptop.clchain");
        openExport();
        assertThat(lookup("#exportMyPatientsChoice").tryQuery()).isPresent();
        assertThat(lookup("#exportWholeClinicChoice").tryQuery()).isEmpty();
        clickOn("#newMachineCheckBox");
        assertThat(lookup("#newMachineCheckBox").queryAs(CheckBox.class).isSelected()).isTrue();
        files.toSave.add(toLaptop);
        clickOn("#exportButton");
        waitUntil(() -> text("#exportResult").startsWith("Exported doctor dr.lee and their patients"));
        assertThat(text("#exportResult")).contains("it can start a new machine (node/");
        assertThat(toLaptop).isRegularFile();
        closeDialogs();
        stopApplication();

        // The laptop: an empty folder opened with the file becomes a replica.
        machine("laptop");
        Path laptop = temp.resolve("laptop");
        launch(laptop, toLaptop);
        waitUntil(() -> showing("#replicaForm"));
        assertThat(text("#replicaFileName")).isEqualTo(toLaptop.toString());
        clickOn("#replicaUsernameField").write("dr.lee");
        clickOn("#replicaPasswordField").write(TestClinic.LEE_PASSWORD);
        clickOn("#makeReplicaButton");
        waitUntil(() -> showing("#signInView"));
        assertThat(text("#signInNotice")).contains("replica").contains("dr.lee");
        assertThat(text("#signInUsernameField")).isEqualTo("dr.lee");
        signIn("dr.lee", TestClinic.LEE_PASSWORD);
        findAda();
        press("#addRecordButton");
        waitUntil(() -> showing("#recordEditor"));
        setText("#icd10Field", "J20.9");
        setText("#diagnosisField", "Acute bronchitis");
        setText("#notesField", "Seen on a home visit");
        press("#saveRecordButton");
        waitUntil(() -> !showing("#recordEditor") && records().size() == 1);

        Path toClinic = temp.resolve("from-laptop.clchain");
        useScriptedFiles();
        openExport();
        files.toSave.add(toClinic);
        clickOn("#exportButton");
        waitUntil(() -> text("#exportResult").startsWith("Exported doctor dr.lee and their patients"));
        closeDialogs();
        stopApplication();

        // Back at the clinic: the app opened with the file imports it once dr.lee signs in.
        machine("clinic");
        launch(clinicFolder, toClinic);
        signIn("dr.lee", TestClinic.LEE_PASSWORD);
        waitUntil(() -> showing("#importDialog"));
        assertThat(text("#importFileName")).isEqualTo(toClinic.toString());
        clickOn("#importButton");
        waitUntil(() -> text("#importResult").startsWith("Imported "));
        assertThat(text("#importResult")).contains("1 new record versions");

        // Importing the same file again changes nothing.
        FolderState before = FolderState.of(clinicFolder, OfflineRoundTripWindowTest::kept);
        clickOn("#importButton");
        waitUntil(() -> text("#importResult").startsWith("Nothing new"));
        assertThat(FolderState.of(clinicFolder, OfflineRoundTripWindowTest::kept)).isEqualTo(before);
        closeDialogs();

        findAda();
        waitUntil(() -> records().size() == 1);
        stopApplication();

        try (Workspace atClinic = Workspace.inspect(clinicFolder); Workspace onLaptop = Workspace.inspect(laptop)) {
            assertThat(atClinic.verify(org.clinicledger.domain.Progress.NONE).ok()).isTrue();
            assertThat(onLaptop.verify(org.clinicledger.domain.Progress.NONE).ok()).isTrue();
        }
        try (Workspace atClinic = services(clinicFolder); Session lee = login(atClinic, "dr.lee", TestClinic.LEE_PASSWORD)) {
            List<RecordSummary> listed = atClinic.records().listRecords(lee, clinic.mrn);
            assertThat(listed).hasSize(1);
        }
    }

    /**
     * What an import that changes nothing must leave alone: every file but the log and SQLite's
     * index (the folder itself changes its time, as the staging folder is made in it and removed).
     */
    static boolean kept(String name) {
        return !name.isEmpty() && !name.startsWith("logs") && !name.equals("clinicledger.db-shm");
    }

    void launch(Path dataFolder, Path file) throws TimeoutException {
        application = FxToolkit.setupApplication(ClinicLedgerApp.class, "--data=" + dataFolder, "--open=" + file);
        WaitForAsyncUtils.waitForFxEvents();
    }

    void stopApplication() throws TimeoutException {
        FxToolkit.cleanupApplication(application);
        application = null;
    }

    void useScriptedFiles() {
        ((ClinicLedgerApp) application).window().useFilePicker(files);
    }

    void openExport() throws TimeoutException {
        clickOn("#fileMenu").clickOn("#exportMenuItem");
        waitUntil(() -> showing("#exportDialog"));
    }

    void closeDialogs() throws TimeoutException {
        interact(() -> List.copyOf(Window.getWindows()).stream().filter(window -> window != stage)
                .forEach(Window::hide));
        WaitForAsyncUtils.waitForFxEvents();
    }

    void findAda() throws TimeoutException {
        setText("#doctorSearchField", "byron");
        waitUntil(() -> lookup("#patientsTable").queryAs(TableView.class).getItems().size() == 1);
        interact(() -> lookup("#patientsTable").queryAs(TableView.class).getSelectionModel().select(0));
        waitUntil(() -> text("#recordsHeading").contains(clinic.mrn.toString()));
    }

    List<?> records() {
        return lookup("#recordsTable").queryAs(TableView.class).getItems();
    }

    void setText(String query, String value) {
        TextInputControl field = lookup(query).queryAs(TextInputControl.class);
        interact(() -> field.setText(value));
    }

    /** Fires a button later on the JavaFX thread, so that a dialog it opens does not hold up the test. */
    void press(String query) {
        Button button = lookup(query).queryButton();
        Platform.runLater(button::fire);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
