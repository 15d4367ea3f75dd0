package org.clinicledger.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.ClinicFingerprint;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.VerificationProblem;
import org.clinicledger.domain.VerificationReport;
import org.clinicledger.domain.Witnessing;
import org.clinicledger.domain.WitnessingSummary;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Verifies every chain of a data folder; needs no password and changes nothing in the folder. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verify every chain, signed head and derived table of the data folder.",
            "Needs no password. Prints the fingerprint of the clinic key the folder is anchored to.",
            "Also compares the chains with the newest signed heads this computer has seen of the clinic (kept outside",
            "the folder; see 'accept-rollback'): a chain rolled back or rewritten is a problem. Verify never adds to",
            "that memory; opening the folder to work in does.",
            "Only reads: nothing in the folder is changed, and it may be a read-only copy. Files a write "
                    + "cut short left in the vault are noted (leftover-files), not counted as tampering.",
            "Exit code 0 when intact, 1 when anything is wrong, 2 when the folder cannot be read or the "
                    + "fingerprint given is not one."})
final class VerifyCommand implements Callable<Integer> {

    @ParentCommand
    ClinicLedgerCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--json",
            description = "Print the report as JSON: ok, clinicKey, chains, blocks, readOnly, problems[{chain, height, code, "
                    + "reason}], witnessing{machines, checkpoints, witnessed, chains[{chain, size, behind, witnessed}]}.")
    boolean json;

    @Option(names = "--clinic", paramLabel = "FINGERPRINT",
            description = "The clinic key's fingerprint you know the clinic by (Help > About, a receipt): "
                    + "a folder anchored to any other key is not intact.")
    String clinic;

    @Override
    public Integer call() throws Exception {
        ClinicFingerprint expected = clinic == null ? null : ClinicFingerprint.parse(clinic);
        Workspace workspace = CommandLineInterface.openExisting(parent.data);
        VerificationReport report = workspace.verify(Progress.NONE, expected).with(workspace.compareWithMemoryOnly());
        WitnessingSummary witnessing = workspace.witnesses().summary();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(toJson(report, witnessing));
        } else {
            report.problems().forEach(problem -> out.println(TerminalText.escape(problem)));
            long changes = report.changes().size();
            long upkeep = report.problems().size() - changes;
            out.printf("%s: %s, %s, %s%s.%n", report.ok() ? "Intact" : "NOT INTACT", count(report.chains(), "chain"),
                    count(report.blocks(), "block"), changes == 0 ? "no problems" : count(changes, "problem"),
                    upkeep == 0 ? "" : ", " + count(upkeep, "note") + " of upkeep that is due");
            out.printf("Clinic key: %s%n", report.clinicKey() == null ? "none" : report.clinicKey().grouped()
                    + (expected == null ? "" : report.clinicKey().equals(expected) ? " (as expected)" : ""));
            out.println(witnessing.describe());
            out.println(CommandLineInterface.READ_ONLY_NOTE);
        }
        out.flush();
        return report.ok() ? ExitCode.OK : ExitCode.FAILED;
    }

    private static String count(long number, String noun) {
        return number + " " + noun + (number == 1 ? "" : "s");
    }

    static String toJson(VerificationReport report, WitnessingSummary witnessing) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("ok", report.ok());
        if (report.clinicKey() == null) {
            root.putNull("clinicKey");
        } else {
            root.put("clinicKey", report.clinicKey().grouped());
        }
        root.put("chains", report.chains());
        root.put("blocks", report.blocks());
        root.put("readOnly", true);
        ArrayNode problems = root.putArray("problems");
        for (VerificationProblem problem : report.problems()) {
            ObjectNode item = problems.addObject();
            item.put("chain", problem.chain());
            if (problem.height() < 0) {
                item.putNull("height");
            } else {
                item.put("height", problem.height());
            }
            item.put("code", problem.code().code());
            item.put("reason", problem.reason());
        }
        ObjectNode witnessed = root.putObject("witnessing");
        witnessed.put("machines", witnessing.machines());
        witnessed.put("checkpoints", witnessing.checkpoints().size());
        witnessed.put("witnessed", witnessing.witnessed());
        ArrayNode chains = witnessed.putArray("chains");
        for (Witnessing checkpoint : witnessing.checkpoints()) {
            ObjectNode item = chains.addObject();
            item.put("chain", checkpoint.chain());
            item.put("size", checkpoint.size());
            item.put("behind", checkpoint.behind());
            item.put("witnessed", checkpoint.witnessed());
        }
        return mapper.writeValueAsString(root);
    }
}
