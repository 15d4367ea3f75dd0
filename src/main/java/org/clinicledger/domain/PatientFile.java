package org.clinicledger.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the desk sees of one patient: today's demographics and each correction made to them, oldest
 * first, with the version it replaced (the patient's chain keeps every earlier version sealed).
 * Personal data, held in memory only: {@link #toString()} shows the MRN alone.
 */
public record PatientFile(MedicalRecordNumber mrn, PatientDetails details, List<Correction> corrections) {

    /**
     * One correction: when, by whom (a member of staff's username), and the version it replaced.
     */
    public record Correction(Instant at, String by, PatientDetails replaced) {

        public Correction {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(replaced, "replaced");
        }

        @Override
        public String toString() {
            return "Correction[" + at + " by " + by + "]";
        }
    }

    public PatientFile {
        Objects.requireNonNull(mrn, "mrn");
        Objects.requireNonNull(details, "details");
        corrections = List.copyOf(corrections);
    }

    @Override
    public String toString() {
        return "PatientFile[" + mrn + ", " + corrections.size() + " corrections]";
    }
}
