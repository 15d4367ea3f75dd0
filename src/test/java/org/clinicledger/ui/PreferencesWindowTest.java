package org.clinicledger.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import javafx.application.Application;
import javafx.scene.control.Labeled;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;

import org.clinicledger.ui.common.Preferences;
import org.clinicledger.ui.common.Theme;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * File ▸ Preferences…: the dark theme shows at once, is kept for the next start, and Cancel puts
 * the earlier one back; finished long work says so in a notice unless turned off; Help ▸ Keyboard
 * shortcuts lists the menus' keys, and Shortcut+number changes tab.
 */
class PreferencesWindowTest extends WindowFixture {

    @AfterEach
    void lightAgain() {
        System.clearProperty(ClinicLedgerApp.NOTICE_AFTER_PROPERTY);
        Theme.LIGHT.apply();
    }

    @Test
    void theDarkThemeShowsAtOnceStaysForTheNextStartAndCancelPutsTheEarlierOneBack() throws Exception {
        Path data = temp.resolve("clinic");
        setUpClinic(data, "Night Clinic").close();
        launch(data);
        push(KeyCode.SHORTCUT, KeyCode.COMMA);
        waitUntil(() -> showing("#preferencesDialog"));
        clickOn("#darkThemeChoice");
        assertThat(Application.getUserAgentStylesheet()).as("shown as soon as it is picked")
                .isEqualTo(new PrimerDark().getUserAgentStylesheet());
        clickOn("Save");
        waitUntil(() -> !showing("#preferencesDialog"));
        assertThat(Preferences.load(data).theme()).isEqualTo(Theme.DARK);

        relaunch(data);
        assertThat(Application.getUserAgentStylesheet()).as("kept for the next start")
                .isEqualTo(new PrimerDark().getUserAgentStylesheet());
        clickOn("#fileMenu").clickOn("#preferencesMenuItem");
        waitUntil(() -> showing("#preferencesDialog"));
        clickOn("#lightThemeChoice");
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(new PrimerLight().getUserAgentStylesheet());
        push(KeyCode.ESCAPE);
        waitUntil(() -> !showing("#preferencesDialog"));
        assertThat(Application.getUserAgentStylesheet()).as("Cancel puts it back")
                .isEqualTo(new PrimerDark().getUserAgentStylesheet());
        assertThat(Preferences.load(data).theme()).isEqualTo(Theme.DARK);
    }

    @Test
    void finishedLongWorkSaysSoUnlessTurnedOff() throws Exception {
        Path data = temp.resolve("clinic");
        setUpClinic(data, "Busy Clinic").close();
        // Every verification counts as long here, so that the notice is certain to be due.
        System.setProperty(ClinicLedgerApp.NOTICE_AFTER_PROPERTY, "PT0.000001S");
        launch(data);
        clickOn("#verifyWithoutSigningInLink");
        waitUntil(() -> showing("#ledgerView"));
        clickOn("#verifyChainsButton");
        waitUntil(() -> notices().stream().anyMatch(text -> text.startsWith("Verifying the chains: finished after")));

        interact(() -> lookup(".notification-bar").queryAll().forEach(bar -> bar.getScene().getWindow().hide()));
        clickOn("#fileMenu").clickOn("#preferencesMenuItem");
        waitUntil(() -> showing("#preferencesDialog"));
        clickOn("#noticesCheckBox");
        clickOn("Save");
        waitUntil(() -> !showing("#preferencesDialog"));
        assertThat(Preferences.load(data).finishedWorkNotices()).isFalse();
        clickOn("#verifyChainsButton");
        waitUntil(() -> text("#verificationSummary").startsWith("Intact"));
        assertThat(notices()).as("turned off").isEmpty();
    }

    @Test
    void theShortcutsAreListedAndChangeTabs() throws Exception {
        Path data = temp.resolve("clinic");
        setUpClinic(data, "Keyboard Clinic").close();
        launch(data);
        signIn(ADMIN, ADMIN_PASSWORD);
        push(KeyCode.F1);
        waitUntil(() -> showing("#shortcutsDialog"));
        List<String> listed = lookup("#shortcutsDialog .label").queryAllAs(Labeled.class).stream()
                .map(Labeled::getText).toList();
        assertThat(listed).contains("File ▸ Export…", "File ▸ Back up…", "File ▸ Preferences…", "File ▸ Sign out",
                "Help ▸ Keyboard shortcuts", "Go to the first, second, … tab");
        push(KeyCode.ESCAPE);
        waitUntil(() -> !showing("#shortcutsDialog"));
        TabPane tabs = lookup("#mainTabs").queryAs(TabPane.class);
        push(KeyCode.SHORTCUT, KeyCode.DIGIT3);
        waitUntil(() -> tabs.getSelectionModel().getSelectedIndex() == 2);
        assertThat(tabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("ledgerTab");
        push(KeyCode.SHORTCUT, KeyCode.DIGIT9);
        assertThat(tabs.getSelectionModel().getSelectedIndex()).as("no ninth tab: nothing changes").isEqualTo(2);
        push(KeyCode.SHORTCUT, KeyCode.DIGIT1);
        waitUntil(() -> tabs.getSelectionModel().getSelectedIndex() == 0);
    }

    /** The texts of the notices showing now. */
    private List<String> notices() {
        return lookup(".notification-bar .label").queryAllAs(Labeled.class).stream()
                .filter(label -> label.getScene() != null && label.getScene().getWindow().isShowing())
                .map(Labeled::getText).filter(text -> text != null && !text.isBlank())
                .collect(Collectors.toList());
    }

    private void relaunch(Path data) throws Exception {
        org.testfx.api.FxToolkit.cleanupApplication(application);
        application = null;
        launch(data);
    }
}
