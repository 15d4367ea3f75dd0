package org.clinicledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.clinicledger.testing.FolderState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backup} and {@code restore} as a script runs them: exit codes, one line on stderr for each
 * refusal, the file described before any password, a restored folder that verifies, and an older
 * backup restored on a machine that saw newer heads blocked until {@code accept-rollback}.
 */
class BackupCommandTest {

    @TempDir
    Path temp;

    private final CommandTerminal terminal = new CommandTerminal();

    private static void assertOneLine(CommandTerminal.Result result, int exitCode, String contains) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(exitCode);
        assertThat(result.err()).startsWith("clinicledger: ").contains(contains).doesNotContain("Exception");
        assertThat(result.err().lines()).hasSize(1);
    }

    @Test
    void anAdministratorBacksUpAndRestoresIntoAnEmptyFolderOnly() throws Exception {
        Path data = temp.resolve("clinic");
        ScriptedClinic.create(terminal, data);
        Path file = temp.resolve("hillside.clbackup");

        terminal.password(ScriptedClinic.DESK_PASSWORD);
        assertOneLine(terminal.run("backup", "--user", "desk", "--out", file.toString(), "--data", data.toString()),
                ExitCode.FAILED, "Only an administrator");
        terminal.password("not the password");
        assertThat(terminal.run("backup", "--user", "admin", "--out", file.toString(), "--data", data.toString())
                .exitCode()).isEqualTo(ExitCode.AUTHENTICATION);
        assertOneLine(terminal.run("backup", "--user", "admin", "--out", temp.toString(), "--data", data.toString()),
                ExitCode.USAGE, "is a folder");
        assertThat(file).doesNotExist();
        terminal.password(ScriptedClinic.ADMIN_PASSWORD);
        CommandTerminal.Result written = terminal.run("backup", "--user", "admin", "--out", file.toString(),
                "--data", data.toString());
        assertThat(written.exitCode()).as(written.err()).isZero();
        assertThat(written.out()).contains("Wrote the backup of the clinic").contains(file.toString())
                .contains("opens with the password of admin");
        assertOneLine(terminal.run("backup", "--user", "admin", "--out", file.toString(), "--data", data.toString()),
                ExitCode.USAGE, "already exists");
        assertThat(terminal.run("backup", "--user", "admin", "--out", file.toString(), "--force", "--data",
                data.toString()).exitCode()).isZero();

        Path occupied = Files.createDirectories(temp.resolve("occupied"));
        Files.writeString(occupied.resolve("keep.txt"), "mine");
        FolderState before = FolderState.of(occupied);
        CommandTerminal.Result refused = terminal.run("restore", file.toString(), "--user", "admin", "--data",
                occupied.toString());
        assertOneLine(refused, ExitCode.FAILED, "not empty");
        assertThat(refused.out()).contains("is a backup of the clinic");
        assertThat(FolderState.of(occupied)).isEqualTo(before);

        Path target = temp.resolve("restored");
        assertOneLine(terminal.run("restore", temp.resolve("occupied/keep.txt").toString(), "--user", "admin",
                "--data", target.toString()), ExitCode.USAGE, "not a ClinicLedger backup");
        byte[] bytes = Files.readAllBytes(file);
        byte[] changed = bytes.clone();
        changed[bytes.length - 40] ^= 1;
        Path tampered = Files.write(temp.resolve("tampered.clbackup"), changed);
        assertOneLine(terminal.run("restore", tampered.toString(), "--user", "admin", "--data", target.toString()),
                ExitCode.USAGE, "damaged or was changed");
        Path cut = Files.write(temp.resolve("cut.clbackup"), Arrays.copyOf(bytes, bytes.length - 1000));
        assertOneLine(terminal.run("restore", cut.toString(), "--user", "admin", "--data", target.toString()),
                ExitCode.USAGE, "damaged");
        terminal.password(ScriptedClinic.LEE_PASSWORD);
        CommandTerminal.Result notAdministrator = terminal.run("restore", file.toString(), "--user", "dr.lee",
                "--data", target.toString());
        assertOneLine(notAdministrator, ExitCode.AUTHENTICATION, "opens for admin");
        terminal.password("not the password");
        assertOneLine(terminal.run("restore", file.toString(), "--user", "admin", "--data", target.toString()),
                ExitCode.AUTHENTICATION, "not right");
        assertThat(target).doesNotExist();

        terminal.password(ScriptedClinic.ADMIN_PASSWORD);
        CommandTerminal.Result restored = terminal.run("restore", file.toString(), "--user", "admin", "--data",
                target.toString());
        assertThat(restored.exitCode()).as(restored.err()).isZero();
        assertThat(restored.out()).contains("Restored into " + target).contains("intact");
        CommandTerminal.Result verified = terminal.run("verify", "--data", target.toString());
        assertThat(verified.exitCode()).as(verified.out()).isZero();
        assertThat(terminal.run("restore", file.toString(), "--user", "admin", "--data", target.toString())
                .exitCode()).isEqualTo(ExitCode.FAILED);
    }

    @Test
    void anOlderBackupIsReportedAsARollbackAndBlockedUntilAccepted() throws Exception {
        Path data = temp.resolve("clinic");
        String mrn = ScriptedClinic.create(terminal, data);
        Path file = temp.resolve("monday.clbackup");
        terminal.password(ScriptedClinic.ADMIN_PASSWORD);
        assertThat(terminal.run("backup", "--user", "admin", "--out", file.toString(), "--data", data.toString())
                .exitCode()).isZero();
        terminal.password(ScriptedClinic.PASSPHRASE);
        assertThat(terminal.run("revoke", "--user", mrn, "--doctor", "dr.lee", "--data", data.toString()).exitCode())
                .isZero();

        Path target = temp.resolve("restored");
        terminal.password(ScriptedClinic.ADMIN_PASSWORD);
        CommandTerminal.Result restored = terminal.run("restore", file.toString(), "--user", "admin", "--data",
                target.toString());
        assertOneLine(restored, ExitCode.FAILED, "blocked as rolled back");
        assertThat(restored.err()).contains("patient/" + mrn.replace("-", "")).contains("accept-rollback");
        assertThat(terminal.run("verify", "--data", target.toString()).out()).contains("[rolled-back]");
        terminal.password(ScriptedClinic.DESK_PASSWORD);
        assertOneLine(terminal.run("patient", "search", "--user", "desk", "Ada", "--data", target.toString()),
                ExitCode.FAILED, "not what this computer last saw");

        terminal.password(ScriptedClinic.ADMIN_PASSWORD);
        CommandTerminal.Result accepted = terminal.run("accept-rollback", "--user", "admin", "--reason",
                "Restored Monday's backup", "--data", target.toString());
        assertThat(accepted.exitCode()).as(accepted.err()).isZero();
        assertThat(accepted.out()).contains("Accepted");
        assertThat(terminal.run("verify", "--data", target.toString()).exitCode()).isZero();
    }
}
