package org.clinicledger.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.clinicledger.clinic.ErrorCode;
import org.clinicledger.clinic.FileLogging;
import org.clinicledger.clinic.RollbackMemory;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.LoginFailedException;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.UserFacingException;
import org.clinicledger.domain.StorageFailure;
import org.clinicledger.clinic.DataFolderLocation;
import org.slf4j.LoggerFactory;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Runs the headless commands. Expected failures print one line on stderr and return a documented
 * exit code; unexpected ones print an error code and are logged in full, never as a stack trace on
 * the terminal.
 */
public final class CommandLineInterface {

    /**
     * What {@link #run} decided: an exit code, or to open the window on a data folder, with the
     * export file to import there (or null).
     */
    public record Outcome(int exitCode, Path windowDataFolder, Path windowFile) {
        public boolean opensWindow() {
            return windowDataFolder != null;
        }
    }

    /** The workspaces the running command opened, closed when it ends. */
    private static final ThreadLocal<List<Workspace>> OPENED = new ThreadLocal<>();

    private CommandLineInterface() {
    }

    /** Runs a command in this process's environment (variables, terminal, clock). */
    public static Outcome run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, CommandEnvironment.system());
    }

    /** Runs a command with the given environment, so that tests can supply variables and a terminal. */
    public static Outcome run(String[] args, PrintWriter out, PrintWriter err, CommandEnvironment environment) {
        ClinicLedgerCommand top = new ClinicLedgerCommand(environment);
        CommandLine commandLine = new CommandLine(top)
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(CommandLineInterface::usageError)
                .setExecutionExceptionHandler((failure, command, parseResult) -> report(failure, err));
        int code;
        List<Workspace> opened = new ArrayList<>();
        OPENED.set(opened);
        try {
            code = commandLine.execute(args);
        } finally {
            OPENED.remove();
            opened.forEach(Workspace::close);
        }
        out.flush();
        err.flush();
        if (top.windowRequested && code == ExitCode.OK) {
            return new Outcome(code, DataFolderLocation.resolve(top.data), top.windowFile);
        }
        return new Outcome(code, null, null);
    }

    private static int usageError(ParameterException problem, String[] args) {
        PrintWriter err = problem.getCommandLine().getErr();
        err.println("clinicledger: " + TerminalText.escape(problem.getMessage()));
        err.println("Try 'clinicledger " + qualifiedName(problem.getCommandLine()) + "--help' for more information.");
        err.flush();
        return ExitCode.USAGE;
    }

    private static String qualifiedName(CommandLine command) {
        String name = command.getCommandSpec().qualifiedName(" ");
        int space = name.indexOf(' ');
        return space < 0 ? "" : name.substring(space + 1) + " ";
    }

    static int report(Exception failure, PrintWriter err) {
        int code;
        if (failure instanceof InvalidInputException) {
            code = ExitCode.USAGE;
        } else if (failure instanceof LoginFailedException) {
            code = ExitCode.AUTHENTICATION;
        } else if (failure instanceof StorageFailure) {
            // The data folder's database could not be read (a damaged file, a full or failing disk).
            LoggerFactory.getLogger(CommandLineInterface.class).error("Storage failure", failure);
            err.println("clinicledger: cannot read the data folder's database: "
                    + TerminalText.escape(failure.getCause().getMessage()));
            err.flush();
            return ExitCode.USAGE;
        } else if (failure instanceof UserFacingException) {
            code = ExitCode.FAILED;
        } else {
            String errorCode = ErrorCode.of(failure);
            LoggerFactory.getLogger(CommandLineInterface.class).error("Unexpected error {}", errorCode, failure);
            err.println("clinicledger: unexpected error " + errorCode + ": " + TerminalText.escape(failure.getMessage())
                    + (FileLogging.writesToFile() ? " (details are in the log file)" : ""));
            err.flush();
            return ExitCode.INTERNAL;
        }
        err.println("clinicledger: " + TerminalText.escape(failure.getMessage()));
        err.flush();
        return code;
    }

    /**
     * Opens an existing data folder only to read it (info, verify): nothing in it is created or
     * changed, and nothing is logged (a log file would be a change).
     */
    static Workspace openExisting(Path data) {
        FileLogging.discard();
        Workspace workspace = Workspace.inspect(DataFolderLocation.resolve(data));
        return closedAfterTheCommand(workspace);
    }

    /** The line read-only commands end with, so that whoever runs them on evidence knows it was left alone. */
    static final String READ_ONLY_NOTE = "Read-only: nothing in the folder was changed.";

    /**
     * Opens the data folder (creating it when {@code create} and it is missing or empty) with the
     * environment's clock and cost tuning, its {@code $CLINICLEDGER_DATA}, and the log in the folder.
     */
    static Workspace open(Path data, boolean create, CommandEnvironment environment) {
        return open(data, create, environment, false);
    }

    /**
     * {@link #open(Path, boolean, CommandEnvironment)}, refusing a folder that this machine's memory
     * says was rolled back or rewritten unless {@code despiteRollback} (the command that accepts it).
     */
    static Workspace open(Path data, boolean create, CommandEnvironment environment, boolean despiteRollback) {
        Path location = location(data, environment);
        Workspace workspace = Workspace.open(location, create, environment.clock(), environment.tuning());
        FileLogging.writeTo(workspace.logFolder());
        closedAfterTheCommand(workspace);
        if (!despiteRollback && !workspace.rollbackFindings().isEmpty()) {
            throw new RefusedException(RollbackMemory.warning(workspace.rollbackFindings()));
        }
        return workspace;
    }

    /** The data folder {@code --data} names, else {@code $CLINICLEDGER_DATA}, else the system's place. */
    static Path location(Path data, CommandEnvironment environment) {
        return DataFolderLocation.resolve(data, environment.variables(), System.getProperty("os.name", ""),
                Path.of(System.getProperty("user.home", ".")));
    }

    private static Workspace closedAfterTheCommand(Workspace workspace) {
        List<Workspace> opened = OPENED.get();
        if (opened != null) {
            opened.add(workspace);
        }
        return workspace;
    }
}
