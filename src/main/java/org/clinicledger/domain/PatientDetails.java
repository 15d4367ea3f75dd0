package org.clinicledger.domain;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the desk records about a patient at registration: name and date of birth (required), sex and
 * a way to contact them (optional, null when not given). This is personal data: it is stored only
 * sealed with the clinic's directory key, and {@link #toString()} never shows it.
 */
public record PatientDetails(String name, LocalDate dateOfBirth, Sex sex, String contact) {

    /** Longest name or contact accepted, in characters. */
    public static final int MAX_LENGTH = 200;

    /** No one alive was born earlier; an earlier date is a typing mistake in the year. */
    public static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);

    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final DateTimeFormatter STRICT_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);

    /** Trims and folds white space in the texts, turns a blank contact into null, and refuses what cannot be kept. */
    public PatientDetails {
        name = clean(name, "name");
        if (name == null) {
            throw new InvalidInputException("Enter the patient's name.");
        }
        contact = clean(contact, "contact");
        if (dateOfBirth == null) {
            throw new InvalidInputException("Enter the patient's date of birth.");
        }
        if (dateOfBirth.isBefore(EARLIEST_BIRTH)) {
            throw new InvalidInputException("The date of birth " + dateOfBirth + " is before " + EARLIEST_BIRTH
                    + ": check the year.");
        }
    }

    /**
     * Refuses a date of birth after {@code latestToday}. The caller passes the latest date it is
     * anywhere on Earth, so that a baby born today is never refused because of the time zone.
     */
    public PatientDetails requireBornBy(LocalDate latestToday) {
        Objects.requireNonNull(latestToday, "latestToday");
        if (dateOfBirth.isAfter(latestToday)) {
            throw new InvalidInputException("The date of birth " + dateOfBirth + " is in the future.");
        }
        return this;
    }

    /**
     * Reads a date of birth as people and scripts write it for this clinic: {@code YYYY-MM-DD}.
     *
     * @throws InvalidInputException with a message that says what was wrong and what is expected
     */
    public static LocalDate parseDateOfBirth(String typed) {
        if (typed == null || typed.isBlank()) {
            throw new InvalidInputException("Enter the patient's date of birth as YYYY-MM-DD, such as 1984-03-07.");
        }
        String text = typed.strip();
        if (!ISO_DATE.matcher(text).matches()) {
            throw new InvalidInputException("'" + printable(text) + "' is not a date of birth: write it as YYYY-MM-DD, "
                    + "such as 1984-03-07.");
        }
        try {
            return LocalDate.parse(text, STRICT_DATE);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("'" + text + "' is not a date that exists: check the month and the day.");
        }
    }

    private static String clean(String raw, String what) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.strip().replaceAll("\\s+", " ");
        // Control characters would break printed receipts and terminals; a lone surrogate is not text at all.
        if (value.codePoints().anyMatch(c -> Character.isISOControl(c)
                || (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE))) {
            throw new InvalidInputException("The patient's " + what + " contains characters that cannot be printed.");
        }
        if (value.codePointCount(0, value.length()) > MAX_LENGTH) {
            throw new InvalidInputException("The patient's " + what + " is too long: at most " + MAX_LENGTH
                    + " characters.");
        }
        return value;
    }

    /** Only the first few characters of what was typed, and only the printable ones, for an error message. */
    private static String printable(String text) {
        String shown = text.codePoints().limit(20).filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return text.codePointCount(0, text.length()) > 20 ? shown + "…" : shown;
    }

    /** Shows which optional fields are present, never any value, so that logging a record leaks nothing. */
    @Override
    public String toString() {
        return "PatientDetails[sex " + (sex == null ? "absent" : "present") + ", contact "
                + (contact == null ? "absent" : "present") + "]";
    }
}
