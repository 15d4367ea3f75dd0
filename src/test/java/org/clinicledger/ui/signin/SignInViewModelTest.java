package org.clinicledger.ui.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.clinicledger.clinic.KeyDerivationTuning;
import org.clinicledger.clinic.Session;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.LoginFailedException;
import org.clinicledger.testing.RawTables;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.RecordingDialogService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignInViewModelTest {

    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path temp;

    private final RecordingDialogService dialogs = new RecordingDialogService();
    private final List<Session> sessions = new ArrayList<>();
    private SignInViewModel model;

    @BeforeEach
    void setUp() {
        Workspace workspace = Workspace.open(temp.resolve("data"), true, Clock.systemUTC(), KeyDerivationTuning.minimum());
        workspace.accounts().setUp("Riverside", "admin", PASSWORD.toCharArray());
        model = new SignInViewModel(workspace.accounts(), BackgroundTasks.direct(dialogs), sessions::add, "admin",
                "The window locked.");
    }

    @AfterEach
    void closeSessions() {
        sessions.forEach(Session::close);
    }

    @Test
    void offersTheUsernameAndNoticeItWasGiven() {
        assertThat(model.usernameProperty().get()).isEqualTo("admin");
        assertThat(model.noticeProperty().get()).isEqualTo("The window locked.");
        assertThat(model.problemProperty().get()).isEmpty();
    }

    @Test
    void theRightPasswordHandsOverASessionAndIsForgotten() {
        model.passwordProperty().set(PASSWORD);
        model.signIn();
        assertThat(sessions).singleElement().satisfies(session -> assertThat(session.username()).isEqualTo("admin"));
        assertThat(model.passwordProperty().get()).isEmpty();
        assertThat(model.problemProperty().get()).isEmpty();
        assertThat(model.noticeProperty().get()).isEmpty();
        assertThat(model.signingInProperty().get()).isFalse();
    }

    @Test
    void aWrongPasswordOrUnknownUserIsSaidInTheServicesWordsAndTheFieldIsEmptied() {
        model.passwordProperty().set("not the password");
        model.signIn();
        assertThat(sessions).isEmpty();
        assertThat(model.problemProperty().get()).isEqualTo(LoginFailedException.WRONG_USERNAME_OR_PASSWORD);
        assertThat(model.passwordProperty().get()).isEmpty();

        model.usernameProperty().set("nobody");
        model.passwordProperty().set(PASSWORD);
        model.signIn();
        assertThat(model.problemProperty().get()).isEqualTo(LoginFailedException.WRONG_USERNAME_OR_PASSWORD);
        assertThat(dialogs.shown).isEmpty();
    }

    @Test
    void aSignInDelayIsSaidWithHowLongToWait() throws Exception {
        for (int i = 0; i < 3; i++) {
            model.passwordProperty().set("not the password");
            model.signIn();
        }
        assertThat(model.problemProperty().get()).isEqualTo(LoginFailedException.WRONG_USERNAME_OR_PASSWORD
                + " Wait 1 second before trying again.");
        // As if someone had gone on guessing: a minute's delay.
        new RawTables(temp.resolve("data")).update("UPDATE accounts SET failed_logins = 20, locked_until = ?",
                System.currentTimeMillis() + 60_000);
        model.passwordProperty().set(PASSWORD);
        model.signIn();
        assertThat(sessions).isEmpty();
        assertThat(model.problemProperty().get()).matches("Too many wrong passwords: wait (5[0-9]|60) seconds, then try "
                + "again\\.");
        assertThat(dialogs.shown).isEmpty();
    }

    @Test
    void emptyFieldsAreAskedFor() {
        model.signIn();
        assertThat(model.problemProperty().get()).isEqualTo("Enter your password.");
        model.usernameProperty().set("  ");
        model.passwordProperty().set(PASSWORD);
        model.signIn();
        assertThat(model.problemProperty().get()).startsWith("Enter your username");
        assertThat(model.passwordProperty().get()).isEmpty();
        assertThat(sessions).isEmpty();
    }
}
