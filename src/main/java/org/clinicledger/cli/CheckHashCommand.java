package org.clinicledger.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.HashFinding;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Says what a hash from a receipt is in this ledger, without a password and without anything personal. */
@Command(name = "check-hash", mixinStandardHelpOptions = true,
        description = {"Say whether HEX (64 hex digits; spaces, dashes and case do not matter) is a record hash, a block",
            "hash or a checkpoint root of this ledger, and what it covers: the kind of chain, the height or size, the",
            "block's kind and date. Nothing personal. Needs no password; the folder is only read.",
            "Exit codes: 0 found, 1 not found, 2 not a hash or the folder cannot be read."})
final class CheckHashCommand implements Callable<Integer> {

    @ParentCommand
    ClinicLedgerCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "HEX", description = "The hash, as printed on a receipt.")
    String hash;

    @Option(names = "--json", description = "Print the findings as JSON: found, findings[{kind, chain, height, "
            + "blockKind, date}].")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Workspace workspace = CommandLineInterface.openExisting(parent.data);
        List<HashFinding> findings = workspace.receipts().checkHash(hash);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = new ObjectMapper().createObjectNode();
            root.put("found", !findings.isEmpty());
            ArrayNode list = root.putArray("findings");
            for (HashFinding finding : findings) {
                ObjectNode item = list.addObject();
                item.put("kind", finding.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
                item.put("chain", finding.party().code());
                item.put(finding.kind() == HashFinding.Kind.CHECKPOINT_ROOT ? "size" : "height", finding.height());
                item.put("blockKind", finding.blockKind());
                item.put("date", finding.at().toString());
            }
            out.println(new ObjectMapper().writeValueAsString(root));
        } else if (findings.isEmpty()) {
            out.println("Not found: no record, block or checkpoint of this ledger has that hash.");
        } else {
            findings.forEach(finding -> out.println(TerminalText.escape(finding.describe())));
        }
        out.flush();
        return findings.isEmpty() ? ExitCode.FAILED : ExitCode.OK;
    }
}
