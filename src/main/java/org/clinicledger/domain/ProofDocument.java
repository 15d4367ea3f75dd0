package org.clinicledger.domain;

import java.util.Objects;

/**
 * A proof file's bytes ({@code clinicledger-proof/1}) and the receipt made from the same evidence,
 * which says in printable form what the proof proves.
 */
public record ProofDocument(Receipt receipt, byte[] bytes) {

    public ProofDocument {
        Objects.requireNonNull(receipt, "receipt");
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** A file name that says what the file is: {@code proof-<record>-v<version>.json}. */
    public String suggestedFileName() {
        return "proof-" + receipt.recordId() + "-v" + receipt.version() + ".json";
    }
}
