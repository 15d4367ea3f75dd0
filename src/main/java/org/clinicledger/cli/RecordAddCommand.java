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

/** A doctor adds a record for a patient. */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Add a record for a patient: the diagnosis, an optional ICD-10 code, notes and attachments,",
            "encrypted in the vault, its key wrapped for the patient, the author, the doctors with access and",
            "the clinic's escrow key; a record-added block on the doctor's and the patient's chains.",
            "The doctor's password comes from $CLINICLEDGER_PASSWORD, else it is asked for.",
            "Exit codes: 0 added, 1 refused (no access, not a doctor, unknown patient),",
            "2 bad input (diagnosis, ICD-10 code, attachment), 3 authentication failed."})
final class RecordAddCommand implements Callable<Integer> {

    @ParentCommand
    RecordCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--user", paramLabel = "DR", required = true, description = "The doctor who writes the record.")
    String user;

    @Option(names = "--patient", paramLabel = "MRN", required = true, description = "The patient's MRN.")
    String patient;

    @Mixin
    RecordWriteOptions content;

    @Option(names = "--json", description = "Print {\"record\", \"version\", \"recordHash\", \"blocks\"} as JSON.")
    boolean json;

    @Override
    public Integer call() {
        RecordInput input = content.input();
        input.check();
        AddedRecord added = parent.asUser(user, (workspace, session) -> workspace.records().addRecord(session, patient,
                input));
        RecordOutput.printAdded(spec.commandLine().getOut(), added, json, "Added");
        return ExitCode.OK;
    }
}
