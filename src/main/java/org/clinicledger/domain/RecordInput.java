package org.clinicledger.domain;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What a doctor writes for a record version: the diagnosis text (required), an optional ICD-10
 * code, notes (may be empty) and files to attach. An amendment carries the attachments of the
 * version it supersedes over unless their indexes (from 0, as the record shows them) are in
 * {@code droppedAttachments}; the files to attach come after the ones carried over.
 */
public record RecordInput(String diagnosis, Icd10Code icd10, String notes, List<Path> attachments,
        Set<Integer> droppedAttachments) {

    /** Longest diagnosis text accepted, in characters. */
    public static final int MAX_DIAGNOSIS = 10_000;
    /** Longest notes accepted, in characters (the record document allows no more). */
    public static final int MAX_NOTES = 100_000;
    /** Most attachments of one version, carried over and new together. */
    public static final int MAX_ATTACHMENTS = 100;

    public RecordInput {
        notes = notes == null ? "" : notes;
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        droppedAttachments = droppedAttachments == null ? Set.of() : Set.copyOf(droppedAttachments);
    }

    /** A version that drops none of the earlier version's attachments (and a new record, which has none). */
    public RecordInput(String diagnosis, Icd10Code icd10, String notes, List<Path> attachments) {
        this(diagnosis, icd10, notes, attachments, Set.of());
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
        if (attachments.size() > MAX_ATTACHMENTS) {
            throw new InvalidInputException("Too many attachments: at most " + MAX_ATTACHMENTS
                    + " per record version.");
        }
        if (droppedAttachments.stream().anyMatch(index -> index < 0)) {
            throw new InvalidInputException("An attachment to drop is numbered from 0, as the record shows it.");
        }
    }
}
