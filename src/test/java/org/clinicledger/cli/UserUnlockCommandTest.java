package org.clinicledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code user unlock}: an administrator clears the sign-in delay someone's wrong passwords set. */
class UserUnlockCommandTest {

    private static final String ADMIN_PASSWORD = "admin password 1";
    private static final String LEE_PASSWORD = "doctor password 1";

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
        terminal.newPassword("receptionist pass 1");
        assertThat(user("add", "--user", "admin", "--role", "receptionist", "--username", "desk").exitCode()).isZero();
        terminal.variables.clear();
    }

    private CommandTerminal.Result user(String... args) {
        List<String> all = new ArrayList<>(List.of("user"));
        all.addAll(List.of(args));
        all.add("--data");
        all.add(data.toString());
        return terminal.run(all.toArray(String[]::new));
    }

    /**
     * dr.lee runs a command that signs in first: past the sign-in, adding an account is refused to a
     * doctor (exit 1), which shows that the sign-in itself succeeded.
     */
    private CommandTerminal.Result leeSignsIn(String password) {
        terminal.password(password).newPassword("another doctor pw 1");
        return user("add", "--user", "dr.lee", "--role", "doctor", "--username", "dr.new");
    }

    @Test
    void anAdministratorClearsTheDelaySoTheOwnerGetsInAtOnce() {
        for (int i = 0; i < 3; i++) {
            leeSignsIn("not the password");
        }
        assertThat(leeSignsIn(LEE_PASSWORD).err()).contains("Too many wrong passwords: wait 1 second");

        terminal.password(ADMIN_PASSWORD);
        CommandTerminal.Result cleared = user("unlock", "--user", "admin", "DR.LEE");
        assertThat(cleared.exitCode()).as(cleared.err()).isZero();
        assertThat(cleared.out()).isEqualTo("Cleared the sign-in delay of DR.LEE." + System.lineSeparator());

        CommandTerminal.Result again = user("unlock", "--user", "admin", "dr.lee");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).isEqualTo("dr.lee had no sign-in delay to clear." + System.lineSeparator());

        CommandTerminal.Result in = leeSignsIn(LEE_PASSWORD);
        assertThat(in.err()).as("signed in, then refused what only an administrator does")
                .isEqualTo("clinicledger: Only an administrator can add accounts." + System.lineSeparator());
        assertThat(in.exitCode()).isEqualTo(ExitCode.FAILED);
    }

    @Test
    void onlyAnAdministratorClearsAndOnlyAnAccountThatExists() throws Exception {
        terminal.password("receptionist pass 1");
        CommandTerminal.Result desk = user("unlock", "--user", "desk", "dr.lee");
        assertThat(desk.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(desk.err()).isEqualTo("clinicledger: Only an administrator can clear a sign-in delay."
                + System.lineSeparator());

        terminal.password(ADMIN_PASSWORD);
        CommandTerminal.Result nobody = user("unlock", "--user", "admin", "dr.who\u001b[2J");
        assertThat(nobody.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(nobody.err()).isEqualTo("clinicledger: There is no account with the username dr.who\\u001b[2J."
                + System.lineSeparator());

        CommandTerminal.Result missing = user("unlock", "--user", "admin");
        assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(missing.err()).startsWith("clinicledger: Missing required parameter: 'USERNAME'");

        terminal.password("not the password");
        assertThat(user("unlock", "--user", "admin", "dr.lee").exitCode()).isEqualTo(ExitCode.AUTHENTICATION);
        String log = Files.readString(data.resolve("logs").resolve("clinicledger.log"));
        assertThat(log).doesNotContain("not the password");
    }
}
