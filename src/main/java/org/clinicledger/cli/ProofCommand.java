package org.clinicledger.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.domain.ProofDocument;
import org.clinicledger.domain.Receipt;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A proof file: that a record version's block is in its patient's chain under a signed checkpoint. */
@Command(name = "proof",
        description = {"Write a proof file (clinicledger-proof/1, docs/formats/proof.md) for a record version: the",
            "chain's signed C2SP checkpoint, the block that names the record hash, its inclusion proof and what",
            "authorizes the signing key under the clinic key. Anyone checks it offline with verify-proof.",
            "It holds hashes, the patient's MRN and the record's date; nothing of the record's content.",
            "The password comes from $CLINICLEDGER_PASSWORD, else it is asked for.",
            "Exit codes: 0 written, 1 access denied or unknown record or version, 2 unusable --out, 3 authentication."})
final class ProofCommand implements Callable<Integer> {

    @ParentCommand
    ClinicLedgerCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    RecordVersionOptions target;

    @Mixin
    OutputFileOptions output;

    @Option(names = "--json", description = "Print what was written as JSON: out, recordId, version, recordHash, "
            + "blockHash, leafIndex, origin, size.")
    boolean json;

    @Mixin
    HelpOption help;

    @Override
    public Integer call() throws Exception {
        output.requireWritable();
        ProofDocument proof = SignedInRun.as(parent, target.username(), (workspace, session) ->
                workspace.receipts().proof(session, target.recordId(), target.version()));
        output.write(proof.bytes());
        Receipt receipt = proof.receipt();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = new ObjectMapper().createObjectNode();
            root.put("out", output.out.toString());
            root.put("recordId", receipt.recordId());
            root.put("version", receipt.version());
            root.put("recordHash", receipt.recordHash());
            root.put("blockHash", receipt.blockHash());
            root.put("leafIndex", receipt.leafIndex());
            root.put("origin", receipt.checkpoint().origin());
            root.put("size", receipt.checkpoint().size());
            out.println(new ObjectMapper().writeValueAsString(root));
        } else {
            out.printf("Wrote the proof of record %s, version %d, to %s.%n", TerminalText.escape(receipt.recordId()),
                    receipt.version(), TerminalText.escape(output.out));
            out.printf("Block %d of %s, under the checkpoint over %d blocks.%n", receipt.leafIndex(),
                    TerminalText.escape(receipt.checkpoint().origin()), receipt.checkpoint().size());
        }
        out.flush();
        return ExitCode.OK;
    }
}
