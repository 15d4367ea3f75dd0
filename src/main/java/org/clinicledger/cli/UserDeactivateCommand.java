package org.clinicledger.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.Username;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** An administrator deactivates a doctor's or a member of staff's account, visibly on its chain. */
@Command(name = "deactivate", mixinStandardHelpOptions = true,
        description = {"Deactivate the account of a doctor or a member of staff: an account-status block on its",
            "chain and the administrator's, the reason sealed for staff. The account cannot sign in, be granted",
            "access or be referred to until it is reactivated; its grants are not used meanwhile. Nobody",
            "deactivates their own account, nor the last active administrator. For administrators; the",
            "administrator's password comes from $CLINICLEDGER_PASSWORD, else it is asked for.",
            "Exit codes: 0 deactivated, 1 refused (not an administrator, no such account, one's own, a",
            "patient's, deactivated already, the last active administrator), 2 bad input (missing or",
            "unreadable reason), 3 authentication failed."})
final class UserDeactivateCommand implements Callable<Integer> {

    @ParentCommand
    UserCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--user", paramLabel = "ADMIN", required = true, description = "The administrator.")
    String actingUser;

    @Mixin
    ReasonOptions reasons;

    @Parameters(paramLabel = "USERNAME", description = "The doctor's or staff member's username.")
    String username;

    @Override
    public Integer call() {
        String text = reasons.text(new TextInput(parent.parent.environment));
        if (text == null || text.isBlank()) {
            // Said before anyone types a password; the service checks it again.
            throw new InvalidInputException("Give the reason for the deactivation.");
        }
        String actor = Username.normalize(actingUser);
        SignedInRun.as(parent.parent, actor, (workspace, session) -> {
            workspace.accounts().deactivate(session, username, text);
            return null;
        });
        PrintWriter out = spec.commandLine().getOut();
        out.println("Deactivated the account " + TerminalText.escape(username.strip())
                + ": it cannot sign in until an administrator reactivates it.");
        out.flush();
        return ExitCode.OK;
    }
}
