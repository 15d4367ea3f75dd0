package org.clinicledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.clinicledger.clinic.KeyDerivationTuning;
import org.clinicledger.clinic.Session;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.RecoverySheet;
import org.clinicledger.domain.Role;
import org.clinicledger.testing.DataFolderScan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SetupCommandTest {

    @TempDir
    Path temp;

    private final CommandTerminal terminal = new CommandTerminal();

    private Path data() {
        return temp.resolve("data");
    }

    private CommandTerminal.Result setup(String... extra) {
        String[] args = new String[4 + extra.length + 2];
        args[0] = "setup";
        args[1] = "--clinic";
        args[2] = "Hillside Clinic";
        args[3] = "--admin";
        System.arraycopy(extra, 0, args, 4, extra.length);
        args[4 + extra.length] = "--data";
        args[5 + extra.length] = data().toString();
        return terminal.run(args);
    }

    @Test
    void setsUpTheClinicWithThePasswordFromTheEnvironmentAndPrintsJson() throws Exception {
        terminal.newPassword("admin password 1");
        CommandTerminal.Result result = setup("Admin", "--json");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).isEmpty();
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("clinic").asText()).isEqualTo("Hillside Clinic");
        assertThat(json.get("username").asText()).isEqualTo("admin");
        assertThat(json.get("role").asText()).isEqualTo("administrator");
        assertThat(json.get("chain").asText()).isEqualTo("staff/admin");
        assertThat(json.get("recoverySheet").asText()).matches("([A-Z2-7]{4}-){13}[A-Z2-7]{4}");
        assertThat(json.get("clinicFingerprint").asText())
                .isEqualTo(Workspace.inspect(data()).clinic().fingerprint().orElseThrow().grouped());

        Workspace workspace = Workspace.open(data(), false);
        try (Session session = workspace.accounts().login("admin", "admin password 1".toCharArray())) {
            assertThat(session.role()).isEqualTo(Role.ADMINISTRATOR);
        }
        CommandTerminal.Result verify = terminal.run("verify", "--data", data().toString());
        assertThat(verify.exitCode()).isZero();
        assertThat(verify.out()).contains("Intact: 3 chains, 3 blocks");
        CommandTerminal.Result info = terminal.run("info", "--data", data().toString());
        assertThat(info.out()).contains("Hillside Clinic", "schema 13",
                "Clinic key:   " + workspace.clinic().fingerprint().orElseThrow().grouped());
        assertThat(verify.out()).contains("Clinic key: " + workspace.clinic().fingerprint().orElseThrow().grouped());
    }

    @Test
    void aFolderOpenedBeforeButNeverSetUpIsSetUp() {
        Workspace.open(data(), true, terminal.clock, KeyDerivationTuning.minimum());
        assertThat(data().resolve("clinicledger.db")).exists();
        terminal.newPassword("admin password 1");
        CommandTerminal.Result result = setup("admin");
        assertThat(result.exitCode()).as(result.err()).isZero();
        CommandTerminal.Result verify = terminal.run("verify", "--data", data().toString());
        assertThat(verify.out()).contains("Intact: 3 chains, 3 blocks");
    }

    @Test
    void printsOneSentenceAndTheRecoverySheetOnceWithoutJson() throws Exception {
        terminal.newPassword("admin password 1");
        CommandTerminal.Result result = setup("admin");
        assertThat(result.exitCode()).isZero();
        String fingerprint = Workspace.inspect(data()).clinic().fingerprint().orElseThrow().grouped();
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).isEqualTo("Set up Hillside Clinic with administrator admin (chain staff/admin).");
        assertThat(lines.get(1)).isEmpty();
        assertThat(lines.get(2)).isEqualTo("RECOVERY SHEET for Hillside Clinic, clinic fingerprint " + fingerprint);
        assertThat(lines.get(3)).matches("([A-Z2-7]{4}-){13}[A-Z2-7]{4}");
        assertThat(lines.get(4)).isEqualTo(RecoverySheet.INSTRUCTION).contains("keep it in the clinic's safe");
        // Printed, never stored.
        assertThat(DataFolderScan.forText(data(), List.of(lines.get(3), lines.get(3).replace("-", ""))).findings())
                .isEmpty();
    }

    @Test
    void asksForTheNewPasswordTwiceOnTheTerminal() {
        terminal.hasTerminal = true;
        terminal.typed.add("typed password 1");
        terminal.typed.add("typed password 1");
        assertThat(setup("admin").exitCode()).isZero();
        assertThat(terminal.prompts).containsExactly("New password for admin: ", "Type the new password again: ");
        Workspace workspace = Workspace.open(data(), false);
        workspace.accounts().login("admin", "typed password 1".toCharArray()).close();
    }

    @Test
    void twoDifferentTypedPasswordsSetUpNothing() {
        terminal.hasTerminal = true;
        terminal.typed.add("typed password 1");
        terminal.typed.add("typed password 2");
        CommandTerminal.Result result = setup("admin");
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).isEqualTo("clinicledger: The two passwords typed differ; nothing was changed."
                + System.lineSeparator());
        assertThat(Workspace.open(data(), false).clinic().profile()).isEmpty();
    }

    @Test
    void withoutAVariableOrATerminalItSaysWhatToDo() {
        CommandTerminal.Result result = setup("admin");
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err().strip())
                .isEqualTo("clinicledger: Set CLINICLEDGER_NEW_PASSWORD or run in a terminal to type the new password of admin.");
        assertThat(Workspace.open(data(), false).accounts().isSetUp()).isFalse();
    }

    @Test
    void aWeakPasswordIsAUsageErrorWithAClearMessage() {
        terminal.newPassword("short");
        CommandTerminal.Result result = setup("admin");
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err().strip()).isEqualTo("clinicledger: A password needs at least 10 characters; this one has 5.");
        terminal.newPassword("zzzzzzzzzzzzzzzz");
        assertThat(setup("admin").err()).contains("cannot be one character repeated");
    }

    @Test
    void aSecondSetUpIsRefusedBeforeAnyPasswordIsAskedFor() {
        terminal.newPassword("admin password 1");
        assertThat(setup("admin").exitCode()).isZero();
        terminal.variables.clear();
        terminal.hasTerminal = true;
        CommandTerminal.Result again = setup("other");
        assertThat(again.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(again.err().strip()).isEqualTo(
                "clinicledger: This data folder already belongs to the clinic \u201cHillside Clinic\u201d; set-up is done only once.");
        assertThat(terminal.prompts).isEmpty();
    }

    @Test
    void aClinicAnEarlierVersionOnlyNamedIsCompletedAndThenRefused() throws Exception {
        Workspace.open(data(), true, terminal.clock, KeyDerivationTuning.minimum());
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + data().resolve("clinicledger.db"));
             var statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO clinic (id, name, created_at) VALUES (1, 'Window Clinic', '2026-01-02T03:04:05Z')");
        }
        terminal.newPassword("admin password 1");
        assertThat(setup("admin").exitCode()).isEqualTo(ExitCode.OK);
        terminal.newPassword("admin password 1");
        CommandTerminal.Result again = setup("admin2");
        assertThat(again.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(again.err()).contains("set-up is done only once.");
    }

    @Test
    void badArgumentsAndFoldersAreUsageErrors() throws Exception {
        terminal.newPassword("admin password 1");
        assertThat(setup("not valid!").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(terminal.run("setup", "--admin", "admin", "--data", data().toString()).err())
                .startsWith("clinicledger: Missing required option: '--clinic=NAME'");

        Path foreign = Files.createDirectories(temp.resolve("letters"));
        Files.writeString(foreign.resolve("letter.txt"), "dear…");
        CommandTerminal.Result result = terminal.run("setup", "--clinic", "X", "--admin", "admin", "--data",
                foreign.toString());
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("is not a ClinicLedger data folder").doesNotContain("\tat ");
    }
}
