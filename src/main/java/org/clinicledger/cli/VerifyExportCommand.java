package org.clinicledger.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.clinic.ExchangeService;
import org.clinicledger.domain.Cancel;
import org.clinicledger.domain.ClinicFingerprint;
import org.clinicledger.domain.ExportVerdict;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.VerificationProblem;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Checks an export file with nothing but the file. */
@Command(name = "verify-export", mixinStandardHelpOptions = true,
        description = {"Check an export file with no data folder and no password: its format and every section's",
            "length, the SHA-256 of everything before the trailer, the trailer's C2SP signature by the machine it",
            "names, that the clinic key vouches for that machine, and every block, signed head, checkpoint, row",
            "and encrypted file as verify checks a data folder (chains the file does not hold are not checked).",
            "Nothing is written but a temporary, owner-only copy that is removed.",
            "Exit codes: 0 intact, 1 problems found, 2 the file cannot be read or is not an export file."})
final class VerifyExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    ClinicLedgerCommand parent;

    @Parameters(index = "0", paramLabel = "FILE", description = "The export file.")
    Path file;

    @Option(names = "--clinic", paramLabel = "FINGERPRINT",
            description = "The clinic fingerprint you trust: a file under any other clinic key fails.")
    String clinic;

    @Option(names = "--json", description = "Print the result as JSON: intact, clinic, node, scope, subject, "
            + "exportedBy, createdAt, chains, blocks, rows, files, bytes, problems[{chain, height, code, reason}].")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ClinicFingerprint trusted = clinic == null ? null : ClinicFingerprint.parse(clinic);
        ExportVerdict verdict = ExchangeService.verifyExport(file, trusted, Progress.NONE, Cancel.NEVER);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = new ObjectMapper().createObjectNode();
            root.put("intact", verdict.intact());
            root.put("clinic", verdict.clinic());
            root.put("node", verdict.node());
            root.put("scope", verdict.scope());
            root.put("subject", verdict.subject());
            root.put("exportedBy", verdict.exportedBy());
            root.put("createdAt", verdict.createdAt().toString());
            root.put("chains", verdict.chains());
            root.put("blocks", verdict.blocks());
            root.put("rows", verdict.rows());
            root.put("files", verdict.files());
            root.put("bytes", verdict.bytes());
            ArrayNode problems = root.putArray("problems");
            for (VerificationProblem problem : verdict.problems()) {
                problems.addObject().put("chain", problem.chain()).put("height", problem.height())
                        .put("code", problem.code().code()).put("reason", problem.reason());
            }
            out.println(new ObjectMapper().writeValueAsString(root));
        } else {
            out.println("Export of " + TerminalText.escape(verdict.scope()) + (verdict.subject().isEmpty() ? ""
                    : " " + TerminalText.escape(verdict.subject())) + " by " + TerminalText.escape(verdict.exportedBy())
                    + " on machine " + TerminalText.escape(verdict.node()) + ", " + verdict.createdAt());
            for (VerificationProblem problem : verdict.problems()) {
                out.println("  " + TerminalText.escape(problem.chain()) + (problem.height() >= 0 ? " #" + problem.height()
                        : "") + " [" + problem.code().code() + "] " + TerminalText.escape(problem.reason()));
            }
            out.println(TerminalText.escape(verdict.headline()));
        }
        out.flush();
        return verdict.intact() ? ExitCode.OK : ExitCode.FAILED;
    }
}
