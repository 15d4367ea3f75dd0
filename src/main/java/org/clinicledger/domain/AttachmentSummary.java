package org.clinicledger.domain;

import java.util.Objects;

/**
 * What a record version says about one attachment: its name and type as the doctor gave them, its
 * size and the SHA-256 of its plaintext (lower-case hex). The bytes themselves live encrypted in the vault.
 */
public record AttachmentSummary(String name, String mediaType, long size, String sha256) {

    public AttachmentSummary {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(sha256, "sha256");
        if (size < 0) {
            throw new IllegalArgumentException("Negative size");
        }
    }
}
