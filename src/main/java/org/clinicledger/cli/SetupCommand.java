package org.clinicledger.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.Account;
import org.clinicledger.domain.ClinicProfile;
import org.clinicledger.domain.ClinicSetUp;
import org.clinicledger.domain.RecoverySheet;
import org.clinicledger.domain.Username;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** First-run set-up from the command line: the clinic, its keys and its first administrator. */
@Command(name = "setup", mixinStandardHelpOptions = true,
        description = {"Set up a new clinic: its name, its escrow and directory keys, and the first administrator.",
            "The administrator's password comes from $CLINICLEDGER_NEW_PASSWORD, else it is asked for twice.",
            "Tunes the password cost to this machine (a few seconds). Refused when the data folder has a clinic.",
            "Prints the clinic's recovery sheet once (the whole escrow key, in words): write it down and keep it",
            "in the clinic's safe; it is stored nowhere else.",
            "Exit codes: 0 set up, 1 refused (a clinic exists), 2 bad input or unusable folder."})
final class SetupCommand implements Callable<Integer> {

    @ParentCommand
    ClinicLedgerCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--clinic", paramLabel = "NAME", required = true, description = "The clinic's name.")
    String clinic;

    @Option(names = "--admin", paramLabel = "USER", required = true,
            description = "Username of the first administrator (3-32 of a-z, 0-9, '.', '_', '-').")
    String administrator;

    @Option(names = "--json", description = "Print {\"clinic\", \"username\", \"role\", \"chain\", "
            + "\"clinicFingerprint\", \"recoverySheet\"} as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        String name = ClinicProfile.checkName(clinic);
        String username = Username.normalize(administrator);
        Workspace workspace = CommandLineInterface.open(parent.data, true, parent.environment);
        // Before anyone types a new password for nothing.
        workspace.accounts().requireNotSetUp();
        char[] password = new PasswordReader(parent.environment).newPassword(username);
        ClinicSetUp setUp;
        try {
            setUp = workspace.accounts().setUp(name, username, password);
        } finally {
            Arrays.fill(password, '\0');
        }
        Account account = setUp.administrator();
        RecoverySheet sheet = setUp.recoverySheet();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = new ObjectMapper().createObjectNode();
            root.put("clinic", name);
            root.put("username", account.username());
            root.put("role", account.role().code());
            root.put("chain", account.chain().value());
            root.put("clinicFingerprint", sheet.fingerprint().grouped());
            root.put("recoverySheet", sheet.words());
            out.println(root);
        } else {
            out.printf("Set up %s with administrator %s (chain %s).%n", TerminalText.escape(name), account.username(),
                    account.chain());
            out.println();
            out.println("RECOVERY SHEET for " + TerminalText.escape(sheet.clinicName()) + ", clinic fingerprint "
                    + sheet.fingerprint().grouped());
            out.println(sheet.words());
            out.println(RecoverySheet.INSTRUCTION);
        }
        out.flush();
        return ExitCode.OK;
    }
}
