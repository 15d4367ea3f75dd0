package org.clinicledger.domain;

import java.util.Objects;

/**
 * What the clinic's recovery sheet shows, once, at set-up: the clinic's name and fingerprint (so
 * the sheet is not mistaken for another clinic's) and the words that hold the whole escrow private
 * key with a checksum, in groups of four. The sheet counts as two holders of the escrow key: it is
 * the way back when administrators are gone, and belongs in the clinic's safe, never on a computer.
 */
public record RecoverySheet(String clinicName, ClinicFingerprint fingerprint, String words) {

    public RecoverySheet {
        Objects.requireNonNull(clinicName, "clinicName");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(words, "words");
    }

    /** What the sheet says about itself, printed above the words. */
    public static final String INSTRUCTION = "Write this down or print it, and keep it in the clinic's safe. "
            + "It is shown only this once. With one administrator's password it opens every patient's records "
            + "(each opening shows on the patient's chain); without it, when administrators are gone, nobody can.";

    /** Never the words. */
    @Override
    public String toString() {
        return "RecoverySheet[" + clinicName + ", " + fingerprint + "]";
    }
}
