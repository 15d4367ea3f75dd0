package org.clinicledger.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.clinicledger.clinic.Session;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.AccountDetails;
import org.clinicledger.domain.LoginFailedException;
import org.clinicledger.domain.Role;
import org.clinicledger.testing.RawTables;
import org.junit.jupiter.api.Test;

/**
 * Sign-in delays through the real window: the sign-in screen says how long to wait, and an
 * administrator clears a delay on the Reception tab. The window runs on the real clock, so a delay
 * that has to pass is moved into the past in the database instead of waited for.
 */
class SignInDelayWindowTest extends WindowFixture {

    private static final String DOCTOR_PASSWORD = "doctor password 1";
    private static final String DESK_PASSWORD = "reception password";

    private static Path clinicWithStaff(Path data) {
        Workspace workspace = setUpClinic(data, "Riverside Family Practice");
        try (Session admin = login(workspace, ADMIN, ADMIN_PASSWORD)) {
            workspace.accounts().addAccount(admin, Role.DOCTOR, "dr.okafor", DOCTOR_PASSWORD.toCharArray(),
                    AccountDetails.NONE);
            workspace.accounts().addAccount(admin, Role.RECEPTIONIST, "desk", DESK_PASSWORD.toCharArray(),
                    AccountDetails.NONE);
        }
        workspace.close();
        return data;
    }

    /** What wrong passwords typed by someone else would have left: a delay of a minute from now. */
    private static void delayAMinute(Path data, String username) throws Exception {
        new RawTables(data).update("UPDATE accounts SET failed_logins = 20, locked_until = ? WHERE username = ?",
                System.currentTimeMillis() + 60_000, username);
    }

    private void signInFails(String username, String password) throws Exception {
        trySignIn(username, password);
        waitUntil(() -> showing("#signInProblem") && !lookup("#signInButton").queryButton().isDisabled());
    }

    @Test
    void theSignInScreenSaysHowLongToWaitAndTheRightPasswordGetsInOnceTheDelayHasPassed() throws Exception {
        Path data = clinicWithStaff(temp.resolve("clinic"));
        launch(data);

        signInFails(ADMIN, "not the password 1");
        assertThat(text("#signInProblem")).isEqualTo(LoginFailedException.WRONG_USERNAME_OR_PASSWORD);
        signInFails(ADMIN, "not the password 2");
        signInFails(ADMIN, "not the password 3");
        assertThat(text("#signInProblem")).isEqualTo("The username or password is not right. Wait 1 second before "
                + "trying again.");

        delayAMinute(data, ADMIN);
        signInFails(ADMIN, ADMIN_PASSWORD);
        assertThat(text("#signInProblem")).matches("Too many wrong passwords: wait (5[0-9]|60) seconds, then try again\\.");
        assertThat(text("#signInPasswordField")).as("the password is cleared as ever").isEmpty();
        assertThat(lookup("#mainTabs").tryQuery()).isEmpty();

        // The minute has passed.
        new RawTables(data).update("UPDATE accounts SET locked_until = ? WHERE username = ?",
                System.currentTimeMillis() - 1, ADMIN);
        signIn(ADMIN, ADMIN_PASSWORD);
        assertThat(text("#signedInUser")).isEqualTo("Signed in: admin (administrator)");
        assertThat(new RawTables(data).count("SELECT failed_logins FROM accounts WHERE username = ?", ADMIN)).isZero();
    }

    @Test
    void anAdministratorClearsADoctorsDelayOnTheReceptionTab() throws Exception {
        Path data = clinicWithStaff(temp.resolve("clinic"));
        delayAMinute(data, "dr.okafor");
        launch(data);

        signInFails("dr.okafor", DOCTOR_PASSWORD);
        assertThat(text("#signInProblem")).startsWith("Too many wrong passwords: wait");

        signIn(ADMIN, ADMIN_PASSWORD);
        click("#clearSignInDelayButton");
        waitUntil(() -> showing("#signInDelayProblem"));
        assertThat(text("#signInDelayProblem")).isEqualTo("Enter the username (a patient's is their MRN).");

        fill("#signInDelayUsernameField", "dr.nobody");
        click("#clearSignInDelayButton");
        waitUntil(() -> text("#signInDelayProblem").startsWith("There is no account"));
        assertThat(text("#signInDelayProblem")).isEqualTo("There is no account with the username dr.nobody.");

        fill("#signInDelayUsernameField", "dr.okafor");
        click("#clearSignInDelayButton");
        waitUntil(() -> showing("#signInDelayOutcome"));
        assertThat(text("#signInDelayOutcome")).isEqualTo("The sign-in delay of dr.okafor is cleared: they can sign in now.");
        assertThat(showing("#signInDelayProblem")).isFalse();
        assertThat(new RawTables(data).count("SELECT failed_logins FROM accounts WHERE username = ? "
                + "AND locked_until IS NULL", "dr.okafor")).isZero();

        click("#signOutButton");
        signIn("dr.okafor", DOCTOR_PASSWORD);
        assertThat(text("#signedInUser")).isEqualTo("Signed in: dr.okafor (doctor)");
    }

    @Test
    void aReceptionistIsNotOfferedToClearDelays() throws Exception {
        Path data = clinicWithStaff(temp.resolve("clinic"));
        launch(data);
        signIn("desk", DESK_PASSWORD);
        assertThat(showing("#receptionView")).isTrue();
        assertThat(lookup("#signInDelayView").tryQuery()).isEmpty();
    }
}
