package org.clinicledger.domain;

import java.util.Objects;

/**
 * One patient in the desk's directory, and whether another patient has the same name (as search
 * compares names) and date of birth: a possible duplicate for the desk to check. Personal data, held
 * in memory only: {@link #toString()} shows the MRN alone.
 */
public record DirectoryMatch(PatientSummary patient, boolean possibleDuplicate) {

    public DirectoryMatch {
        Objects.requireNonNull(patient, "patient");
    }

    @Override
    public String toString() {
        return "DirectoryMatch[" + patient.mrn() + (possibleDuplicate ? ", possible duplicate" : "") + "]";
    }
}
