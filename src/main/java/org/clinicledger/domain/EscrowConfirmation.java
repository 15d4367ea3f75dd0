package org.clinicledger.domain;

import java.util.Arrays;
import java.util.Objects;

/**
 * The second holder who confirms an opening of the clinic's escrow key (an emergency access,
 * adding an administrator): the escrow key exists only split between administrators, two of them
 * needed, or whole on the clinic's printed recovery sheet. Either another administrator, with
 * their username and password, or the recovery sheet's words as typed.
 */
public sealed interface EscrowConfirmation {

    /**
     * Another administrator, signed in by their password for this one use.
     *
     * @param password the caller still owns and wipes it, see {@link #wipe()}
     */
    record SecondAdministrator(String username, char[] password) implements EscrowConfirmation {
        public SecondAdministrator {
            Objects.requireNonNull(password, "password");
        }

        @Override
        public void wipe() {
            Arrays.fill(password, '\0');
        }

        /** Never the password. */
        @Override
        public String toString() {
            return "SecondAdministrator[" + username + "]";
        }
    }

    /** The recovery sheet's words as someone typed them: case, spaces and dashes do not matter. */
    record RecoverySheetWords(String words) implements EscrowConfirmation {
        public RecoverySheetWords {
            Objects.requireNonNull(words, "words");
        }

        @Override
        public void wipe() {
            // A String cannot be wiped; the caller drops it.
        }

        /** Never the words. */
        @Override
        public String toString() {
            return "RecoverySheetWords[…]";
        }
    }

    /** Overwrites the password, if it carries one. */
    void wipe();
}
