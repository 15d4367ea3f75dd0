package org.clinicledger.domain;

/**
 * What the directory says about a person: their name and, for a doctor, specialty and licence
 * number. Each may be null. This is personal data: it is stored only encrypted with the clinic's
 * directory key and never logged.
 */
public record AccountDetails(String name, String specialty, String licence) {

    /** Longest value accepted for any field. */
    public static final int MAX_LENGTH = 200;

    public static final AccountDetails NONE = new AccountDetails(null, null, null);

    /** Trims each field, folds inner white space, turns blanks into null and refuses what cannot be printed. */
    public AccountDetails {
        name = clean(name, "name");
        specialty = clean(specialty, "specialty");
        licence = clean(licence, "licence number");
    }

    public boolean isEmpty() {
        return name == null && specialty == null && licence == null;
    }

    private static String clean(String raw, String what) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.strip().replaceAll("\\s+", " ");
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("The " + what + " contains characters that cannot be printed.");
        }
        if (value.codePointCount(0, value.length()) > MAX_LENGTH) {
            throw new InvalidInputException("The " + what + " is too long: at most " + MAX_LENGTH + " characters.");
        }
        return value;
    }

    /** Shows which fields are present, never their values, so that logging a record leaks nothing. */
    @Override
    public String toString() {
        return "AccountDetails[name " + (name == null ? "absent" : "present") + ", specialty "
                + (specialty == null ? "absent" : "present") + ", licence " + (licence == null ? "absent" : "present") + "]";
    }
}
