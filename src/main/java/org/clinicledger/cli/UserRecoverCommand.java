package org.clinicledger.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.clinic.KeyRecovery;
import org.clinicledger.domain.EscrowConfirmation;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.Username;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** An administrator gives a person who forgot their password new keys, visibly on the person's chain. */
@Command(name = "recover", mixinStandardHelpOptions = true,
        description = {"Recover the keys of a person who forgot their password (a member of staff, a doctor, or a",
            "patient by MRN): new keys sealed under a new password, a key-recovered block on the person's chain",
            "and the administrator's, and every record key the person held re-wrapped for the new keys from the",
            "clinic's escrow copy. The old password stops working.",
            "The administrator's password comes from $CLINICLEDGER_PASSWORD, else it is asked for; the person's",
            "new password from $CLINICLEDGER_NEW_PASSWORD, else it is asked for twice (hand the keyboard over).",
            "The record keys are opened from the escrow copies, so a second holder of the escrow key confirms:",
            "--confirm-by ADMIN (their password from $CLINICLEDGER_SECOND_PASSWORD, else asked for) or",
            "--recovery-sheet - (the sheet's words on standard input).",
            "Exit codes: 0 recovered, 1 refused (not an administrator, unknown user, your own account, a second",
            "holder who holds no share), 2 bad input (weak password, missing or unreadable reason, no or a",
            "mistyped confirmation), 3 authentication failed (yours or the second administrator's)."})
final class UserRecoverCommand implements Callable<Integer> {

    @ParentCommand
    UserCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "USERNAME", description = "Whose keys: a username, or a patient's MRN.")
    String username;

    @Option(names = "--user", paramLabel = "ADMIN", required = true, description = "The administrator.")
    String actingUser;

    @Mixin
    ReasonOptions reasons;

    @Mixin
    EscrowConfirmationOptions confirmation;

    @Option(names = "--json", description = "Print {\"username\", \"chain\", \"recordKeys\", \"block\"} as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        String actor = Username.normalize(actingUser);
        confirmation.refuseSharedStandardInput(reasons);
        String text = reasons.text(new TextInput(parent.parent.environment));
        // Said before anyone types a password; the service checks it again.
        if (text == null || text.strip().length() < KeyRecovery.MIN_REASON) {
            throw new InvalidInputException("Give the reason for the key recovery, at least " + KeyRecovery.MIN_REASON
                    + " characters.");
        }
        if (confirmation.choice == null) {
            throw EscrowConfirmationOptions.missing("A key recovery");
        }
        KeyRecovery.Recovered recovered = SignedInRun.as(parent.parent, actor,
                workspace -> {
                    if (workspace.accounts().account(username).isEmpty()) {
                        throw new RefusedException("There is no account " + username
                                + " whose keys could be recovered.");
                    }
                },
                (workspace, session) -> {
                    String whose = workspace.accounts().account(username).orElseThrow().username();
                    EscrowConfirmation second = confirmation.read(parent.parent.environment);
                    char[] newPassword = null;
                    try {
                        newPassword = new PasswordReader(parent.parent.environment).newPassword(whose);
                        return workspace.keyRecovery().recover(session, username, newPassword, text, second);
                    } finally {
                        second.wipe();
                        if (newPassword != null) {
                            Arrays.fill(newPassword, '\0');
                        }
                    }
                });

        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = new ObjectMapper().createObjectNode();
            root.put("username", recovered.account().username());
            root.put("chain", recovered.account().chain().value());
            root.put("recordKeys", recovered.recordKeys());
            root.put("block", recovered.blockHash());
            out.println(root);
        } else {
            out.printf("Recovered the keys of %s (chain %s): %d record key copies now open with the new password; "
                    + "the old one no longer works.%n", recovered.account().username(), recovered.account().chain(),
                    recovered.recordKeys());
        }
        out.flush();
        return ExitCode.OK;
    }
}
