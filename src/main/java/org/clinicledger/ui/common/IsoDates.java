package org.clinicledger.ui.common;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.regex.Pattern;

import org.clinicledger.domain.InvalidInputException;

/**
 * The one way the window reads and writes a day: {@code YYYY-MM-DD}, whatever the computer's locale,
 * as the command line and the rest of the clinic write it. Reading never throws anything but an
 * {@link InvalidInputException} whose sentence says what was typed and what is expected, so a typed
 * date can never end in an unexpected-error dialog.
 */
public final class IsoDates {

    private static final Pattern SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final DateTimeFormatter STRICT = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);
    /** Longest typed text quoted back in a message; anything longer is cut with an ellipsis. */
    private static final int QUOTED = 24;

    private IsoDates() {
    }

    /** "2026-11-20"; empty for null. */
    public static String format(LocalDate date) {
        return date == null ? "" : STRICT.format(date);
    }

    /**
     * Reads {@code typed} as a day; null for blank text (an optional date left empty).
     *
     * @param what the field in words, for the message: "The last day"
     * @throws InvalidInputException for text that is not a day written as YYYY-MM-DD, or a day that does not exist
     */
    public static LocalDate parse(String typed, String what) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        String text = typed.strip();
        if (!SHAPE.matcher(text).matches()) {
            throw new InvalidInputException(Texts.format("common.isoDates.shape", what, example(), quote(text)));
        }
        try {
            return LocalDate.parse(text, STRICT);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(Texts.format("common.isoDates.noSuchDay", text));
        }
    }

    private static String example() {
        return "2026-11-20";
    }

    /** The typed text as it can be shown: control characters dropped, and not too long. */
    private static String quote(String text) {
        StringBuilder shown = new StringBuilder();
        text.codePoints().filter(c -> !Character.isISOControl(c)).limit(QUOTED).forEach(shown::appendCodePoint);
        return text.codePointCount(0, text.length()) > QUOTED ? shown + "…" : shown.toString();
    }
}
