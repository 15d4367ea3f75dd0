package org.clinicledger.domain;

import java.util.Locale;
import java.util.Set;

/** The paper a receipt is laid out for. */
public enum PaperSize {
    A4,
    LETTER;

    /** Where US Letter is the usual paper (CLDR's territories with the US paper size). */
    private static final Set<String> LETTER_COUNTRIES = Set.of("US", "CA", "MX", "PH", "PR", "CL", "CO", "VE",
            "CR", "GT", "NI", "PA", "SV", "BZ");

    /** Letter in the countries that use it, A4 everywhere else and when the country is not known. */
    public static PaperSize forLocale(Locale locale) {
        return LETTER_COUNTRIES.contains(locale.getCountry()) ? LETTER : A4;
    }

    /** The paper this computer's locale suggests. */
    public static PaperSize forThisComputer() {
        return forLocale(Locale.getDefault(Locale.Category.FORMAT));
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
