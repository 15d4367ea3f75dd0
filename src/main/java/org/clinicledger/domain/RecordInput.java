package org.clinicledger.domain;

import java.nio.file.Path;
import java.util.List;

/**
 * What a doctor writes for a record version: the diagnosis text (required), an optional ICD-10
 * code, notes (may be empty) and files to attach.
 */
public record RecordInput(String diagnosis, Icd10Code icd10, String notes, List<Path> attachments) {

    /** Longest diagnosis text accepted, in characters. */
    public static final int MAX_DIAGNOSIS = 10_000;
    /** Longest notes accepted, in characters (the record document allows no more). */
    public static final int MAX_NOTES = 100_000;

    public RecordInput {
        notes = notes == null ? "" : notes;
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /**
     * Checks the text fields; the attachments are checked by the service, which reads them.
     *
     * @throws InvalidInputException for an empty or too long diagnosis, or too long notes
     */
    public void check() {
        if (diagnosis == null || diagnosis.isBlank()) {
            throw new InvalidInputException("Enter a diagnosis: it cannot be empty.");
        }
        if (diagnosis.length() > MAX_DIAGNOSIS) {
            throw new InvalidInputException("The diagnosis is too long: at most " + MAX_DIAGNOSIS + " characters.");
        }
        if (notes.length() > MAX_NOTES) {
            throw new InvalidInputException("The notes are too long: at most " + MAX_NOTES + " characters.");
        }
        if (attachments.size() > 100) {
            throw new InvalidInputException("Too many attachments: at most 100 per record version.");
        }
    }
}
