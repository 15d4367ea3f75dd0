package org.clinicledger.domain;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ICD-10 code, checked for form only (whether the code exists depends on the edition a clinic
 * uses): a letter, two characters of which the first is a digit, then optionally a dot and up to
 * four more (WHO ICD-10 and the longer national modifications such as ICD-10-CM). Kept in upper
 * case with the dot, e.g. {@code J45.909}.
 */
public record Icd10Code(String value) {

    private static final Pattern FORM = Pattern.compile("([A-Z][0-9][0-9A-Z])(?:\\.?([0-9A-Z]{1,4}))?");

    public Icd10Code {
        if (value == null || !FORM.matcher(value).matches() || (value.length() > 3 && value.charAt(3) != '.')) {
            throw new InvalidInputException("'" + value + "' is not an ICD-10 code.");
        }
    }

    /** Accepts what people type: lower case, surrounding spaces, the dot left out. */
    public static Icd10Code parse(String typed) {
        String text = typed == null ? "" : typed.strip().toUpperCase(Locale.ROOT);
        Matcher matcher = FORM.matcher(text);
        if (text.length() > 12 || !matcher.matches()) {
            throw new InvalidInputException("'" + (typed == null ? "" : typed.strip())
                    + "' is not an ICD-10 code: a letter, two digits or a digit and a letter, then optionally"
                    + " a dot and up to four more, such as J45 or E11.9.");
        }
        return new Icd10Code(matcher.group(2) == null ? matcher.group(1) : matcher.group(1) + "." + matcher.group(2));
    }

    @Override
    public String toString() {
        return value;
    }
}
