package org.clinicledger.domain;

import java.time.Instant;
import java.util.Objects;

/** The clinic this data folder belongs to. */
public record ClinicProfile(String name, Instant createdAt) {

    /** Longest clinic name accepted; long enough for any real clinic, short enough for a receipt header. */
    public static final int MAX_NAME_LENGTH = 120;

    public ClinicProfile {
        name = checkName(name);
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /**
     * Returns the name with surrounding white space removed and inner runs of white space folded
     * into one space, or throws with a message for the person who typed it.
     */
    public static String checkName(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidInputException("Enter the clinic's name.");
        }
        String name = raw.strip().replaceAll("\\s+", " ");
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("The clinic's name contains characters that cannot be printed.");
        }
        if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            throw new InvalidInputException(
                    "The clinic's name is too long: at most " + MAX_NAME_LENGTH + " characters.");
        }
        return name;
    }
}
