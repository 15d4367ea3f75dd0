package org.clinicledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify} on a folder whose rows no valid block could hold: every one is a named problem
 * and exit 1, never an internal error, and what the rows say reaches the terminal escaped.
 */
class VerifyCommandTest {

    private static final char ESCAPE = 0x1B;

    @TempDir
    Path temp;

    private final CommandTerminal terminal = new CommandTerminal();

    @Test
    void aChainIdThatIsNoChainIdIsANamedProblemPrintedWithItsControlCharactersEscaped() throws Exception {
        Path data = temp.resolve("demo");
        CommandTerminal.Result made = terminal.run("demo", "--data", data.toString(), "--patients", "6", "--doctors", "2",
                "--records-per-patient", "2", "--seed", "3");
        assertThat(made.exitCode()).as(made.err()).isZero();
        String forged = "garbage" + ESCAPE + "[31mred\u202Egnp.exe";
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("clinicledger.db"));
             Statement statement = connection.createStatement();
             PreparedStatement forge = connection.prepareStatement("UPDATE blocks SET chain_id = ? WHERE "
                     + "(chain_id, height) = (SELECT chain_id, height FROM blocks WHERE kind = 'record-added' "
                     + "ORDER BY chain_id, height LIMIT 1)")) {
            statement.executeUpdate("DROP TRIGGER blocks_are_never_updated");
            forge.setString(1, forged);
            assertThat(forge.executeUpdate()).isEqualTo(1);
        }

        CommandTerminal.Result verified = terminal.run("verify", "--data", data.toString());

        assertThat(verified.exitCode()).as(verified.err()).isEqualTo(ExitCode.FAILED);
        assertThat(verified.err()).isEmpty();
        assertThat(verified.out()).contains("garbage\\u001b[31mred\\u202egnp.exe #")
                .contains("NOT INTACT").doesNotContain(String.valueOf(ESCAPE)).doesNotContain("\u202E");
    }

    @Test
    void controlCharactersAreEscapedAndEverythingElseIsLeftAsItIs() {
        assertThat(TerminalText.escape("Zoë Ångström, J45.909 — 100 %")).isEqualTo("Zoë Ångström, J45.909 — 100 %");
        assertThat(TerminalText.escape("a" + ESCAPE + "[2Jb\u0007c\u009bd\u2066e\r\n"))
                .isEqualTo("a\\u001b[2Jb\\u0007c\\u009bd\\u2066e\\u000d\\u000a");
        assertThat(TerminalText.escape(null)).isEqualTo("null");
    }
}
