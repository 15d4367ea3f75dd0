package org.clinicledger.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.clinicledger.domain.Username;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** An administrator reactivates a deactivated account. */
@Command(name = "reactivate", mixinStandardHelpOptions = true,
        description = {"Reactivate a deactivated account: an account-status block on its chain and the",
            "administrator's; it signs in again with its password and its grants count again. For",
            "administrators; the administrator's password comes from $CLINICLEDGER_PASSWORD, else it is asked for.",
            "Exit codes: 0 reactivated, 1 refused (not an administrator, no such account, one's own, active",
            "already), 2 bad input, 3 authentication failed."})
final class UserReactivateCommand implements Callable<Integer> {

    @ParentCommand
    UserCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--user", paramLabel = "ADMIN", required = true, description = "The administrator.")
    String actingUser;

    @Parameters(paramLabel = "USERNAME", description = "The doctor's or staff member's username.")
    String username;

    @Override
    public Integer call() {
        String actor = Username.normalize(actingUser);
        SignedInRun.as(parent.parent, actor, (workspace, session) -> {
            workspace.accounts().reactivate(session, username);
            return null;
        });
        PrintWriter out = spec.commandLine().getOut();
        out.println("Reactivated the account " + TerminalText.escape(username.strip()) + ".");
        out.flush();
        return ExitCode.OK;
    }
}
