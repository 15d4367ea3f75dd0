package org.clinicledger.exchange;

import java.util.Base64;
import java.util.Objects;

import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.Receipt;

/**
 * The compact text a receipt's QR code carries ({@code docs/formats/receipt-qr.md}): a format line,
 * the record hash, the block hash and the chain's signed checkpoint note byte for byte, lines ending
 * in LF. A scanned code comes from paper a patient brought and may come from anywhere, so reading
 * one is strict and bounded: anything that is not exactly this shape is refused in plain words. The
 * note's signatures are not checked here; this only makes sure that what is handed on has the shape
 * of a C2SP signed note, so that the checker sees the bytes the clinic signed and nothing more.
 */
public final class ReceiptCode {

    /** The first line; a later, incompatible layout gets a new number. */
    public static final String FORMAT = "clinicledger-receipt/1";
    /** Far above a checkpoint with a handful of cosignatures, far below what a QR code can hold. */
    public static final int MAX_NOTE_BYTES = 4 * 1024;
    public static final int MAX_TEXT_BYTES = 6 * 1024;

    private static final String NOT_A_CODE = "This is not a ClinicLedger receipt code: ";
    private static final String RECORD_PREFIX = "record ";
    private static final String BLOCK_PREFIX = "block ";
    private static final int HASH_LENGTH = 64;
    /** C2SP signed-note signature lines begin with an em dash and a space. */
    private static final String SIGNATURE_PREFIX = "\u2014 ";
    /** A signature line's base64 holds a 4-byte key hash followed by at least one byte of signature. */
    private static final int MIN_SIGNATURE_BYTES = 5;

    private ReceiptCode() {
    }

    /**
     * What a receipt code says. {@code signedNote} is the checkpoint's signed note exactly as it
     * was in the code; verifying its signatures is for whoever checks the receipt.
     */
    public record Contents(String recordHash, String blockHash, String signedNote) {

        public Contents {
            Objects.requireNonNull(recordHash, "recordHash");
            Objects.requireNonNull(blockHash, "blockHash");
            Objects.requireNonNull(signedNote, "signedNote");
        }

        /** The compact text of these contents, as {@link ReceiptCode#decode} reads it. */
        public String text() {
            return FORMAT + '\n' + RECORD_PREFIX + recordHash + '\n' + BLOCK_PREFIX + blockHash + '\n' + signedNote;
        }
    }

    /**
     * The compact text for {@code receipt}.
     *
     * @throws IllegalArgumentException when the receipt's hashes or note would not read back, which
     *         only a receipt not built from a real chain can cause
     */
    public static String encode(Receipt receipt) {
        String text = new Contents(receipt.recordHash(), receipt.blockHash(), receipt.checkpoint().signedNote()).text();
        try {
            decode(text);
        } catch (InvalidInputException unreadable) {
            throw new IllegalArgumentException("A receipt whose code would not read back: " + unreadable.getMessage(),
                    unreadable);
        }
        return text;
    }

    /**
     * Reads a compact text, accepting nothing but the documented shape.
     *
     * @throws InvalidInputException naming, in plain words, the first thing that is wrong
     */
    public static Contents decode(String text) {
        if (text == null || text.isEmpty()) {
            throw refused("it is empty");
        }
        // Each character takes at least one byte, so this bounds the work before anything is copied.
        if (text.length() > MAX_TEXT_BYTES || utf8Length(text) > MAX_TEXT_BYTES) {
            throw refused("it is larger than " + MAX_TEXT_BYTES / 1024 + " KiB");
        }
        int formatEnd = text.indexOf('\n');
        String format = formatEnd < 0 ? text : text.substring(0, formatEnd);
        if (!format.equals(FORMAT)) {
            throw refused(format.matches("clinicledger-receipt/[0-9]{1,9}")
                    ? "it is in a newer format than this version of ClinicLedger reads"
                    : "it does not begin with the line " + FORMAT);
        }
        if (formatEnd < 0) {
            throw refused("it ends before the record hash line");
        }
        int recordEnd = lineEnd(text, formatEnd + 1, "the record hash line");
        String recordHash = hashLine(text.substring(formatEnd + 1, recordEnd), RECORD_PREFIX, "record hash");
        int blockEnd = lineEnd(text, recordEnd + 1, "the block hash line");
        String blockHash = hashLine(text.substring(recordEnd + 1, blockEnd), BLOCK_PREFIX, "block hash");
        String note = text.substring(blockEnd + 1);
        checkSignedNote(note);
        return new Contents(recordHash, blockHash, note);
    }

    private static int lineEnd(String text, int from, String what) {
        int end = text.indexOf('\n', from);
        if (end < 0) {
            throw refused(from >= text.length() ? "it ends before " + what : what + " does not end");
        }
        return end;
    }

    private static String hashLine(String line, String prefix, String what) {
        if (!line.startsWith(prefix)) {
            throw refused("the line \"" + prefix.strip() + " \u2026\" with the " + what + " is missing");
        }
        String hash = line.substring(prefix.length());
        if (hash.length() != HASH_LENGTH) {
            throw refused("the " + what + " has " + hash.length() + " characters instead of " + HASH_LENGTH);
        }
        if (!hash.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
            throw refused("the " + what + " holds characters other than the digits 0\u20139 and the letters a\u2013f");
        }
        return hash;
    }

    /**
     * The shape of a C2SP signed note: one or more text lines, one blank line, then one or more
     * signature lines "— name base64", each line ending in LF, no other control character.
     */
    private static void checkSignedNote(String note) {
        if (note.isEmpty()) {
            throw refused("the signed checkpoint is missing");
        }
        if (utf8Length(note) > MAX_NOTE_BYTES) {
            throw refused("the signed checkpoint is larger than " + MAX_NOTE_BYTES / 1024 + " KiB");
        }
        for (int i = 0; i < note.length(); i++) {
            char c = note.charAt(i);
            if (c != '\n' && Character.isISOControl(c)) {
                throw refused("the signed checkpoint holds a control character");
            }
        }
        if (note.charAt(note.length() - 1) != '\n') {
            throw refused("the signed checkpoint does not end with a line break");
        }
        String[] lines = note.substring(0, note.length() - 1).split("\n", -1);
        int blank = 0;
        while (blank < lines.length && !lines[blank].isEmpty()) {
            blank++;
        }
        if (blank == 0) {
            throw refused("the signed checkpoint has no text before its signatures");
        }
        if (blank >= lines.length - 1) {
            throw refused("the signed checkpoint has no signature lines after a blank line");
        }
        for (int i = blank + 1; i < lines.length; i++) {
            checkSignatureLine(lines[i]);
        }
    }

    private static void checkSignatureLine(String line) {
        if (line.isEmpty()) {
            throw refused("the signed checkpoint has more than one blank line");
        }
        if (!line.startsWith(SIGNATURE_PREFIX)) {
            throw refused("a line after the checkpoint's blank line is not a signature (\u2014 name signature)");
        }
        String rest = line.substring(SIGNATURE_PREFIX.length());
        int space = rest.indexOf(' ');
        String name = space < 0 ? "" : rest.substring(0, space);
        String signature = space < 0 ? "" : rest.substring(space + 1);
        if (name.isEmpty() || name.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
                || c == '+')) {
            throw refused("a signature line of the checkpoint does not name its key");
        }
        if (!isCanonicalBase64(signature)) {
            throw refused("a signature of the checkpoint is not base64");
        }
    }

    private static boolean isCanonicalBase64(String text) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        return bytes.length >= MIN_SIGNATURE_BYTES && Base64.getEncoder().encodeToString(bytes).equals(text);
    }

    /** Bytes of {@code text} in UTF-8; an unpaired surrogate (which no UTF-8 text holds) is refused. */
    private static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                throw refused("it is not valid text");
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static InvalidInputException refused(String reason) {
        return new InvalidInputException(NOT_A_CODE + reason + ".");
    }
}
