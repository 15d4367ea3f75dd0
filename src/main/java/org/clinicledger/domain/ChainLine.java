package org.clinicledger.domain;

import java.util.Objects;

/**
 * One block of a person's own chain as the paper's table reads it: the block, the other party and
 * who signed it by name, and the uploaded EHR it names with its diagnosis. Names and diagnoses are
 * only what the reader may read: a name they may not know is null (shown by its id), a diagnosis
 * the patient's chain does not let them read now is null.
 *
 * @param counterpartName the other party's name, or null when there is none or the reader may not know it
 * @param actorName the name of whoever signed the block, or null
 * @param confirmerName for an emergency access, the confirming administrator's name, or null
 * @param record the record the block names, or null when it names none (or the record rows do not hold it)
 */
public record ChainLine(ChainEntry entry, String counterpartName, String actorName, String confirmerName,
        Ehr record) {

    public ChainLine {
        Objects.requireNonNull(entry, "entry");
    }

    /** A line with nothing but the block: no names, no record. */
    public static ChainLine of(ChainEntry entry) {
        return new ChainLine(entry, null, null, null, null);
    }

    /**
     * The uploaded EHR a block names: whose record, which of theirs, which version, and what it
     * diagnoses when the reader may read that version now.
     *
     * @param patient the patient's MRN digits
     * @param patientName the patient's name, or null when the reader may not know it
     * @param number the record's place among the patient's records, oldest first, from 1
     * @param version the version the block names, or 0 (a deletion names the whole record)
     * @param attachment the attachment a read names, or null
     * @param deleted whether the record was deleted (its content destroyed)
     * @param diagnosis what the version diagnoses, or null when it was not read
     * @param icd10Title the title of the diagnosis's ICD-10 code, or null when it has none or the list does not know it
     */
    public record Ehr(String patient, String patientName, int number, int version, Integer attachment,
            boolean deleted, RecordSummary.Diagnosis diagnosis, String icd10Title) {
        public Ehr {
            Objects.requireNonNull(patient, "patient");
        }
    }
}
