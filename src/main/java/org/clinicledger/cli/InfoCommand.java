package org.clinicledger.cli;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.concurrent.Callable;

import org.clinicledger.clinic.ApplicationVersion;
import org.clinicledger.domain.ByteSize;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.DatabaseFacts;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Describes the data folder without changing it. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show the data folder, its database and the clinic it belongs to. Only reads: nothing in "
                + "the folder is changed, and it may be a read-only copy.")
final class InfoCommand implements Callable<Integer> {

    @ParentCommand
    ClinicLedgerCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Workspace workspace = CommandLineInterface.openExisting(parent.data);
        PrintWriter out = spec.commandLine().getOut();
        DatabaseFacts facts = workspace.databaseFacts();
        out.printf("Data folder:  %s%n", workspace.root());
        out.printf("Database:     %s%n", facts.file());
        out.printf("              schema %d, SQLite %s, journal %s, %s%n", facts.schemaVersion(),
                facts.sqliteVersion(), facts.journalMode(), ByteSize.format(facts.sizeBytes()));
        out.printf("Clinic:       %s%n", workspace.clinic().profile()
                .map(profile -> TerminalText.escape(profile.name()) + " (set up "
                        + DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
                                .format(profile.createdAt().atZone(ZoneId.systemDefault())) + ")")
                .orElse("not set up yet"));
        workspace.clinic().fingerprint().ifPresent(fingerprint ->
                out.printf("Clinic key:   %s (\"verify\" checks the ledger is anchored to it)%n", fingerprint.grouped()));
        out.printf("Version:      ClinicLedger %s%n", ApplicationVersion.version());
        out.println(CommandLineInterface.READ_ONLY_NOTE);
        out.flush();
        return ExitCode.OK;
    }
}
