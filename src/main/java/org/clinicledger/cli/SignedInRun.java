package org.clinicledger.cli;

import java.util.Arrays;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import org.clinicledger.clinic.Session;
import org.clinicledger.clinic.Workspace;

/**
 * How every command that acts for someone runs its use case: it opens the data folder, logs the acting
 * user in with the password from {@code $CLINICLEDGER_PASSWORD} or the terminal, and closes the session
 * when the work ends. The password lives here only, so it is wiped in this one place whatever happens.
 */
final class SignedInRun {

    private SignedInRun() {
    }

    /** Runs {@code work} as {@code actor}, whose name the command has already checked and normalised. */
    static <T> T as(ClinicLedgerCommand root, String actor, BiFunction<Workspace, Session, T> work) {
        return as(root, actor, workspace -> { }, work);
    }

    /**
     * Runs {@code work} as {@code actor}, after {@code beforePassword} has checked what it can in the
     * opened data folder, so that nobody types a password for a request that cannot succeed.
     */
    static <T> T as(ClinicLedgerCommand root, String actor, Consumer<Workspace> beforePassword,
            BiFunction<Workspace, Session, T> work) {
        return as(root, actor, false, beforePassword, work);
    }

    /**
     * Runs {@code work} as {@code actor}; with {@code despiteRollback}, also in a folder this machine's
     * memory says was rolled back, which every other command refuses.
     */
    static <T> T as(ClinicLedgerCommand root, String actor, boolean despiteRollback, Consumer<Workspace> beforePassword,
            BiFunction<Workspace, Session, T> work) {
        Workspace workspace = CommandLineInterface.open(root.data, false, root.environment, despiteRollback);
        beforePassword.accept(workspace);
        char[] password = new PasswordReader(root.environment).password(actor);
        Session session;
        try {
            session = workspace.accounts().login(actor, password);
        } finally {
            Arrays.fill(password, '\0');
        }
        try (session) {
            return work.apply(workspace, session);
        }
    }
}
