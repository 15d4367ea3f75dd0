package org.clinicledger.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.clinicledger.clinic.ApplicationVersion;
import org.clinicledger.clinic.ExchangeService;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top command: without a sub-command it asks for the window. */
@Command(name = "clinicledger",
        mixinStandardHelpOptions = true,
        versionProvider = ClinicLedgerCommand.Version.class,
        subcommands = {InfoCommand.class, VerifyCommand.class, BenchmarkCommand.class, SetupCommand.class,
            UserCommand.class, PatientCommand.class, RecordCommand.class, GrantCommand.class,
            RevokeCommand.class, ReferCommand.class, EmergencyCommand.class, DemoCommand.class,
            AcceptRollbackCommand.class, ReceiptCommand.class, ProofCommand.class, VerifyProofCommand.class,
            CheckHashCommand.class, ExportCommand.class, VerifyExportCommand.class, ImportCommand.class,
            BackupCommand.class, RestoreCommand.class, FhirCommand.class},
        description = {
            "Tamper-evident, encrypted health records for small clinics.",
            "Without a command, opens the ClinicLedger window; with an export file (.clchain), opens the window",
            "to import it (or, on an empty data folder, to make this computer a replica from it)."
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  ok",
            "  1  verification failed, not found, or refused",
            "  2  usage error or unusable input (file, folder, value)",
            "  3  authentication failed",
            " 70  unexpected internal error (the message gives an error code; details are in the log)",
            "",
            "Passwords are read from $CLINICLEDGER_PASSWORD (a new account's from $CLINICLEDGER_NEW_PASSWORD)",
            "or prompted for without echo; never from arguments."
        })
final class ClinicLedgerCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Data folder (default: $CLINICLEDGER_DATA, else the system's application data folder).")
    Path data;

    boolean windowRequested;

    /** The export file the window is to import, when one is given instead of a command. */
    Path windowFile;

    @Spec
    CommandSpec spec;

    /**
     * Only an export file opens the window with a file: anything else in a command's place is a
     * mistyped command and stays a usage error.
     */
    @Parameters(arity = "0..1", paramLabel = "FILE.clchain",
            description = "An export file to import in the window (how the desktop opens a .clchain file).")
    void windowFile(Path file) {
        if (!file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(ExchangeService.FILE_EXTENSION)) {
            throw new ParameterException(spec.commandLine(), "Unknown command or export file: '" + file
                    + "' (commands are listed by --help; export files end in " + ExchangeService.FILE_EXTENSION + ")");
        }
        windowFile = file.toAbsolutePath();
    }

    /** The process's variables, terminal, clock and cost tuning, for the commands that need them. */
    final CommandEnvironment environment;

    ClinicLedgerCommand(CommandEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        windowRequested = true;
        return ExitCode.OK;
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ClinicLedger " + ApplicationVersion.version()};
        }
    }
}
