package org.clinicledger.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * What a printed receipt for one record version says: whose record it is (by MRN, never by name),
 * which version, who wrote it and when, the record hash (the SHA-256 of the patient's copy), the
 * hash of the block on the patient's chain that names it, and the chain's signed checkpoint that
 * covers that block. Nothing of the record's content.
 *
 * @param leafIndex the block's index in its chain (its height), which the checkpoint covers
 */
public record Receipt(String clinicName, ClinicFingerprint clinic, String patientMrn, String recordId, int version,
        Instant recordedAt, String doctor, String recordHash, String blockHash, long leafIndex,
        Checkpoint checkpoint) {

    public Receipt {
        Objects.requireNonNull(clinicName, "clinicName");
        Objects.requireNonNull(clinic, "clinic");
        Objects.requireNonNull(patientMrn, "patientMrn");
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(doctor, "doctor");
        Objects.requireNonNull(recordHash, "recordHash");
        Objects.requireNonNull(blockHash, "blockHash");
        Objects.requireNonNull(checkpoint, "checkpoint");
        if (leafIndex < 0 || leafIndex >= checkpoint.size()) {
            throw new IllegalArgumentException("The checkpoint does not cover the block");
        }
    }
}
