package org.clinicledger.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import org.clinicledger.domain.RecordId;
import org.clinicledger.domain.ShownRecord;

/** Someone who holds a key to a record reads its latest version; the read is logged on the ledger. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Print the decrypted latest version of a record and its history. Only the patient, the author",
            "and doctors with access hold a key; every read appends a record-viewed block to the patient's chain.",
            "The password comes from $CLINICLEDGER_PASSWORD, else it is asked for.",
            "Exit codes: 0 shown, 1 access denied or unknown or deleted record, 3 authentication failed."})
final class RecordShowCommand implements Callable<Integer> {

    @ParentCommand
    RecordCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--user", paramLabel = "USER", required = true, description = "Who reads the record.")
    String user;

    @Option(names = "--record", paramLabel = "ID", required = true, description = "The record to show.")
    String record;

    @Option(names = "--json", description = "Print the record and its history as JSON.")
    boolean json;

    @Override
    public Integer call() {
        RecordId id = RecordId.parse(record);
        ShownRecord shown = parent.asUser(user, (workspace, session) -> workspace.records().showRecord(session, id));
        RecordOutput.printShown(spec.commandLine().getOut(), shown, json);
        return ExitCode.OK;
    }
}
