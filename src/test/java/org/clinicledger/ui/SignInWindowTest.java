package org.clinicledger.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Window;

import org.clinicledger.clinic.Session;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.LoginFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Signing in, signing out and the idle lock, through the real window. */
class SignInWindowTest extends WindowFixture {

    @AfterEach
    void forgetTheIdleLimit() {
        System.clearProperty(ClinicLedgerApp.IDLE_LOCK_PROPERTY);
    }

    @Test
    void anAdministratorSignsInAndSeesTheDeskAndTheLedger() throws Exception {
        Path data = temp.resolve("clinic");
        setUpClinic(data, "Riverside Family Practice");
        launch(data);

        assertThat(showing("#signInView")).isTrue();
        assertThat(showing("#mainTabs")).isFalse();
        assertThat(text("#signInClinicName")).isEqualTo("Riverside Family Practice");
        assertThat(showing("#signOutButton")).isFalse();
        assertThat(lookup("#signInButton").queryButton().isDefaultButton()).isTrue();

        signIn(ADMIN, ADMIN_PASSWORD);

        assertThat(lookup("#mainTabs").queryAs(TabPane.class).getTabs()).extracting(tab -> tab.getText())
                .containsExactly("Reception", "Staff", "Ledger");
        assertThat(showing("#receptionView")).isTrue();
        assertThat(text("#signedInUser")).isEqualTo("Signed in: admin (administrator)");
        assertThat(showing("#signOutButton")).isTrue();
        assertThat(model().sessionProperty().get().username()).isEqualTo(ADMIN);
    }

    @Test
    void aWrongPasswordIsSaidInPlainWordsAndShowsNoTabs() throws Exception {
        Path data = temp.resolve("clinic");
        setUpClinic(data, "Riverside Family Practice");
        launch(data);

        trySignIn(ADMIN, "not the password");
        waitUntil(() -> showing("#signInProblem"));
        assertThat(text("#signInProblem")).isEqualTo(LoginFailedException.WRONG_USERNAME_OR_PASSWORD);
        assertThat(text("#signInPasswordField")).as("the password is cleared after each attempt").isEmpty();
        assertThat(text("#signInUsernameField")).isEqualTo(ADMIN);
        assertThat(lookup("#mainTabs").tryQuery()).isEmpty();
        assertThat(model().sessionProperty().get()).isNull();

        trySignIn("nobody", ADMIN_PASSWORD);
        waitUntil(() -> text("#signInPasswordField").isEmpty() && lookup("#signInButton").queryButton().isDisabled() == false);
        assertThat(text("#signInProblem")).isEqualTo(LoginFailedException.WRONG_USERNAME_OR_PASSWORD);
        assertThat(lookup("#mainTabs").tryQuery()).isEmpty();

        // Typing the right password afterwards works, and the problem goes away.
        signIn(ADMIN, ADMIN_PASSWORD);
        assertThat(lookup("#signInProblem").tryQuery()).isEmpty();
    }

    @Test
    void signingOutEndsTheSessionAndReturnsToSignIn() throws Exception {
        Path data = temp.resolve("clinic");
        setUpClinic(data, "Riverside Family Practice");
        launch(data);
        signIn(ADMIN, ADMIN_PASSWORD);
        Session first = model().sessionProperty().get();

        clickOn("#signOutButton");
        waitUntil(() -> showing("#signInView"));
        assertThat(first.isClosed()).as("signing out wipes the keys").isTrue();
        assertThat(model().sessionProperty().get()).isNull();
        assertThat(lookup("#mainTabs").tryQuery()).isEmpty();
        assertThat(text("#signInUsernameField")).as("the screen forgets who signed in last").isEmpty();
        assertThat(text("#signInPasswordField")).isEmpty();
        assertThat(showing("#signOutButton")).isFalse();

        // The menu and its shortcut do the same.
        signIn(ADMIN, ADMIN_PASSWORD);
        Session second = model().sessionProperty().get();
        push(new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN));
        waitUntil(() -> showing("#signInView"));
        assertThat(second.isClosed()).isTrue();

        signIn(ADMIN, ADMIN_PASSWORD);
        Session third = model().sessionProperty().get();
        clickOn("#fileMenu").clickOn("#signOutMenuItem");
        waitUntil(() -> showing("#signInView"));
        assertThat(third.isClosed()).isTrue();
    }

    @Test
    void theWindowLocksAfterTheIdleLimitAndNamesNobody() throws Exception {
        Path data = temp.resolve("clinic");
        setUpClinic(data, "Riverside Family Practice");
        System.setProperty(ClinicLedgerApp.IDLE_LOCK_PROPERTY, "PT2S");
        launch(data);
        signIn(ADMIN, ADMIN_PASSWORD);
        Session session = model().sessionProperty().get();

        // Nobody touches the window now.
        waitUntil(() -> showing("#signInView"));
        assertThat(session.isClosed()).isTrue();
        assertThat(text("#signInNotice")).isEqualTo("The window locked after 2 seconds of inactivity. Sign in again "
                + "to continue.");
        assertThat(lookup("#signInUsernameField").queryAs(TextField.class).getText()).isEmpty();
        assertThat(lookup("#mainTabs").tryQuery()).isEmpty();

        signIn(ADMIN, ADMIN_PASSWORD);
        assertThat(lookup("#signInNotice").tryQuery()).isEmpty();
    }

    @Test
    void lockingClosesTheDialogsLeftOpenSoTheyCannotActWithoutASession() throws Exception {
        Path data = temp.resolve("clinic");
        setUpClinic(data, "Riverside Family Practice");
        System.setProperty(ClinicLedgerApp.IDLE_LOCK_PROPERTY, "PT2S");
        launch(data);
        signIn(ADMIN, ADMIN_PASSWORD);
        click("#renameClinicButton");
        waitUntil(() -> lookup(".dialog-pane .text-field").tryQuery().isPresent());
        TextField name = lookup(".dialog-pane .text-field").queryAs(TextField.class);
        interact(() -> name.setText("Renamed While Away"));

        // Nobody touches the window or the dialog now.
        waitUntil(() -> showing("#signInView"));
        waitUntil(() -> lookup(".dialog-pane").tryQuery().isEmpty());
        assertThat(Window.getWindows().stream().filter(Window::isShowing).count()).isEqualTo(1);
        try (Workspace workspace = Workspace.open(data, false)) {
            assertThat(workspace.clinic().profile().orElseThrow().name()).isEqualTo("Riverside Family Practice");
        }
    }

    @Test
    void theLedgerIsVerifiedWithoutSigningIn() throws Exception {
        Path data = temp.resolve("clinic");
        setUpClinic(data, "Audited Clinic");
        launch(data);
        clickOn("#verifyWithoutSigningInLink");
        waitUntil(() -> showing("#ledgerView"));
        clickOn("#verifyChainsButton");
        waitUntil(() -> text("#verificationSummary").startsWith("Intact: 3 chains, 3 blocks"));
        assertThat(model().sessionProperty().get()).isNull();
        clickOn("#backToSignInButton");
        waitUntil(() -> showing("#signInView"));
    }
}
