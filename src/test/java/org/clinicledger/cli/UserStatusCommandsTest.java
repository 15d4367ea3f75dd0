package org.clinicledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code user deactivate}, {@code user reactivate} and {@code user passwd}: one line on stderr and a
 * documented exit code for every refusal, a deactivated account's sign-in refused with exit 3, and
 * no password ever in an argument.
 */
class UserStatusCommandsTest {

    private static final String ADMIN_PASSWORD = "admin password 1";
    private static final String LEE_PASSWORD = "doctor password 1";
    private static final String NL = System.lineSeparator();

    @TempDir
    Path temp;

    private final CommandTerminal terminal = new CommandTerminal();
    private Path data;

    @BeforeEach
    void setUpClinic() {
        data = temp.resolve("data");
        terminal.newPassword(ADMIN_PASSWORD);
        assertThat(terminal.run("setup", "--clinic", "Hillside Clinic", "--admin", "admin", "--data", data.toString())
                .exitCode()).isZero();
        terminal.password(ADMIN_PASSWORD).newPassword(LEE_PASSWORD);
        assertThat(user("add", "--user", "admin", "--role", "doctor", "--username", "dr.lee").exitCode()).isZero();
        terminal.variables.clear();
    }

    private CommandTerminal.Result user(String... args) {
        List<String> all = new ArrayList<>(List.of("user"));
        all.addAll(List.of(args));
        all.add("--data");
        all.add(data.toString());
        return terminal.run(all.toArray(String[]::new));
    }

    /** dr.lee signs in for a command only an administrator may run: exit 1 past a good sign-in. */
    private CommandTerminal.Result leeSignsIn(String password) {
        terminal.password(password);
        return user("unlock", "--user", "dr.lee", "admin");
    }

    @Test
    void aDeactivatedDoctorIsRefusedAtSignInWithExitThreeUntilReactivated() {
        terminal.password(ADMIN_PASSWORD);
        CommandTerminal.Result off = user("deactivate", "--user", "admin", "--reason", "Left the clinic", "dr.lee");
        assertThat(off.exitCode()).as(off.err()).isZero();
        assertThat(off.out()).isEqualTo("Deactivated the account dr.lee: it cannot sign in until an administrator "
                + "reactivates it." + NL);

        CommandTerminal.Result refused = leeSignsIn(LEE_PASSWORD);
        assertThat(refused.exitCode()).isEqualTo(ExitCode.AUTHENTICATION);
        assertThat(refused.err()).isEqualTo("clinicledger: The account dr.lee has been deactivated by an administrator, "
                + "so it cannot sign in. Ask an administrator to reactivate it." + NL);

        terminal.password(ADMIN_PASSWORD);
        CommandTerminal.Result again = user("deactivate", "--user", "admin", "--reason", "Left the clinic", "dr.lee");
        assertThat(again.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(again.err()).isEqualTo("clinicledger: The account dr.lee is deactivated already." + NL);

        CommandTerminal.Result on = user("reactivate", "--user", "admin", "dr.lee");
        assertThat(on.exitCode()).as(on.err()).isZero();
        assertThat(on.out()).isEqualTo("Reactivated the account dr.lee." + NL);
        assertThat(leeSignsIn(LEE_PASSWORD).err()).isEqualTo("clinicledger: Only an administrator can clear a sign-in delay." + NL);
    }

    @Test
    void refusalsAndBadInputHaveTheirExitCodes() {
        terminal.password(ADMIN_PASSWORD);
        CommandTerminal.Result noReason = user("deactivate", "--user", "admin", "dr.lee");
        assertThat(noReason.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(noReason.err()).isEqualTo("clinicledger: Give the reason for the deactivation." + NL);

        CommandTerminal.Result self = user("deactivate", "--user", "admin", "--reason", "Testing it", "admin");
        assertThat(self.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(self.err()).isEqualTo("clinicledger: Nobody can deactivate their own account: ask another "
                + "administrator." + NL);

        CommandTerminal.Result active = user("reactivate", "--user", "admin", "dr.lee");
        assertThat(active.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(active.err()).isEqualTo("clinicledger: The account dr.lee is active already." + NL);

        terminal.password("wrong admin password");
        assertThat(user("reactivate", "--user", "admin", "dr.lee").exitCode()).isEqualTo(ExitCode.AUTHENTICATION);

        terminal.password(LEE_PASSWORD);
        CommandTerminal.Result byDoctor = user("deactivate", "--user", "dr.lee", "--reason", "Testing it", "admin");
        assertThat(byDoctor.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(byDoctor.err()).isEqualTo("clinicledger: Only an administrator can deactivate an account." + NL);
    }

    @Test
    void passwdChangesTheOwnPasswordAndAWrongCurrentOneIsExitThree() {
        terminal.password(LEE_PASSWORD).newPassword("a brand new password 2");
        CommandTerminal.Result changed = user("passwd", "--user", "dr.lee");
        assertThat(changed.exitCode()).as(changed.err()).isZero();
        assertThat(changed.out()).isEqualTo("Changed the password of dr.lee." + NL);
        assertThat(leeSignsIn(LEE_PASSWORD).exitCode()).isEqualTo(ExitCode.AUTHENTICATION);
        assertThat(leeSignsIn("a brand new password 2").exitCode()).isEqualTo(ExitCode.FAILED);

        terminal.password("not the password").newPassword("another new password 3");
        CommandTerminal.Result wrong = user("passwd", "--user", "dr.lee");
        assertThat(wrong.exitCode()).isEqualTo(ExitCode.AUTHENTICATION);
        assertThat(wrong.err()).isEqualTo("clinicledger: The username or password is not right." + NL);

        terminal.password("a brand new password 2").newPassword("short");
        CommandTerminal.Result weak = user("passwd", "--user", "dr.lee");
        assertThat(weak.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(weak.err()).startsWith("clinicledger: ").doesNotContain("Exception");

        assertThat(user("passwd", "--user", "dr.lee", "--password", "x").exitCode()).isEqualTo(ExitCode.USAGE);
    }
}
