package org.clinicledger.domain;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One line of a directory search: enough to tell patients apart at the desk. Personal data, held
 * in memory only: {@link #toString()} shows the MRN alone.
 *
 * @param sex null when it was not recorded
 */
public record PatientSummary(MedicalRecordNumber mrn, String name, LocalDate dateOfBirth, Sex sex) {

    public PatientSummary {
        Objects.requireNonNull(mrn, "mrn");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dateOfBirth, "dateOfBirth");
    }

    @Override
    public String toString() {
        return "PatientSummary[" + mrn + "]";
    }
}
