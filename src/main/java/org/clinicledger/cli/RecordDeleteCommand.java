package org.clinicledger.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.RecordId;

/** A doctor deletes a record: a tombstone block, then its keys and encrypted files are destroyed. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = {"Delete a record: a record-deleted block on the doctor's and the patient's chains commits to",
            "the reason (sealed with the clinic's directory key), then every key and encrypted file of the record",
            "is destroyed. The chains still verify. The doctor's password comes from $CLINICLEDGER_PASSWORD.",
            "Exit codes: 0 deleted, 1 refused (no access, unknown or deleted record), 2 no reason,",
            "3 authentication failed."})
final class RecordDeleteCommand implements Callable<Integer> {

    @ParentCommand
    RecordCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--user", paramLabel = "DR", required = true, description = "The doctor who deletes the record.")
    String user;

    @Option(names = "--record", paramLabel = "ID", required = true, description = "The record to delete.")
    String record;

    @Mixin
    ReasonOptions reasons;

    @Override
    public Integer call() {
        String reason = reasons.text(new TextInput(parent.parent.environment));
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("Give the reason for deleting the record.");
        }
        RecordId id = RecordId.parse(record);
        List<String> blocks = parent.asUser(user, (workspace, session) -> workspace.records().deleteRecord(session, id,
                reason));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Deleted record %s (tombstone blocks %s)%n", id, String.join(", ", blocks));
        out.flush();
        return ExitCode.OK;
    }
}
