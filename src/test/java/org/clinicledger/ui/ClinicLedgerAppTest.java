package org.clinicledger.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.clinicledger.clinic.ApplicationVersion;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.testing.DataFolderScan;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;

/** Drives the real application class through the real window (headless Monocle in the build). */
class ClinicLedgerAppTest extends FxRobot {

    @TempDir
    Path temp;

    private Stage stage;
    private Application application;

    @BeforeEach
    void registerStage() throws TimeoutException {
        stage = FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void closeApplication() throws TimeoutException {
        if (application != null) {
            FxToolkit.cleanupApplication(application);
        }
        FxToolkit.cleanupStages();
    }

    private static final String PASSWORD = "correct horse battery";

    /** A clinic set up as the first-run screen would, at the lowest password cost so tests stay quick. */
    private static void setUpClinic(Path data, String name) {
        Workspace.open(data, true, java.time.Clock.systemUTC(), org.clinicledger.clinic.KeyDerivationTuning.minimum())
                .accounts().setUp(name, "admin", PASSWORD.toCharArray());
    }

    private void launch(Path dataFolder) throws TimeoutException {
        application = FxToolkit.setupApplication(ClinicLedgerApp.class, "--data=" + dataFolder);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void relaunch(Path dataFolder) throws TimeoutException {
        FxToolkit.cleanupApplication(application);
        application = null;
        launch(dataFolder);
    }

    private static void waitUntil(Supplier<Boolean> condition) throws TimeoutException {
        waitUntil(10, condition);
    }

    /**
     * Waits for {@code condition}; a look-up that the JavaFX thread changed the scene under (a list
     * index gone, a collection modified) counts as "not yet" and is asked again.
     */
    private static void waitUntil(int seconds, Supplier<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> {
            try {
                return condition.get();
            } catch (IndexOutOfBoundsException | java.util.ConcurrentModificationException sceneChanged) {
                return false;
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String text(String query) {
        return lookup(query).queryLabeled().getText();
    }

    /** True when the node and every parent up to the window are visible (tab contents are hidden, not removed). */
    private boolean showing(String query) {
        return lookup(query).tryQuery().map(node -> {
            for (Node at = node; at != null; at = at.getParent()) {
                if (!at.isVisible()) {
                    return false;
                }
            }
            return node.getScene() != null && node.getScene().getWindow().isShowing();
        }).orElse(false);
    }

    /** Signs in on the sign-in screen and waits for the tabs. */
    private void signIn(String username, String password) throws TimeoutException {
        waitUntil(() -> showing("#signInView"));
        TextField user = lookup("#signInUsernameField").queryAs(TextField.class);
        interact(user::clear);
        clickOn(user).write(username);
        clickOn("#signInPasswordField").write(password);
        clickOn("#signInButton");
        waitUntil(() -> showing("#mainTabs"));
    }

    private void signOut() throws TimeoutException {
        clickOn("#signOutButton");
        waitUntil(() -> showing("#signInView"));
    }

    private void selectTab(String title) throws TimeoutException {
        clickOn(lookup(".tab-header-area .tab-label").match(LabeledMatchers.hasText(title)).queryLabeled());
        waitUntil(() -> title.equals(lookup("#mainTabs").queryAs(TabPane.class)
                .getSelectionModel().getSelectedItem().getText()));
    }

    @Test
    void firstRunThenEveryTab() throws Exception {
        Path data = temp.resolve("clinic");
        launch(data);

        assertThat(showing("#firstRunView")).isTrue();
        assertThat(lookup("#createClinicButton").queryAs(Button.class).isDisabled()).isTrue();
        assertThat(stage.getTitle()).isEqualTo("ClinicLedger");

        TextField name = lookup("#clinicNameField").queryAs(TextField.class);
        interact(() -> name.setText("x".repeat(120)));
        clickOn(name).type(KeyCode.END).write("x");
        assertThat(text("#clinicNameProblem")).contains("at most 120 characters");
        assertThat(lookup("#createClinicButton").queryAs(Button.class).isDisabled()).isTrue();

        interact(name::clear);
        clickOn(name).write("Riverside Family Practice");
        assertThat(showing("#clinicNameProblem")).isFalse();
        clickOn("#administratorField").write("admin");
        clickOn("#passwordField").write("short");
        assertThat(text("#clinicNameProblem")).contains("at least 10 characters");
        interact(() -> lookup("#passwordField").queryAs(TextField.class).clear());
        clickOn("#passwordField").write(PASSWORD);
        clickOn("#confirmPasswordField").write(PASSWORD + "x");
        assertThat(text("#clinicNameProblem")).isEqualTo("The two passwords are not the same.");
        assertThat(lookup("#createClinicButton").queryAs(Button.class).isDisabled()).isTrue();
        clickOn("#confirmPasswordField").type(KeyCode.END).type(KeyCode.BACK_SPACE);
        assertThat(showing("#clinicNameProblem")).isFalse();
        assertThat(lookup("#createClinicButton").queryAs(Button.class).isDisabled()).isFalse();
        clickOn("#createClinicButton");
        // Set-up tunes the password cost to this machine first: a few seconds. Then the recovery sheet, once.
        waitUntil(60, () -> showing("#recoverySheetView"));
        String fingerprint = Workspace.inspect(data).clinic().fingerprint().orElseThrow().grouped();
        assertThat(text("#recoverySheetClinic")).isEqualTo("Riverside Family Practice");
        assertThat(text("#recoverySheetFingerprint")).isEqualTo(fingerprint);
        String words = text("#recoverySheetWords").replace('\n', '-');
        assertThat(words).matches("([A-Z2-7]{4}-){13}[A-Z2-7]{4}");
        assertThat(QrCodeReading.decode(lookup("#recoverySheetQr").queryAs(javafx.scene.image.ImageView.class)))
                .isEqualTo(words);
        assertThat(lookup(".label").queryAllAs(Label.class).stream().map(label -> label.getText())
                .anyMatch(line -> line != null && line.contains("clinic's safe") && line.contains("can read every record")))
                .isTrue();
        // Headless, this computer has no printer: said in plain words.
        clickOn("#printRecoverySheetButton");
        waitUntil(() -> showing("#printProblem"));
        assertThat(text("#printProblem")).startsWith("This computer has no printer set up.");
        // ClinicLedger never stores the sheet.
        assertThat(DataFolderScan.forText(data, List.of(words, words.replace("-", ""))).findings()).isEmpty();
        clickOn("#recoverySheetStoredButton");
        waitUntil(() -> showing("#signInView"));
        assertThat(lookup("#signInUsernameField").queryAs(TextField.class).getText()).isEqualTo("admin");
        assertThat(text("#signInNotice")).isEqualTo("The clinic is set up. Sign in as admin with the password you chose.");
        clickOn("#signInPasswordField").write(PASSWORD).type(KeyCode.ENTER);
        waitUntil(() -> showing("#mainTabs"));

        assertThat(stage.getTitle()).isEqualTo("Riverside Family Practice — ClinicLedger");
        assertThat(lookup("#statusBar").queryAs(StatusBar.class).getText())
                .contains("Riverside Family Practice", data.toString());
        Workspace reopened = Workspace.open(data, false);
        assertThat(reopened.clinic().profile().orElseThrow().name()).isEqualTo("Riverside Family Practice");
        try (var session = reopened.accounts().login("admin", PASSWORD.toCharArray())) {
            assertThat(session.role().code()).isEqualTo("administrator");
        }

        selectTab("Reception");
        assertThat(showing("#receptionView")).isTrue();
        assertThat(showing("#ledgerView")).isFalse();
        assertThat(text("#clinicNameValue")).isEqualTo("Riverside Family Practice");
        assertThat(text("#clinicSetUpValue")).isNotBlank();

        waitUntil(() -> text("#doctorCount").equals("No doctor is registered in this clinic."));
        assertThat(text("#patientCount")).isEqualTo("No patient is registered in this clinic.");

        selectTab("Ledger");
        assertThat(showing("#ledgerView")).isTrue();
        waitUntil(() -> "WAL".equals(text("#journalModeValue")));
        assertThat(text("#databaseFileValue")).isEqualTo(data.resolve("clinicledger.db").toString());
        assertThat(text("#schemaVersionValue")).isEqualTo("13");
        // The check is at the foot of the tab: scroll down to it, as a user would.
        interact(() -> lookup("#ledgerView").queryAs(javafx.scene.control.ScrollPane.class).setVvalue(1.0));
        clickOn("#checkDatabaseButton");
        waitUntil(() -> text("#databaseCheckResult").startsWith("The database file is sound"));

        assertThat(lookup("#mainTabs").queryAs(TabPane.class).getTabs())
                .extracting(tab -> tab.getText())
                .containsExactly("Reception", "Staff", "Ledger");
    }

    @Test
    void renamesTheClinicThroughADialog() throws Exception {
        Path data = temp.resolve("clinic");
        setUpClinic(data, "Old Name");
        launch(data);
        signIn("admin", PASSWORD);

        interact(() -> org.clinicledger.ui.common.ViewTestSupport.scrollIntoView(lookup("#renameClinicButton").query()));
        clickOn("#renameClinicButton");
        waitUntil(() -> lookup(".dialog-pane .text-field").tryQuery().isPresent());
        TextField field = lookup(".dialog-pane .text-field").queryAs(TextField.class);
        assertThat(field.getText()).isEqualTo("Old Name");
        interact(field::clear);
        clickOn(field).write("Hillside Clinic").type(KeyCode.ENTER);
        waitUntil(() -> "Hillside Clinic".equals(text("#clinicNameValue")));
        assertThat(Workspace.open(data, false).clinic().profile().orElseThrow().name()).isEqualTo("Hillside Clinic");
    }

    @Test
    void aboutShowsVersionAndDataFolder() throws Exception {
        Path data = temp.resolve("clinic");
        launch(data);
        clickOn("#helpMenu").clickOn("#aboutMenuItem");
        waitUntil(() -> lookup("#aboutVersion").tryQuery().isPresent());
        assertThat(text("#aboutVersion")).isEqualTo(ApplicationVersion.version());
        assertThat(text("#aboutDataFolder")).isEqualTo(data.toString());
        assertThat(text("#clinicFingerprint")).contains("not been set up");
        clickOn("Close");
        waitUntil(() -> lookup("#aboutVersion").tryQuery().isEmpty());
    }

    @Test
    void aboutShowsTheClinicKeysFingerprintToReadAloudAndToScan() throws Exception {
        Path data = temp.resolve("clinic");
        setUpClinic(data, "Riverside Family Practice");
        String fingerprint = Workspace.inspect(data).clinic().fingerprint().orElseThrow().grouped();
        launch(data);
        clickOn("#helpMenu").clickOn("#aboutMenuItem");
        waitUntil(() -> lookup("#clinicFingerprint").tryQuery().isPresent());
        assertThat(text("#clinicFingerprint")).isEqualTo(fingerprint).matches("([A-Z2-7]{4}-){7}[A-Z2-7]{4}");
        assertThat(QrCodeReading.decode(lookup("#clinicFingerprintQr").queryAs(javafx.scene.image.ImageView.class)))
                .isEqualTo(fingerprint);
        clickOn("Close");
    }

    @Test
    void remembersTheClinicAndTheWindowAcrossRestarts() throws Exception {
        Path data = temp.resolve("clinic");
        setUpClinic(data, "Remembered Clinic");
        launch(data);
        assertThat(showing("#signInView")).isTrue();
        interact(() -> {
            stage.setX(33);
            stage.setY(44);
            stage.setWidth(900);
            stage.setHeight(640);
        });

        relaunch(data);
        assertThat(showing("#signInView")).as("no first-run screen the second time").isTrue();
        assertThat(stage.getWidth()).isEqualTo(900);
        assertThat(stage.getHeight()).isEqualTo(640);
        assertThat(stage.getX()).isEqualTo(33);
        assertThat(stage.getY()).isEqualTo(44);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(data.resolve("window.properties")))).as("owner-only").isEqualTo("rw-------");
    }

    @Test
    void aFolderThatIsNotOursIsRefusedInPlainWordsAndLeftAlone() throws Exception {
        Path foreign = Files.createDirectories(temp.resolve("documents"));
        Files.writeString(foreign.resolve("tax-return.pdf"), "not ours");
        launch(foreign);
        assertThat(showing("#openingProblemView")).isTrue();
        assertThat(text("#openingProblemMessage")).contains("is not a ClinicLedger data folder");
        try (var entries = Files.list(foreign)) {
            assertThat(entries).containsExactly(foreign.resolve("tax-return.pdf"));
        }
    }

    @Test
    void everyRoleSeesTheTabsForItsWork() throws Exception {
        Path data = temp.resolve("clinic");
        setUpClinic(data, "Counting Clinic");
        Workspace workspace = Workspace.open(data, false, java.time.Clock.systemUTC(),
                org.clinicledger.clinic.KeyDerivationTuning.minimum());
        org.clinicledger.domain.MedicalRecordNumber patient = null;
        try (var admin = workspace.accounts().login("admin", PASSWORD.toCharArray())) {
            workspace.accounts().addAccount(admin, org.clinicledger.domain.Role.DOCTOR, "dr.lee",
                    "doctor password 1".toCharArray(), org.clinicledger.domain.AccountDetails.NONE);
            for (String name : java.util.List.of("Ada Byron", "Grace Hopper")) {
                patient = workspace.registrations().registerPatient(admin, new org.clinicledger.domain.PatientDetails(name,
                        java.time.LocalDate.of(1980, 1, 1), null, null), "patient passphrase".toCharArray(), "dr.lee").mrn();
            }
        }
        workspace.close();
        launch(data);
        signIn("admin", PASSWORD);
        waitUntil(() -> text("#doctorCount").equals("1 doctor is registered in this clinic."));
        assertThat(text("#patientCount")).isEqualTo("2 patients are registered in this clinic.");
        assertThat(tabTitles()).containsExactly("Reception", "Staff", "Ledger");
        signOut();

        signIn("dr.lee", "doctor password 1");
        waitUntil(() -> showing("#doctorView"));
        assertThat(tabTitles()).containsExactly("Doctor", "Ledger");
        // dr.lee's chain, on its own page: his registration and the two patients' consents to him.
        interact(() -> org.clinicledger.ui.common.ViewTestSupport.scrollIntoView(lookup("#doctorView #chainSummary").query()));
        waitUntil(() -> text("#doctorView #chainSummary").startsWith("3 blocks on your chain"));
        signOut();

        signIn(patient.formatted(), "patient passphrase");
        waitUntil(() -> showing("#patientView"));
        assertThat(tabTitles()).containsExactly("Patient", "Ledger");
        // The patient's chain: the registration and the consent to dr.lee.
        waitUntil(() -> text("#patientView #chainSummary").startsWith("2 blocks on your chain"));
    }

    private java.util.List<String> tabTitles() {
        return lookup("#mainTabs").queryAs(TabPane.class).getTabs().stream().map(javafx.scene.control.Tab::getText)
                .toList();
    }

    @Test
    void anAuditorVerifiesTheChainsAndSeesEachProblem() throws Exception {
        Path data = temp.resolve("clinic");
        setUpClinic(data, "Audited Clinic");
        launch(data);
        clickOn("#verifyWithoutSigningInLink");
        waitUntil(() -> showing("#ledgerView"));
        assertThat(showing("#problemsTable")).isFalse();
        String fingerprint = Workspace.inspect(data).clinic().fingerprint().orElseThrow().grouped();
        waitUntil(() -> lookup("#clinicFingerprint").tryQuery().isPresent());
        assertThat(text("#clinicFingerprint")).isEqualTo(fingerprint);
        assertThat(QrCodeReading.decode(lookup("#clinicFingerprintQr").queryAs(javafx.scene.image.ImageView.class)))
                .isEqualTo(fingerprint);
        clickOn("#verifyChainsButton");
        waitUntil(() -> text("#verificationSummary").startsWith("Intact: 3 chains, 3 blocks"));
        assertThat(text("#verificationSummary")).endsWith("every key traces back to the clinic key " + fingerprint + ".");

        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + data.resolve("clinicledger.db"));
             var statement = connection.createStatement()) {
            statement.executeUpdate("DROP TRIGGER blocks_are_never_updated");
            statement.executeUpdate("UPDATE blocks SET payload = x'00'");
        }
        clickOn("#verifyChainsButton");
        waitUntil(() -> text("#verificationSummary").startsWith("NOT INTACT"));
        assertThat(showing("#problemsTable")).isTrue();
        TableView<?> problems = lookup("#problemsTable").queryAs(TableView.class);
        assertThat(problems.getItems()).isNotEmpty();
        assertThat(problems.getItems()).map(Object::toString)
                .anySatisfy(problem -> assertThat(problem).contains("#0: the block's content does not match its hash"));
    }

    @Test
    void anUnexpectedErrorShowsAShortCodeThatIsInTheLog() throws Exception {
        Path data = temp.resolve("clinic");
        launch(data);
        Platform.runLater(() -> {
            throw new IllegalStateException("simulated failure");
        });
        waitUntil(() -> lookup("#dialogMessage").tryQuery().isPresent());
        String message = lookup("#dialogMessage").queryAs(Label.class).getText();
        assertThat(message).containsPattern("error code [A-Z2-9]{4}-[A-Z2-9]{4}").contains(data.resolve("logs").toString());
        String code = message.replaceAll("(?s).*error code ([A-Z2-9]{4}-[A-Z2-9]{4}).*", "$1");
        clickOn("OK");
        waitUntil(() -> {
            try {
                return Files.readString(data.resolve("logs/clinicledger.log")).contains(code);
            } catch (java.io.IOException e) {
                return false;
            }
        });
        assertThat(Files.readString(data.resolve("logs/clinicledger.log"))).contains("simulated failure");
    }
}
