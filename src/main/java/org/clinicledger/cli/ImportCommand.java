package org.clinicledger.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.clinic.ExchangeService;
import org.clinicledger.clinic.FileLogging;
import org.clinicledger.domain.Cancel;
import org.clinicledger.domain.ImportSummary;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.Username;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Imports an export file into the data folder, or makes an empty folder a replica from it. */
@Command(name = "import",
        description = {"Import an export file. It is read into a staging folder and verified as a whole (as",
            "verify-export does) before the data folder is touched, then merged in one write: new chains and the new",
            "blocks of longer chains are added with the records, key copies and files they need; what is here already",
            "is left alone, so importing twice changes nothing and an older file is reported as such. When both",
            "machines added to the same chain, nothing is imported and the chains and blocks are named (a machine",
            "that signed both is named as equivocating). Into a missing or empty folder, a file made with",
            "--new-machine for USERNAME makes a replica of the clinic that USERNAME signs in to.",
            "The password comes from $CLINICLEDGER_PASSWORD, else it is asked for.",
            "Exit codes: 0 imported or nothing new, 1 refused (other clinic, conflicting chains, not for you),",
            "2 the file cannot be read, is not an export file or does not verify, 3 authentication."})
final class ImportCommand implements Callable<Integer> {

    @ParentCommand
    ClinicLedgerCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--user", required = true, paramLabel = "USERNAME", description = "Who imports.")
    String user;

    @Parameters(index = "0", paramLabel = "FILE", description = "The export file.")
    Path file;

    @Option(names = "--json", description = "Print the result as JSON: outcome, newChains, newBlocks, newRecords, "
            + "newFiles.")
    boolean json;

    @Mixin
    HelpOption help;

    @Override
    public Integer call() throws Exception {
        String actor = Username.normalize(user);
        Path folder = CommandLineInterface.location(parent.data, parent.environment);
        ImportSummary summary;
        if (isMissingOrEmpty(folder)) {
            char[] password = new PasswordReader(parent.environment).password(actor);
            // Nothing is logged until the folder exists and is a clinic's; then its own log takes over.
            FileLogging.discard();
            try {
                summary = ExchangeService.startReplica(folder, file, actor, password, Progress.NONE, Cancel.NEVER);
            } finally {
                Arrays.fill(password, '\0');
            }
        } else {
            summary = SignedInRun.as(parent, actor, (workspace, session) ->
                    workspace.exchange().importFile(session, file, Progress.NONE, Cancel.NEVER));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = new ObjectMapper().createObjectNode();
            root.put("outcome", summary.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            root.put("newChains", summary.newChains());
            root.put("newBlocks", summary.newBlocks());
            root.put("newRecords", summary.newRecords());
            root.put("newFiles", summary.newFiles());
            out.println(new ObjectMapper().writeValueAsString(root));
        } else {
            out.println(TerminalText.escape(summary.headline()));
        }
        out.flush();
        return ExitCode.OK;
    }

    private static boolean isMissingOrEmpty(Path folder) throws java.io.IOException {
        if (!Files.exists(folder)) {
            return true;
        }
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        }
    }
}
