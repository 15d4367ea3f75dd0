package org.clinicledger.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.domain.Cancel;
import org.clinicledger.domain.ExportScope;
import org.clinicledger.domain.ExportSummary;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.Username;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Writes an export file ({@code .clchain}) of one patient, one doctor's patients or the whole clinic. */
@Command(name = "export",
        description = {"Write an export file (clinicledger-export/1, docs/formats/export.md): the chosen chains whole, with",
            "their signed heads and checkpoints, the accounts, records, key copies and encrypted files they need (all",
            "still encrypted to their recipients), signed by this machine. It always holds the clinic's, machines' and",
            "staff chains. Administrators export anything; doctors themselves (--doctor) or a patient they may read;",
            "patients themselves. With --new-machine it also starts a replica machine that only you can set up, by",
            "importing the file into an empty folder there. Check it anywhere with verify-export.",
            "The password comes from $CLINICLEDGER_PASSWORD, else it is asked for.",
            "Exit codes: 0 written, 1 refused (access denied, no such patient or doctor), 2 unusable --out or value,",
            "3 authentication."})
final class ExportCommand implements Callable<Integer> {

    @ParentCommand
    ClinicLedgerCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--user", required = true, paramLabel = "USERNAME", description = "Who exports.")
    String user;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Scope scope;

    static final class Scope {
        @Option(names = "--patient", paramLabel = "MRN", description = "One patient's chain and records.")
        String patient;

        @Option(names = "--doctor", paramLabel = "USERNAME", description = "A doctor and the patients they may read.")
        String doctor;

        @Option(names = "--all", description = "The whole clinic (administrators).")
        boolean all;

        ExportScope toScope() {
            if (patient != null) {
                return ExportScope.patient(MedicalRecordNumber.parse(patient));
            }
            return doctor != null ? ExportScope.doctor(doctor) : ExportScope.clinic();
        }
    }

    @Option(names = "--new-machine", description = "Also start a replica machine for you (an offline workstation).")
    boolean newMachine;

    @Mixin
    OutputFileOptions output;

    @Option(names = "--json", description = "Print what was written as JSON: out, bytes, chains, blocks, records, "
            + "files, fileBytes, newMachine.")
    boolean json;

    @Mixin
    HelpOption help;

    @Override
    public Integer call() throws Exception {
        String actor = Username.normalize(user);
        ExportScope chosen = scope.toScope();
        output.requireWritable();
        ExportSummary summary = SignedInRun.as(parent, actor, (workspace, session) -> workspace.exchange()
                .export(session, chosen, newMachine, output.out, output.force, Progress.NONE, Cancel.NEVER));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = new ObjectMapper().createObjectNode();
            root.put("out", summary.file().toString());
            root.put("bytes", summary.bytes());
            root.put("chains", summary.chains());
            root.put("blocks", summary.blocks());
            root.put("records", summary.records());
            root.put("files", summary.files());
            root.put("fileBytes", summary.fileBytes());
            summary.replicaChain().ifPresentOrElse(chain -> root.put("newMachine", chain),
                    () -> root.putNull("newMachine"));
            out.println(new ObjectMapper().writeValueAsString(root));
        } else {
            out.println(TerminalText.escape(summary.headline()));
            out.println("Wrote " + TerminalText.escape(summary.file().toString()) + ".");
        }
        out.flush();
        return ExitCode.OK;
    }
}
