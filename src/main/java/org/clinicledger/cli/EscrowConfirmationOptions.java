package org.clinicledger.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.clinicledger.domain.EscrowConfirmation;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.Username;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * The second holder of the escrow key, for {@code emergency} and adding an administrator: another
 * administrator ({@code --confirm-by USER}, whose password is read like other passwords, never an
 * argument) or the recovery sheet ({@code --recovery-sheet -}, its words on standard input).
 */
final class EscrowConfirmationOptions {

    /** More than this on standard input is not a recovery sheet. */
    static final int MAX_SHEET_BYTES = 4096;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Choice choice;

    static final class Choice {
        @Option(names = "--confirm-by", paramLabel = "ADMIN",
                description = "A second administrator confirms; their password comes from $CLINICLEDGER_SECOND_PASSWORD, "
                        + "else it is asked for.")
        String confirmBy;

        @Option(names = "--recovery-sheet", paramLabel = "-",
                description = "The clinic's recovery sheet confirms: its words are read from standard input.")
        String recoverySheet;
    }

    /** What was given, or null when neither option was; a password in it is the caller's to wipe. */
    EscrowConfirmation read(CommandEnvironment environment) {
        if (choice == null) {
            return null;
        }
        if (choice.confirmBy != null) {
            String second = Username.normalize(choice.confirmBy);
            return new EscrowConfirmation.SecondAdministrator(second,
                    new PasswordReader(environment).secondPassword(second));
        }
        if (!"-".equals(choice.recoverySheet)) {
            throw new InvalidInputException("Give --recovery-sheet - and type the sheet's words on standard input; "
                    + "they never go on the command line.");
        }
        return new EscrowConfirmation.RecoverySheetWords(readSheet(environment.standardInput()));
    }

    private static String readSheet(InputStream input) {
        try {
            byte[] bytes = input.readNBytes(MAX_SHEET_BYTES + 1);
            if (bytes.length > MAX_SHEET_BYTES) {
                throw new InvalidInputException("Standard input holds far more than a recovery sheet's words.");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the recovery sheet's words from standard input", e);
        }
    }

    /** Refuses a reason and the sheet's words both on standard input, before either is read. */
    void refuseSharedStandardInput(ReasonOptions reasons) {
        if (choice != null && "-".equals(choice.recoverySheet) && reasons.file != null
                && "-".equals(reasons.file.toString())) {
            throw new InvalidInputException("The reason and the recovery sheet's words cannot both come from standard "
                    + "input: give the reason in a file (--reason-file FILE).");
        }
    }

    /** The refusal when a command needs a second holder and got none. */
    static InvalidInputException missing(String what) {
        return new InvalidInputException(what + " needs a second holder of the clinic's escrow key: give "
                + "--confirm-by ADMIN (another administrator) or --recovery-sheet - (the sheet's words on standard input).");
    }
}
