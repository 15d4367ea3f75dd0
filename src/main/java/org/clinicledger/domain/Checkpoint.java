package org.clinicledger.domain;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A chain's signed head as it leaves the machine: a C2SP {@code tlog-checkpoint} (origin, size and
 * the RFC 9162 Merkle root of the chain's first {@code size} blocks) and the whole C2SP
 * {@code signed-note} that carries it, exactly as signed.
 *
 * @param origin the log's name: {@code clinicledger/<clinic fingerprint>/<chain id>}
 * @param size how many blocks the root covers
 * @param root the 32-byte Merkle root
 * @param signedNote the note text followed by a blank line and its signature lines
 */
public record Checkpoint(String origin, long size, byte[] root, String signedNote) {

    public Checkpoint {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(signedNote, "signedNote");
        if (size < 1) {
            throw new IllegalArgumentException("A checkpoint covers at least one block");
        }
        root = root.clone();
    }

    /** The root in standard base64, as the checkpoint's third line writes it. */
    public String rootBase64() {
        return Base64.getEncoder().encodeToString(root);
    }

    @Override
    public byte[] root() {
        return root.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Checkpoint that && origin.equals(that.origin) && size == that.size
                && MessageDigest.isEqual(root, that.root) && signedNote.equals(that.signedNote);
    }

    @Override
    public int hashCode() {
        return Objects.hash(origin, size, Arrays.hashCode(root), signedNote);
    }

    @Override
    public String toString() {
        return "Checkpoint[" + origin + ", " + size + "]";
    }
}
