package org.clinicledger.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.Callable;

import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.Username;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Anyone changes their own password: the same keys sealed anew, committed to on their chain. */
@Command(name = "passwd", mixinStandardHelpOptions = true,
        description = {"Change your own password (a patient's passphrase too, with the MRN as --user): the",
            "current one comes from $CLINICLEDGER_PASSWORD, else it is asked for; the new one from",
            "$CLINICLEDGER_NEW_PASSWORD, else it is asked for twice. Your keys stay the same, sealed anew; a",
            "password-changed block on your chain commits to the new seal. A wrong current password counts",
            "towards the sign-in delay like a wrong sign-in.",
            "Exit codes: 0 changed, 1 refused, 2 bad input (a weak new password, the same as the old one, the",
            "two typed differ), 3 authentication failed (wrong current password, a sign-in delay, a",
            "deactivated account)."})
final class UserPasswdCommand implements Callable<Integer> {

    @ParentCommand
    UserCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--user", paramLabel = "USERNAME", required = true,
            description = "Your username, or your MRN as a patient.")
    String user;

    @Override
    public Integer call() {
        String username = user.strip();
        Workspace workspace = CommandLineInterface.open(parent.parent.data, false, parent.parent.environment);
        PasswordReader reader = new PasswordReader(parent.parent.environment);
        char[] current = reader.password(Username.isValid(username) ? Username.normalize(username) : username);
        char[] fresh = null;
        try {
            fresh = reader.newPassword(username);
            workspace.accounts().changePassword(username, current, fresh);
        } finally {
            Arrays.fill(current, '\0');
            if (fresh != null) {
                Arrays.fill(fresh, '\0');
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Changed the password of " + TerminalText.escape(username) + ".");
        out.flush();
        return ExitCode.OK;
    }
}
