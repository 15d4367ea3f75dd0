package org.clinicledger.cli;

import java.util.concurrent.Callable;

import org.clinicledger.domain.AddedRecord;
import org.clinicledger.domain.RecordInput;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A doctor writes a new version of a record, which supersedes the latest one. */
@Command(name = "amend", mixinStandardHelpOptions = true,
        description = {"Amend a record: a new version with the diagnosis, an optional ICD-10 code, notes and attachments,",
            "encrypted in the vault, its key wrapped for the patient, the author, the doctors with access and",
            "the clinic's escrow key; a record-amended block on the doctor's and the patient's chains.",
            "The doctor's password comes from $CLINICLEDGER_PASSWORD, else it is asked for.",
            "Exit codes: 0 amended, 1 refused (no access, unknown or deleted record),",
            "2 bad input (diagnosis, ICD-10 code, attachment), 3 authentication failed."})
final class RecordAmendCommand implements Callable<Integer> {

    @ParentCommand
    RecordCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--user", paramLabel = "DR", required = true, description = "The doctor who writes the record.")
    String user;

    @Option(names = "--record", paramLabel = "ID", required = true, description = "The record to amend.")
    String record;

    @Mixin
    RecordWriteOptions content;

    @Option(names = "--json", description = "Print {\"record\", \"version\", \"recordHash\", \"blocks\"} as JSON.")
    boolean json;

    @Override
    public Integer call() {
        RecordInput input = content.input();
        input.check();
        AddedRecord added = parent.asUser(user, (workspace, session) -> workspace.records().amendRecord(session, record,
                input));
        RecordOutput.printAdded(spec.commandLine().getOut(), added, json, "Amended");
        return ExitCode.OK;
    }
}
