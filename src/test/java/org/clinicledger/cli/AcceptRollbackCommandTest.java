package org.clinicledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue's first attack by the command line: copy the database aside, revoke a doctor, copy it
 * back. {@code verify} names the chains and sizes (exit 1, in text and JSON), every working command
 * refuses the folder, and {@code accept-rollback} (an administrator, a reason) clears it.
 */
class AcceptRollbackCommandTest {

    @TempDir
    Path temp;

    private final CommandTerminal terminal = new CommandTerminal();

    @Test
    void aDatabaseCopiedBackIsNamedByVerifyRefusedByWorkAndClearedByAnAdministratorsAcceptance() throws Exception {
        Path data = temp.resolve("clinic");
        String mrn = ScriptedClinic.create(terminal, data);
        String patient = "patient/" + mrn.replace("-", "");
        Path aside = temp.resolve("clinicledger.db");
        Files.copy(data.resolve("clinicledger.db"), aside);
        terminal.password(ScriptedClinic.PASSPHRASE);
        assertThat(terminal.run("revoke", "--user", mrn, "--doctor", "dr.lee", "--data", data.toString()).exitCode())
                .isZero();
        Files.copy(aside, data.resolve("clinicledger.db"), StandardCopyOption.REPLACE_EXISTING);

        CommandTerminal.Result verified = terminal.run("verify", "--data", data.toString());
        assertThat(verified.exitCode()).as(verified.err()).isEqualTo(ExitCode.FAILED);
        assertThat(verified.out()).contains("NOT INTACT").contains(patient + " #").contains("doctor/dr.lee #")
                .containsPattern("covers \\d+ blocks; this machine saw \\d+ blocks").contains("[rolled-back]");
        JsonNode json = new ObjectMapper().readTree(terminal.run("verify", "--json", "--data", data.toString()).out());
        assertThat(json.get("ok").asBoolean()).isFalse();
        assertThat(json.get("problems")).extracting(problem -> problem.get("code").asText()).containsOnly("rolled-back");

        terminal.password(ScriptedClinic.DESK_PASSWORD);
        CommandTerminal.Result refused = terminal.run("patient", "search", "--user", "desk", "Ada",
                "--data", data.toString());
        assertThat(refused.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(refused.err()).startsWith("clinicledger: This data folder is not what this computer last saw")
                .contains("accept-rollback").doesNotContain("Exception");
        assertThat(refused.err().lines()).hasSize(1);

        terminal.password(ScriptedClinic.LEE_PASSWORD);
        CommandTerminal.Result notAdministrator = terminal.run("accept-rollback", "--user", "dr.lee", "--reason",
                "restored", "--data", data.toString());
        assertThat(notAdministrator.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(notAdministrator.err()).contains("Only an administrator");
        CommandTerminal.Result noReason = terminal.run("accept-rollback", "--user", "admin", "--data", data.toString());
        assertThat(noReason.exitCode()).isEqualTo(ExitCode.USAGE);
        CommandTerminal.Result unreadable = terminal.run("accept-rollback", "--user", "admin", "--reason-file",
                temp.resolve("missing.txt").toString(), "--data", data.toString());
        assertThat(unreadable.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(unreadable.err()).contains("Cannot read the reason");
        Path oversized = Files.write(temp.resolve("long.txt"), new byte[20_000]);
        assertThat(terminal.run("accept-rollback", "--user", "admin", "--reason-file", oversized.toString(),
                "--data", data.toString()).exitCode()).isEqualTo(ExitCode.USAGE);
        terminal.password("not the password");
        assertThat(terminal.run("accept-rollback", "--user", "admin", "--reason", "restored", "--data",
                data.toString()).exitCode()).isEqualTo(ExitCode.AUTHENTICATION);

        Path reason = Files.writeString(temp.resolve("reason.txt"), "Restored the copy from before the revocation\n");
        terminal.password(ScriptedClinic.ADMIN_PASSWORD);
        CommandTerminal.Result accepted = terminal.run("accept-rollback", "--user", "admin", "--reason-file",
                reason.toString(), "--data", data.toString());
        assertThat(accepted.exitCode()).as(accepted.err()).isZero();
        assertThat(accepted.out()).contains(patient).contains("Accepted").contains("2 findings");

        CommandTerminal.Result clean = terminal.run("verify", "--data", data.toString());
        assertThat(clean.exitCode()).as(clean.out()).isZero();
        CommandTerminal.Result nothing = terminal.run("accept-rollback", "--user", "admin", "--reason", "again",
                "--data", data.toString());
        assertThat(nothing.exitCode()).isZero();
        assertThat(nothing.out()).startsWith("Nothing to accept");
    }
}
