package org.clinicledger.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import org.clinicledger.clinic.BackupService;
import org.clinicledger.clinic.DataFolderLocation;
import org.clinicledger.clinic.RollbackMemory;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.BackupSummary;
import org.clinicledger.domain.LoginFailedException;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.Username;
import org.clinicledger.domain.UtcTime;
import org.clinicledger.domain.VerificationProblem;

/** Restores a backup into an empty folder, verified before it is put in place. */
@Command(name = "restore",
        description = {"Restore a backup that 'clinicledger backup' wrote into the folder --data names, which must be",
            "empty or missing: nothing is ever restored over a folder that holds anything. What the file is, is",
            "said before the password is asked for. The backup opens with the password an administrator (--user)",
            "had when it was made, from $CLINICLEDGER_PASSWORD, else asked for. The restored clinic is verified",
            "before it is put in place; a changed, cut or foreign file leaves the folder as it was.",
            "If this computer has seen the clinic's chains newer than the backup, the restored folder is blocked",
            "as rolled back until an administrator runs 'clinicledger accept-rollback'.",
            "Exit codes: 0 restored, 1 the folder is not empty, or restored but older than this computer saw",
            "(blocked until accept-rollback), 2 not a backup, or damaged, changed, cut short or extended,",
            "3 not an administrator who can open it, or a wrong password."})
final class RestoreCommand implements Callable<Integer> {

    @ParentCommand
    ClinicLedgerCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The backup file.")
    Path file;

    @Option(names = "--user", paramLabel = "ADMIN", required = true,
            description = "An administrator the backup opens for.")
    String user;

    @Mixin
    HelpOption help;

    @Override
    public Integer call() {
        String actor = Username.normalize(user);
        BackupSummary header = BackupService.describe(file);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%s is a backup of the clinic %s made %s: %d chains, %d blocks, %d encrypted files.%n",
                TerminalText.escape(file), header.clinic().grouped(), UtcTime.format(header.created()), header.chains(),
                header.blocks(), header.vaultFiles());
        out.flush();
        Path folder = DataFolderLocation.resolve(parent.data, parent.environment.variables(),
                System.getProperty("os.name", ""), Path.of(System.getProperty("user.home", ".")));
        BackupService.requireEmptyFolder(folder);
        if (!header.opensFor(actor)) {
            throw new LoginFailedException(actor + " cannot open this backup; it opens for "
                    + TerminalText.escape(String.join(", ", header.administrators())) + ".");
        }
        char[] password = new PasswordReader(parent.environment).password(actor);
        BackupService.Restored restored;
        try {
            restored = BackupService.restore(file, folder, actor, password, Progress.NONE);
        } finally {
            Arrays.fill(password, '\0');
        }
        out.printf("Restored into %s and verified: intact, %d chains, %d blocks, anchored to the clinic %s.%n",
                TerminalText.escape(restored.folder()), restored.report().chains(), restored.report().blocks(),
                header.clinic().grouped());
        out.flush();
        Workspace workspace = CommandLineInterface.open(restored.folder(), false, parent.environment, true);
        List<VerificationProblem> findings = workspace.rollbackFindings();
        if (!findings.isEmpty()) {
            throw new RefusedException("The restored folder is older than this computer last saw the clinic, so it "
                    + "is blocked as rolled back. " + RollbackMemory.warning(findings));
        }
        return ExitCode.OK;
    }
}
