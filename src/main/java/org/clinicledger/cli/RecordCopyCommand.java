package org.clinicledger.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.clinicledger.domain.PatientCopy;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The patient's copy of a record version: a file whose SHA-256 is the record hash on the chain and the receipt. */
@Command(name = "copy",
        description = {"Write the patient's copy of a record version: the canonical record document, whose SHA-256",
            "(sha256sum FILE) is the record hash on the patient's chain and on the receipt. The file holds the",
            "record's content in plain text: keep it where only the patient can read it. Reading it is logged",
            "like opening the record. The password comes from $CLINICLEDGER_PASSWORD, else it is asked for.",
            "Exit codes: 0 written, 1 access denied or unknown record or version, 2 unusable --out, 3 authentication."})
final class RecordCopyCommand implements Callable<Integer> {

    @ParentCommand
    RecordCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    RecordVersionOptions target;

    @Mixin
    OutputFileOptions output;

    @Mixin
    HelpOption help;

    @Override
    public Integer call() {
        output.requireWritable();
        PatientCopy copy = SignedInRun.as(parent.parent, target.username(), (workspace, session) ->
                workspace.receipts().copy(session, target.recordId(), target.version()));
        output.write(copy.bytes());
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Wrote the patient's copy of record %s, version %d, to %s.%n", TerminalText.escape(copy.recordId()),
                copy.version(), TerminalText.escape(output.out));
        out.printf("Record hash: %s%n", copy.recordHash());
        out.println("Its SHA-256 (sha256sum) is the record hash. It holds the record in plain text.");
        out.flush();
        return ExitCode.OK;
    }
}
