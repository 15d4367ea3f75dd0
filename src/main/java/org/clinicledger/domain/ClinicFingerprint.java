package org.clinicledger.domain;

import java.util.Locale;
import java.util.Objects;

/**
 * The clinic's identity: a digest of its clinic key's public half, 32 base32 characters, shown in
 * groups of four so that it can be read aloud and compared by eye ({@code ABCD-EFGH-…}). Whoever
 * knows it can tell this clinic's ledger, receipts and export files from any made under another key.
 */
public record ClinicFingerprint(String value) {

    /** Characters of a fingerprint: 160 bits in base32. */
    public static final int LENGTH = 32;
    private static final int GROUP = 4;

    public ClinicFingerprint {
        Objects.requireNonNull(value, "value");
        if (value.length() != LENGTH || !value.chars().allMatch(ClinicFingerprint::isBase32)) {
            throw new IllegalArgumentException("Not a clinic fingerprint: " + value);
        }
    }

    /**
     * A fingerprint as someone typed it: case, spaces and dashes do not matter.
     *
     * @throws InvalidInputException when it is not 32 characters of A–Z and 2–7
     */
    public static ClinicFingerprint parse(String typed) {
        String compact = typed == null ? "" : typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (compact.length() != LENGTH || !compact.chars().allMatch(ClinicFingerprint::isBase32)) {
            throw new InvalidInputException("A clinic fingerprint is " + LENGTH
                    + " letters A\u2013Z and digits 2\u20137, usually written in groups of four such as "
                    + "ABCD-EFGH-\u2026; what was given is not one.");
        }
        return new ClinicFingerprint(compact);
    }

    /** Groups of four, joined by dashes: how the fingerprint is shown and printed. */
    public String grouped() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < LENGTH; i += GROUP) {
            if (i > 0) {
                out.append('-');
            }
            out.append(value, i, i + GROUP);
        }
        return out.toString();
    }

    private static boolean isBase32(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7');
    }

    @Override
    public String toString() {
        return grouped();
    }
}
