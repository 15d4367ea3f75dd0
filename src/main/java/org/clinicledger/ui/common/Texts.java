package org.clinicledger.ui.common;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.Format;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The words of the window, from one resource bundle ({@code org/clinicledger/ui/messages.properties},
 * UTF-8): every label, button, menu, column title, prompt, tooltip, dialog title and message the
 * {@code ui} package builds, keyed by view ({@code signin.title}, {@code ledger.verify} …), so that
 * the wording can be read, reviewed and one day translated in one place (decision 0031).
 *
 * <p>{@link #get} returns a text as written; {@link #format} reads it as a {@link MessageFormat}
 * pattern, where {@code {0}} is an argument and a plain apostrophe must be written twice. Texts
 * without arguments are never passed through {@code MessageFormat}, so they keep their apostrophes
 * as typed. {@code TextsTest} keeps code and bundle in step.
 */
public final class Texts {

    /** The bundle's base name. */
    public static final String BUNDLE = "org.clinicledger.ui.messages";

    private static final ResourceBundle TEXTS = ResourceBundle.getBundle(BUNDLE, Locale.ROOT,
            Texts.class.getClassLoader());

    private Texts() {
    }

    /** The text under {@code key}, as written in the bundle. */
    public static String get(String key) {
        return TEXTS.getString(key);
    }

    /** The pattern under {@code key} with {@code arguments} put in its places ({@code {0}}, {@code {1}} …). */
    public static String format(String key, Object... arguments) {
        MessageFormat pattern = new MessageFormat(TEXTS.getString(key), Locale.ROOT);
        Format[] given = pattern.getFormatsByArgumentIndex();
        for (int index = 0; index < given.length && index < arguments.length; index++) {
            if (given[index] == null && isWhole(arguments[index])) {
                pattern.setFormatByArgumentIndex(index, new DecimalFormat("0", DecimalFormatSymbols.getInstance(Locale.ROOT)));
            }
        }
        return pattern.format(arguments);
    }

    /** Counts, heights and versions are written as digits alone ("12345"), as everywhere else in the window. */
    private static boolean isWhole(Object argument) {
        return argument instanceof Integer || argument instanceof Long || argument instanceof Short
                || argument instanceof Byte;
    }
}
