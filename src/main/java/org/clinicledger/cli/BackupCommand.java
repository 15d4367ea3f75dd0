package org.clinicledger.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import org.clinicledger.clinic.BackupService;
import org.clinicledger.domain.ByteSize;
import org.clinicledger.domain.BackupSummary;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.Username;

/** An administrator writes an encrypted backup of the whole clinic, also while the window works in it. */
@Command(name = "backup",
        description = {"Write an encrypted backup of the whole clinic (clinicledger-backup/1, docs/formats/backup.md):",
            "a consistent snapshot of the database, taken while the clinic may be in use, every encrypted file its",
            "records name, and this machine's node key, sealed so that any administrator's password opens it.",
            "Restore it with 'clinicledger restore FILE --data EMPTY-FOLDER --user ADMIN'.",
            "The password comes from $CLINICLEDGER_PASSWORD, else it is asked for.",
            "Exit codes: 0 written, 1 refused (not an administrator, a damaged vault, a rolled-back folder),",
            "2 unusable --out, 3 authentication."})
final class BackupCommand implements Callable<Integer> {

    @ParentCommand
    ClinicLedgerCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--user", paramLabel = "ADMIN", required = true, description = "The administrator.")
    String user;

    @Mixin
    OutputFileOptions output;

    @Mixin
    HelpOption help;

    @Override
    public Integer call() {
        String actor = Username.normalize(user);
        output.requireWritable();
        BackupService.Made made = SignedInRun.as(parent, actor, (workspace, session) ->
                workspace.backups().backUp(session, output.out, output.force, Progress.NONE));
        BackupSummary header = made.summary();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Wrote the backup of the clinic %s to %s: %s.%n", header.clinic().grouped(),
                TerminalText.escape(made.file()), ByteSize.format(made.bytes()));
        out.printf("It holds %d chains, %d blocks and %d encrypted files, and opens with the password of %s.%n",
                header.chains(), header.blocks(), header.vaultFiles(), TerminalText.escape(String.join(", ", header.administrators())));
        out.flush();
        return ExitCode.OK;
    }
}
