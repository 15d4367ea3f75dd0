package org.clinicledger.cli;

/**
 * Text read from a data folder or a file, made safe to print on a terminal: control characters
 * (C0, DEL, C1) and the Unicode controls that reorder what is shown (bidirectional overrides and
 * isolates) are printed as {@code \\uXXXX}, so that nothing stored can move the cursor, change
 * colours or disguise what a line says.
 */
final class TerminalText {

    private TerminalText() {
    }

    static String escape(Object value) {
        String text = String.valueOf(value);
        StringBuilder safe = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean escaped = isControl(c);
            if (escaped && safe == null) {
                safe = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (safe != null) {
                if (escaped) {
                    safe.append(String.format("\\u%04x", (int) c));
                } else {
                    safe.append(c);
                }
            }
        }
        return safe == null ? text : safe.toString();
    }

    /** C0, DEL and C1 controls, and the invisible marks and overrides that change the direction of text. */
    private static boolean isControl(char c) {
        return Character.isISOControl(c) || c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069
                || c == 0x200E || c == 0x200F || c == 0x061C;
    }
}
