package org.clinicledger.domain;

import java.util.Objects;

/**
 * The patient's copy of one record version: the canonical record document, byte for byte, whose
 * SHA-256 is the record hash on the chain and on the receipt. It holds the record's content, so
 * it is written only where the person who asked for it chooses.
 */
public record PatientCopy(String recordId, int version, String recordHash, byte[] bytes) {

    public PatientCopy {
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(recordHash, "recordHash");
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** A file name that says what the file is: {@code record-<id>-v<version>.json}. */
    public String suggestedFileName() {
        return "record-" + recordId + "-v" + version + ".json";
    }

    @Override
    public String toString() {
        return "PatientCopy[" + recordId + " v" + version + "]";
    }
}
