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

/** An administrator clears the sign-in delay that wrong passwords set on an account. */
@Command(name = "unlock", mixinStandardHelpOptions = true,
        description = {"Clear an account's sign-in delay and its count of wrong passwords, so that its owner can",
            "sign in at once. Wrong passwords never lock an account: from the third in a row each sets a delay",
            "(1 s, doubling up to 60 s) that ends by itself. For administrators; the administrator's password",
            "comes from $CLINICLEDGER_PASSWORD, else it is asked for.",
            "Exit codes: 0 cleared (or there was nothing to clear), 1 refused (not an administrator, no such",
            "account), 2 bad input, 3 authentication failed."})
final class UserUnlockCommand implements Callable<Integer> {

    @ParentCommand
    UserCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--user", paramLabel = "ADMIN", required = true, description = "The administrator.")
    String actingUser;

    @Parameters(paramLabel = "USERNAME", description = "The account to clear: a username, or a patient's MRN.")
    String username;

    @Override
    public Integer call() {
        String actor = Username.normalize(actingUser);
        boolean cleared = SignedInRun.as(parent.parent, actor, (workspace, session) ->
                workspace.accounts().clearSignInDelay(session, username));
        PrintWriter out = spec.commandLine().getOut();
        out.println(cleared ? "Cleared the sign-in delay of " + TerminalText.escape(username.strip()) + "."
                : TerminalText.escape(username.strip()) + " had no sign-in delay to clear.");
        out.flush();
        return ExitCode.OK;
    }
}
