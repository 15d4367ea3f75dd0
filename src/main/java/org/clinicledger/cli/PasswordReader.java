package org.clinicledger.cli;

import java.util.Arrays;
import java.util.Map;

import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.PasswordRules;

/**
 * Where the commands get passwords: from an environment variable for scripts, else from the
 * terminal without echo; never from arguments, which other users of the machine can see. The
 * caller wipes every array it gets. (A variable's value is an immutable string that cannot be
 * wiped; that is the price scripts pay for not typing.)
 */
final class PasswordReader {

    /** The acting person's password. */
    static final String PASSWORD_VARIABLE = "CLINICLEDGER_PASSWORD";
    /** The password of the second administrator who confirms an emergency access or a new administrator. */
    static final String SECOND_PASSWORD_VARIABLE = "CLINICLEDGER_SECOND_PASSWORD";
    /** The password of an account being made (or a new password). */
    static final String NEW_PASSWORD_VARIABLE = "CLINICLEDGER_NEW_PASSWORD";

    private final Map<String, String> variables;
    private final CommandEnvironment.PasswordPrompt terminal;

    PasswordReader(CommandEnvironment environment) {
        this.variables = environment.variables();
        this.terminal = environment.terminal();
    }

    /** The password of {@code username}, who is acting. */
    char[] password(String username) {
        String fromEnvironment = variables.get(PASSWORD_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment.toCharArray();
        }
        if (terminal == null) {
            throw new InvalidInputException("Set " + PASSWORD_VARIABLE + " or run in a terminal to type the password of "
                    + username + ".");
        }
        return typed(terminal.readPassword("Password for " + username + ": "));
    }

    /**
     * The password of {@code username}, the second administrator who confirms an opening of the
     * escrow key: from {@value #SECOND_PASSWORD_VARIABLE}, else typed at the terminal.
     */
    char[] secondPassword(String username) {
        String fromEnvironment = variables.get(SECOND_PASSWORD_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment.toCharArray();
        }
        if (terminal == null) {
            throw new InvalidInputException("Set " + SECOND_PASSWORD_VARIABLE + " or run in a terminal to type the "
                    + "password of " + username + ", the second administrator.");
        }
        return typed(terminal.readPassword("Password for " + username + " (second administrator): "));
    }

    /** A new password for {@code username}: from the variable, else typed twice and the same both times. */
    char[] newPassword(String username) {
        return newSecret("New password for " + username + ": ", "Type the new password again: ",
                "the new password of " + username, "The two passwords typed differ; nothing was changed.");
    }

    /**
     * The passphrase a patient chooses at the desk for the account being registered, which has no
     * username yet (its MRN is drawn when it is stored): from the variable, else typed twice.
     */
    char[] newPatientPassphrase() {
        return newSecret("The patient's new passphrase: ", "Type the passphrase again: ",
                "the patient's new passphrase", "The two passphrases typed differ; nothing was registered.");
    }

    private char[] newSecret(String prompt, String again, String what, String differ) {
        String fromEnvironment = variables.get(NEW_PASSWORD_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment.toCharArray();
        }
        if (terminal == null) {
            throw new InvalidInputException("Set " + NEW_PASSWORD_VARIABLE + " or run in a terminal to type " + what + ".");
        }
        char[] first = typed(terminal.readPassword(prompt));
        char[] second = terminal.readPassword(again);
        try {
            if (!PasswordRules.same(first, second)) {
                Arrays.fill(first, '\0');
                throw new InvalidInputException(differ);
            }
            return first;
        } finally {
            if (second != null) {
                Arrays.fill(second, '\0');
            }
        }
    }

    private static char[] typed(char[] password) {
        if (password == null) {
            throw new InvalidInputException("No password was typed.");
        }
        return password;
    }
}
