package org.clinicledger.domain;

import java.util.Locale;

/**
 * The patient's sex as recorded at registration (the values of FHIR's administrative gender, so
 * that an export maps one to one). Codes are stored inside sealed demographics: never rename one.
 */
public enum Sex {
    FEMALE("female"),
    MALE("male"),
    OTHER("other"),
    UNKNOWN("unknown");

    private final String code;

    Sex(String code) {
        this.code = code;
    }

    /** The stable name stored in the sealed demographics and printed by the commands. */
    public String code() {
        return code;
    }

    /**
     * The sex a person typed or a file named, in any letter case.
     *
     * @throws InvalidInputException naming the values there are
     */
    public static Sex fromCode(String code) {
        String wanted = code == null ? "" : code.strip().toLowerCase(Locale.ROOT);
        for (Sex sex : values()) {
            if (sex.code.equals(wanted)) {
                return sex;
            }
        }
        throw new InvalidInputException("'" + code + "' is not a sex the clinic records: choose female, male, "
                + "other or unknown, or leave it out.");
    }
}
