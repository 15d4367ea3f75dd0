package org.clinicledger.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One record of a patient as a list shows it, read without decrypting anything: ids, author and
 * times only. Opening the record (and logging that it was read) is a separate step.
 *
 * @param patient the patient's MRN digits
 * @param author the username of the doctor who wrote the first version
 * @param latestAuthor the username of the doctor who wrote the latest version
 * @param createdAt when the first version was written
 * @param updatedAt when the latest version was written
 * @param deleted whether the record was deleted (its content destroyed)
 */
public record RecordSummary(RecordId recordId, int latestVersion, String patient, String author, String latestAuthor,
        Instant createdAt, Instant updatedAt, boolean deleted) {

    public RecordSummary {
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(latestAuthor, "latestAuthor");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
