package org.clinicledger.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import org.clinicledger.domain.RecordDiff;
import org.clinicledger.domain.RecordId;

/** Someone who may read a record sees what changed between two of its versions; the reads are logged. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Print what changed between two versions of a record: the ICD-10 code, the diagnosis, the notes",
            "line by line and the attachments. The reader needs a key to both versions, as for record show; a",
            "record-viewed block is appended for each version read.",
            "The password comes from $CLINICLEDGER_PASSWORD, else it is asked for.",
            "Exit codes: 0 shown, 1 access denied or unknown record, version or deleted record, 2 bad input,",
            "3 authentication failed."})
final class RecordDiffCommand implements Callable<Integer> {

    @ParentCommand
    RecordCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--user", paramLabel = "USER", required = true, description = "Who reads the record.")
    String user;

    @Option(names = "--record", paramLabel = "ID", required = true, description = "The record to compare.")
    String record;

    @Option(names = "--from", paramLabel = "N", required = true, description = "The version to compare from.")
    int from;

    @Option(names = "--to", paramLabel = "M", required = true, description = "The version to compare to.")
    int to;

    @Option(names = "--json", description = "Print {\"record\", \"from\", \"to\", \"changes\"} as JSON.")
    boolean json;

    @Override
    public Integer call() {
        RecordId id = RecordId.parse(record);
        RecordDiff diff = parent.asUser(user, (workspace, session) -> workspace.records().diff(session, id, from, to));
        RecordOutput.printDiff(spec.commandLine().getOut(), diff, json);
        return ExitCode.OK;
    }
}
