package org.clinicledger.crypto;

import java.util.Base64;
import java.util.Objects;

/**
 * The body of a C2SP {@code tlog-checkpoint} (https://c2sp.org/tlog-checkpoint): the origin line,
 * the tree size in decimal and the RFC 9162 root hash in base64, each ending in a newline. Extension
 * lines may follow in checkpoints written elsewhere; ClinicLedger writes none and reads past them.
 */
public record TlogCheckpoint(String origin, long size, byte[] root) {

    /** Origins are short names; a longer first line is not one. */
    public static final int MAX_ORIGIN = 512;

    public TlogCheckpoint {
        Objects.requireNonNull(origin, "origin");
        if (origin.isEmpty() || origin.length() > MAX_ORIGIN || origin.chars().anyMatch(
                c -> c == '\n' || c == '+' || Character.isISOControl(c) || Character.isWhitespace(c))) {
            throw new IllegalArgumentException("a checkpoint's origin is one line without spaces or '+'");
        }
        if (size < 0) {
            throw new IllegalArgumentException("a checkpoint's size is not negative");
        }
        if (root.length != Sha256.LENGTH) {
            throw new IllegalArgumentException("a checkpoint's root is 32 bytes");
        }
        root = root.clone();
    }

    @Override
    public byte[] root() {
        return root.clone();
    }

    /** The note text: {@code <origin>\n<size>\n<base64 root>\n}. */
    public String text() {
        return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
    }

    /**
     * Reads a checkpoint's note text.
     *
     * @throws IllegalArgumentException when it is not one
     */
    public static TlogCheckpoint parse(String text) {
        String[] lines = text.split("\n", -1);
        if (lines.length < 4 || !lines[lines.length - 1].isEmpty()) {
            throw new IllegalArgumentException("a checkpoint has an origin, a size and a root, each on its line");
        }
        if (!lines[1].matches("0|[1-9][0-9]{0,18}")) {
            throw new IllegalArgumentException("a checkpoint's size is a decimal number without leading zeros");
        }
        long size;
        try {
            size = Long.parseLong(lines[1]);
        } catch (NumberFormatException tooLarge) {
            throw new IllegalArgumentException("a checkpoint's size is too large");
        }
        byte[] root;
        try {
            root = Base64.getDecoder().decode(lines[2]);
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("a checkpoint's root is not base64");
        }
        if (!Base64.getEncoder().encodeToString(root).equals(lines[2])) {
            throw new IllegalArgumentException("a checkpoint's root is not in canonical base64");
        }
        return new TlogCheckpoint(lines[0], size, root);
    }
}
