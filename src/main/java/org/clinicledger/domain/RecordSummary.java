package org.clinicledger.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One record of a patient as a list shows it: ids, author and times from the record rows, and, for
 * a reader the patient's chain lets read the current version, what it diagnoses (read by
 * {@code RecordService#listChart}, which logs the reading). Opening the whole record is a separate step.
 *
 * @param patient the patient's MRN digits
 * @param author the username of the doctor who wrote the first version
 * @param latestAuthor the username of the doctor who wrote the latest version
 * @param createdAt when the first version was written
 * @param updatedAt when the latest version was written
 * @param deleted whether the record was deleted (its content destroyed)
 * @param diagnosis what the current version diagnoses; null when it was not read (a listing that
 *     decrypts nothing, a reader who may not read it, a deleted record)
 */
public record RecordSummary(RecordId recordId, int latestVersion, String patient, String author, String latestAuthor,
        Instant createdAt, Instant updatedAt, boolean deleted, Diagnosis diagnosis) {

    /**
     * The current version's diagnosis as a list shows it: the ICD-10 code (null when the version has
     * none), the diagnosis in words and how many files it carries.
     */
    public record Diagnosis(Icd10Code icd10, String text, int attachments) {
        public Diagnosis {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A summary read without decrypting anything. */
    public RecordSummary(RecordId recordId, int latestVersion, String patient, String author, String latestAuthor,
            Instant createdAt, Instant updatedAt, boolean deleted) {
        this(recordId, latestVersion, patient, author, latestAuthor, createdAt, updatedAt, deleted, null);
    }

    /** The same summary with what its current version diagnoses. */
    public RecordSummary withDiagnosis(Diagnosis read) {
        return new RecordSummary(recordId, latestVersion, patient, author, latestAuthor, createdAt, updatedAt, deleted,
                read);
    }

    public RecordSummary {
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(latestAuthor, "latestAuthor");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
