package org.clinicledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.testing.RawTables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code user recover}: one test per outcome and exit code, through the real command line and data folder. */
class UserRecoverCommandTest {

    private static final String NEW_PASSWORD = "the new password at the desk";
    private static final String REASON = "Forgot the password; identity card checked";

    @TempDir
    Path temp;

    private final CommandTerminal terminal = new CommandTerminal();
    private Path data;
    private String mrn;

    @BeforeEach
    void setUpClinic() throws Exception {
        data = temp.resolve("data");
        mrn = ScriptedClinic.create(terminal, data);
    }

    /** Runs {@code user recover} confirmed by the recovery sheet, unless the arguments name a confirmation. */
    private CommandTerminal.Result recover(String... args) {
        List<String> all = new ArrayList<>(List.of("user", "recover"));
        all.addAll(List.of(args));
        if (!all.contains("--confirm-by") && !all.contains("--recovery-sheet") && !all.contains("--no-confirmation")) {
            all.addAll(List.of("--recovery-sheet", "-"));
            terminal.stdin = terminal.recoverySheet;
        }
        all.remove("--no-confirmation");
        all.add("--data");
        all.add(data.toString());
        return terminal.run(all.toArray(String[]::new));
    }

    @Test
    void anAdministratorRecoversAPatientsKeysWithTheReasonFromAFile() throws Exception {
        Path reason = Files.writeString(temp.resolve("reason.txt"), REASON + "\n", StandardCharsets.UTF_8);
        terminal.password(ScriptedClinic.ADMIN_PASSWORD).newPassword(NEW_PASSWORD);
        CommandTerminal.Result result = recover(mrn, "--user", "admin", "--reason-file", reason.toString(), "--json");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).isEmpty();
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("chain").asText()).isEqualTo("patient/" + mrn.replace("-", ""));
        assertThat(json.get("recordKeys").asInt()).isZero();
        assertThat(new RawTables(data).blockCount(new ChainId(PartyKind.PATIENT, mrn.replace("-", "")),
                BlockKind.KEY_RECOVERED)).isEqualTo(1);

        terminal.variables.clear();
        terminal.password(ScriptedClinic.PASSPHRASE);
        assertThat(terminal.run("patient", "search", "--user", mrn, "Ada", "--data", data.toString()).exitCode())
                .as("the old passphrase").isEqualTo(ExitCode.AUTHENTICATION);
        assertThat(terminal.run("verify", "--data", data.toString()).exitCode()).isZero();
    }

    @Test
    void theNewPasswordIsTypedTwiceAtTheTerminalAndTheInlineReasonWorks() {
        terminal.hasTerminal = true;
        terminal.typed.add(ScriptedClinic.ADMIN_PASSWORD);
        terminal.typed.add(NEW_PASSWORD);
        terminal.typed.add(NEW_PASSWORD);
        CommandTerminal.Result result = recover("dr.lee", "--user", "admin", "--reason", REASON);
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("Recovered the keys of dr.lee (chain doctor/dr.lee)");
        assertThat(terminal.prompts).containsExactly("Password for admin: ", "New password for dr.lee: ",
                "Type the new password again: ");
    }

    @Test
    void twoDifferentNewPasswordsAreBadInputAndChangeNothing() throws Exception {
        terminal.hasTerminal = true;
        terminal.typed.add(ScriptedClinic.ADMIN_PASSWORD);
        terminal.typed.add(NEW_PASSWORD);
        terminal.typed.add("another new password");
        CommandTerminal.Result result = recover("dr.lee", "--user", "admin", "--reason", REASON);
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err().lines()).hasSize(1);
        assertThat(new RawTables(data).count("SELECT count(*) FROM blocks WHERE kind = 'key-recovered'")).isZero();
    }

    @Test
    void aReceptionistIsRefused() {
        terminal.password(ScriptedClinic.DESK_PASSWORD).newPassword(NEW_PASSWORD);
        CommandTerminal.Result result = recover("dr.lee", "--user", "desk", "--reason", REASON);
        assertThat(result.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(result.err()).startsWith("clinicledger: Only an administrator");
    }

    @Test
    void anUnknownUserIsRefusedBeforeAnyPasswordIsAskedFor() {
        terminal.hasTerminal = true;
        CommandTerminal.Result result = recover("dr.nobody", "--user", "admin", "--reason", REASON);
        assertThat(result.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(result.err()).contains("no account dr.nobody");
        assertThat(terminal.prompts).isEmpty();
    }

    @Test
    void theAdministratorsOwnAccountIsRefused() {
        terminal.password(ScriptedClinic.ADMIN_PASSWORD).newPassword(NEW_PASSWORD);
        CommandTerminal.Result result = recover("admin", "--user", "admin", "--reason", REASON);
        assertThat(result.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(result.err()).contains("your own keys");
    }

    @Test
    void aWeakNewPasswordIsBadInput() {
        terminal.password(ScriptedClinic.ADMIN_PASSWORD).newPassword("short");
        CommandTerminal.Result result = recover("dr.lee", "--user", "admin", "--reason", REASON);
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err().lines()).hasSize(1);
    }

    @Test
    void aWrongAdministratorPasswordIsAnAuthenticationFailure() {
        terminal.password("not the admin password").newPassword(NEW_PASSWORD);
        CommandTerminal.Result result = recover("dr.lee", "--user", "admin", "--reason", REASON);
        assertThat(result.exitCode()).isEqualTo(ExitCode.AUTHENTICATION);
    }

    @Test
    void noReasonOrTwoReasonsAreUsageErrors() {
        terminal.password(ScriptedClinic.ADMIN_PASSWORD).newPassword(NEW_PASSWORD);
        assertThat(recover("dr.lee", "--user", "admin").exitCode()).isEqualTo(ExitCode.USAGE);
        CommandTerminal.Result both = recover("dr.lee", "--user", "admin", "--reason", REASON, "--reason-file", "x");
        assertThat(both.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(recover("dr.lee", "--user", "admin", "--reason", "short").exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void aShortReasonIsSaidBeforeAnyPasswordIsAskedFor() {
        terminal.hasTerminal = true;
        CommandTerminal.Result result = recover("dr.lee", "--user", "admin", "--reason", "forgot");
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("at least 10 characters");
        assertThat(terminal.prompts).isEmpty();
    }

    @Test
    void aReasonFileThatIsMissingTooLargeOrNotUtf8IsBadInput() throws Exception {
        terminal.password(ScriptedClinic.ADMIN_PASSWORD).newPassword(NEW_PASSWORD);
        Path missing = temp.resolve("missing.txt");
        Path large = Files.write(temp.resolve("large.txt"), new byte[TextInput.MAX_BYTES + 1]);
        Path binary = Files.write(temp.resolve("binary.txt"), new byte[] {'w', 'h', 'y', (byte) 0xC3, (byte) 0x28,
            'n', 'o', 't', ' ', 'u', 't', 'f'});
        for (Path file : List.of(missing, large, binary)) {
            CommandTerminal.Result result = recover("dr.lee", "--user", "admin", "--reason-file", file.toString());
            assertThat(result.exitCode()).as(file.toString()).isEqualTo(ExitCode.USAGE);
            assertThat(result.err().lines()).as(file.toString()).hasSize(1);
            assertThat(result.err()).doesNotContain("\tat ");
        }
    }

    @Test
    void aRecoveryWithoutASecondHolderIsBadInputBeforeAnyPasswordIsAskedFor() {
        terminal.hasTerminal = true;
        CommandTerminal.Result result = recover("dr.lee", "--user", "admin", "--reason", REASON, "--no-confirmation");
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("second holder");
        assertThat(terminal.prompts).isEmpty();
    }

    @Test
    void aMistypedSheetRecoversNothing() throws Exception {
        terminal.password(ScriptedClinic.ADMIN_PASSWORD).newPassword(NEW_PASSWORD);
        String words = terminal.recoverySheet;
        char changed = words.charAt(0) == 'A' ? 'B' : 'A';
        terminal.stdin = changed + words.substring(1);
        long blocks = new RawTables(data).count("SELECT count(*) FROM blocks");
        CommandTerminal.Result result = recover("dr.lee", "--user", "admin", "--reason", REASON,
                "--recovery-sheet", "-");
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err().lines()).hasSize(1);
        assertThat(new RawTables(data).count("SELECT count(*) FROM blocks")).isEqualTo(blocks);
    }

    @Test
    void theReasonAndTheSheetCannotBothComeFromStandardInput() {
        terminal.hasTerminal = true;
        CommandTerminal.Result result = recover("dr.lee", "--user", "admin", "--reason-file", "-",
                "--recovery-sheet", "-");
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("cannot both come from standard input");
        assertThat(terminal.prompts).isEmpty();
    }
}
