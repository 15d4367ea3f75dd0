package org.clinicledger.ui;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;

import org.clinicledger.clinic.KeyDerivationTuning;
import org.clinicledger.clinic.Session;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.ui.common.ViewTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What the window's story tests share: a clinic set up at the lowest password cost (so Argon2id
 * stays quick), the real application class launched on it, and the robot's common moves.
 */
abstract class WindowFixture extends FxRobot {

    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "correct horse battery";

    @TempDir
    Path temp;

    Stage stage;
    Application application;

    @BeforeEach
    void registerStage() throws TimeoutException {
        stage = FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void closeApplication() throws TimeoutException {
        if (application != null) {
            FxToolkit.cleanupApplication(application);
            application = null;
        }
        FxToolkit.cleanupStages();
    }

    /** A clinic with its first administrator, as the first-run screen would make it. */
    static Workspace setUpClinic(Path data, String name) {
        Workspace workspace = Workspace.open(data, true, Clock.systemUTC(), KeyDerivationTuning.minimum());
        workspace.accounts().setUp(name, ADMIN, ADMIN_PASSWORD.toCharArray());
        return workspace;
    }

    /** A clinic set up as {@link #setUpClinic} does; returns its recovery sheet's words, kept as if on paper. */
    static String setUpClinicKeepingTheSheet(Path data, String name) {
        Workspace workspace = Workspace.open(data, true, Clock.systemUTC(), KeyDerivationTuning.minimum());
        return workspace.accounts().setUp(name, ADMIN, ADMIN_PASSWORD.toCharArray()).recoverySheet().words();
    }

    /** The services on the same folder, to set things up and to check what the window wrote. */
    static Workspace services(Path data) {
        return Workspace.open(data, false, Clock.systemUTC(), KeyDerivationTuning.minimum());
    }

    static Session login(Workspace workspace, String username, String password) {
        return workspace.accounts().login(username, password.toCharArray());
    }

    void launch(Path dataFolder) throws TimeoutException {
        application = FxToolkit.setupApplication(ClinicLedgerApp.class, "--data=" + dataFolder);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * Waits for {@code condition}; a look-up that the JavaFX thread changed the scene under (a list
     * index gone, a collection modified) counts as "not yet" and is asked again.
     */
    static void waitUntil(Supplier<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> {
            try {
                return condition.get();
            } catch (IndexOutOfBoundsException | java.util.ConcurrentModificationException sceneChanged) {
                return false;
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    String text(String query) {
        Node node = lookup(query).query();
        return node instanceof TextInputControl input ? input.getText() : lookup(query).queryLabeled().getText();
    }

    /** True when the node and every parent up to the window are visible (tab contents are hidden, not removed). */
    boolean showing(String query) {
        return lookup(query).tryQuery().map(node -> {
            for (Node at = node; at != null; at = at.getParent()) {
                if (!at.isVisible()) {
                    return false;
                }
            }
            return node.getScene() != null && node.getScene().getWindow().isShowing();
        }).orElse(false);
    }

    void selectTab(String title) throws TimeoutException {
        clickOn(lookup(".tab-header-area .tab-label").match(LabeledMatchers.hasText(title)).queryLabeled());
        waitUntil(() -> title.equals(lookup("#mainTabs").queryAs(TabPane.class)
                .getSelectionModel().getSelectedItem().getText()));
    }

    /** Replaces what a text field holds (set at once: typing every character is slow and tests nothing more). */
    void fill(String query, String value) {
        TextInputControl field = lookup(query).queryAs(TextInputControl.class);
        click(query);
        interact(() -> field.setText(value));
    }

    /** Clicks a control, first scrolling the page so that it is in view, as a person would. */
    void click(String query) {
        Node node = lookup(query).query();
        interact(() -> ViewTestSupport.scrollIntoView(node));
        clickOn(node);
    }

    /** The window's shared state, to see the session the window holds. */
    MainViewModel model() {
        return ((ClinicLedgerApp) application).window().model();
    }

    /** Signs in from the sign-in screen without waiting for the outcome. */
    void trySignIn(String username, String password) throws TimeoutException {
        waitUntil(() -> showing("#signInView"));
        fill("#signInUsernameField", username);
        fill("#signInPasswordField", password);
        clickOn("#signInButton");
    }

    /** Signs in and waits for the tabs. */
    void signIn(String username, String password) throws TimeoutException {
        trySignIn(username, password);
        waitUntil(() -> showing("#mainTabs"));
    }
}
