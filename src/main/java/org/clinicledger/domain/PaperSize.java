package org.clinicledger.domain;

import java.util.Locale;
import java.util.Set;

/** The paper a receipt is laid out for. */
public enum PaperSize {
    A4,
    LETTER;

    private static final Set<String> LETTER_COUNTRIES = Set.of("US", "CA", "MX", "PH", "CL", "CO", "VE", "GT",
            "PR", "CR", "SV", "NI", "PA", "DO");

    /** Letter where it is the usual paper (the Americas, the Philippines), A4 everywhere else. */
    public static PaperSize forLocale(Locale locale) {
        return LETTER_COUNTRIES.contains(locale.getCountry()) ? LETTER : A4;
    }

    /**
     * A paper size as typed: "a4" or "letter", in any case.
     *
     * @throws InvalidInputException for anything else
     */
    public static PaperSize parse(String typed) {
        String value = typed == null ? "" : typed.strip().toUpperCase(Locale.ROOT);
        for (PaperSize size : values()) {
            if (size.name().equals(value)) {
                return size;
            }
        }
        throw new InvalidInputException("The paper size is A4 or Letter.");
    }
}
