package org.clinicledger.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.clinic.ReceiptService;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.ClinicFingerprint;
import org.clinicledger.domain.ProofVerdict;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Checks a proof file offline, and optionally a copy and a data folder against it. */
@Command(name = "verify-proof", mixinStandardHelpOptions = true,
        description = {"Check a proof file (docs/formats/proof.md) with no data folder and no password: the clinic key's",
            "fingerprint, the clinic key's authorization of the machine key, the C2SP checkpoint's signature, that the",
            "block hashes to the block hash and names the record, and the inclusion proof. With --copy, that the copy's",
            "SHA-256 is the record hash. With --against, that the chain in that data folder today extends the",
            "checkpoint (a Merkle consistency proof to its newest signed head): otherwise it says 'rolled back' (the",
            "chain is shorter) or 'rewritten' (its first blocks differ). The folder is only read.",
            "Exit codes: 0 the proof holds, 1 it does not, 2 a file or folder cannot be read or is not what it should be."})
final class VerifyProofCommand implements Callable<Integer> {

    @ParentCommand
    ClinicLedgerCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The proof file ('-': standard input).")
    Path proof;

    @Option(names = "--copy", paramLabel = "COPYFILE", description = "The patient's copy the proof is for.")
    Path copy;

    @Option(names = "--against", paramLabel = "DIR", description = "A data folder to compare the checkpoint with.")
    Path against;

    @Option(names = "--clinic", paramLabel = "FINGERPRINT",
            description = "The clinic fingerprint you trust (from the receipt, Help > About): a proof under any other "
                    + "clinic key does not hold.")
    String clinic;

    @Option(names = "--json", description = "Print the result as JSON: holds, standing, checks[{holds, check}].")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ClinicFingerprint trusted = clinic == null ? null : ClinicFingerprint.parse(clinic);
        TextInput input = new TextInput(parent.environment);
        byte[] proofBytes = input.bytes(proof, "", 256 * 1024);
        byte[] copyBytes = copy == null ? null : input.bytes(copy, "--copy", 2 * 1024 * 1024);
        Workspace folder = against == null ? null : CommandLineInterface.openExisting(against);
        ProofVerdict verdict = ReceiptService.verifyProof(proofBytes, copyBytes, trusted, folder);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = new ObjectMapper().createObjectNode();
            root.put("holds", verdict.holds());
            root.put("standing", verdict.standing().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            ArrayNode checks = root.putArray("checks");
            verdict.checks().forEach(check -> checks.addObject().put("holds", check.holds()).put("check", check.sentence()));
            out.println(new ObjectMapper().writeValueAsString(root));
        } else {
            verdict.checks().forEach(check -> out.println((check.holds() ? "ok    " : "FAILED ")
                    + TerminalText.escape(check.sentence())));
            out.println(verdict.holds() ? "The proof holds." : switch (verdict.standing()) {
                case ROLLED_BACK -> "The proof does not hold: the clinic's chain was rolled back since the checkpoint.";
                case REWRITTEN -> "The proof does not hold: the clinic's chain was rewritten since the checkpoint.";
                default -> "The proof does not hold.";
            });
            if (trusted == null && verdict.holds()) {
                out.println("Give --clinic with the fingerprint printed on the receipt to be sure it is that clinic's key.");
            }
            if (folder != null) {
                out.println(CommandLineInterface.READ_ONLY_NOTE);
            }
        }
        out.flush();
        return verdict.holds() ? ExitCode.OK : ExitCode.FAILED;
    }
}
