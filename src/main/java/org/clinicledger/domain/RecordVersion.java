package org.clinicledger.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One version of a patient's record as its author wrote it. An amendment is a new version that
 * names the one it supersedes; versions are never changed in place.
 *
 * @param supersedes the version this one replaces, or 0 for the first version
 * @param icd10 the diagnosis code, or null when the doctor gave only text
 * @param salt random bytes (hex) that make the record's hash unguessable from its content
 */
public record RecordVersion(
        String recordId,
        int version,
        String patient,
        String author,
        Instant createdAt,
        int supersedes,
        Icd10Code icd10,
        String diagnosis,
        String notes,
        List<AttachmentSummary> attachments,
        String salt) {

    /** The record's id as a type; the document was checked when it was decoded or made. */
    public RecordId id() {
        return new RecordId(recordId);
    }

    public RecordVersion {
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(diagnosis, "diagnosis");
        Objects.requireNonNull(notes, "notes");
        Objects.requireNonNull(salt, "salt");
        attachments = List.copyOf(attachments);
        if (version < 1 || supersedes < 0 || supersedes >= version) {
            throw new IllegalArgumentException("Version " + version + " cannot supersede " + supersedes);
        }
    }
}
