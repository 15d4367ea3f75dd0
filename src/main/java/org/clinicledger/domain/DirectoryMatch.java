package org.clinicledger.domain;

import java.util.Objects;

/**
 * One patient in the desk's directory, whether they look like another patient (a possible duplicate
 * for the desk to check, see {@link DuplicatePair}), and the patient they were merged into, if they
 * were (null otherwise). Personal data, held in memory only: {@link #toString()} shows the MRN alone.
 */
public record DirectoryMatch(PatientSummary patient, boolean possibleDuplicate, MedicalRecordNumber mergedInto) {

    public DirectoryMatch {
        Objects.requireNonNull(patient, "patient");
    }

    /** A patient who was not merged into another. */
    public DirectoryMatch(PatientSummary patient, boolean possibleDuplicate) {
        this(patient, possibleDuplicate, null);
    }

    /** Whether the patient was merged into another: they take no new records, grants or referrals. */
    public boolean merged() {
        return mergedInto != null;
    }

    @Override
    public String toString() {
        return "DirectoryMatch[" + patient.mrn() + (possibleDuplicate ? ", possible duplicate" : "")
                + (mergedInto == null ? "" : ", merged into " + mergedInto) + "]";
    }
}
