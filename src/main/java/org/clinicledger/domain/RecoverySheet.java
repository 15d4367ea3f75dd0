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
    public static final String INSTRUCTION = "Write this down or print it, check every group, and keep it in the "
            + "clinic's safe, not beside the computer: it is shown only this once. With one administrator, it opens a "
            + "patient's records in an emergency (each opening is written on the patient's chain) and recovers "
            + "forgotten passwords; it is how the clinic gets its records back when its administrators are gone. "
            + "Whoever holds it and a copy of the data folder can read every record: guard it like the records.";

    /** Never the words. */
    @Override
    public String toString() {
        return "RecoverySheet[" + clinicName + ", " + fingerprint + "]";
    }
}
