package org.clinicledger.domain;

import java.util.Objects;

/**
 * Two patients who look like one person registered twice: the same date of birth and names that
 * match once case, accents, spaces and punctuation are set aside, or hold the same words in another
 * order, or differ by a slip of the keyboard (decision 0033). For the desk to check and merge, or
 * leave. Personal data, held in memory only: {@link #toString()} shows the MRNs alone.
 *
 * @param likeness how the names match, in words for the desk ("same name", "names in another order",
 *     "similar name")
 */
public record DuplicatePair(PatientSummary first, PatientSummary second, String likeness) {

    public DuplicatePair {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        Objects.requireNonNull(likeness, "likeness");
    }

    @Override
    public String toString() {
        return "DuplicatePair[" + first.mrn() + ", " + second.mrn() + "]";
    }
}
