package org.clinicledger.domain;

import java.util.UUID;

/**
 * The id of a record, the same for all its versions: a random UUID when it is written, parsed once
 * where it comes in (a command's argument, a table row) and carried as this type from there on.
 */
public record RecordId(String value) {

    /** The longest id accepted: a UUID is 36 characters, room is left for ids of other origins. */
    public static final int MAX_LENGTH = 64;

    public RecordId {
        if (value == null || value.isBlank() || value.length() > MAX_LENGTH
                || !value.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new InvalidInputException("Give the id of a record: letters, digits and dashes, such as the one "
                    + "\u201crecord add\u201d printed.");
        }
    }

    /** The id someone typed or pasted, without the spaces around it. */
    public static RecordId parse(String typed) {
        return new RecordId(typed == null ? null : typed.strip());
    }

    /** A fresh id for a new record. */
    public static RecordId random() {
        return new RecordId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
