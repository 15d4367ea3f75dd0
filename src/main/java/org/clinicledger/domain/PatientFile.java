package org.clinicledger.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the desk sees of one patient: today's demographics and each correction made to them, oldest
 * first, with the version it replaced (the patient's chain keeps every earlier version sealed).
 * If they were merged into another patient, that patient ({@code mergedInto}); the patients merged
 * into them, who were the same person registered again ({@code alsoRecordedAs}).
 * Personal data, held in memory only: {@link #toString()} shows the MRN alone.
 */
public record PatientFile(MedicalRecordNumber mrn, PatientDetails details, List<Correction> corrections,
        Optional<PatientSummary> mergedInto, List<PatientSummary> alsoRecordedAs) {

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
        Objects.requireNonNull(mergedInto, "mergedInto");
        alsoRecordedAs = List.copyOf(alsoRecordedAs);
    }

    /** A patient neither merged into another nor merged with any (decision 0033). */
    public PatientFile(MedicalRecordNumber mrn, PatientDetails details, List<Correction> corrections) {
        this(mrn, details, corrections, Optional.empty(), List.of());
    }

    @Override
    public String toString() {
        return "PatientFile[" + mrn + ", " + corrections.size() + " corrections]";
    }
}
