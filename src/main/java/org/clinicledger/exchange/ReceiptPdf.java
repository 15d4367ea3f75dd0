package org.clinicledger.exchange;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PaperSize;
import org.clinicledger.domain.Receipt;
import org.clinicledger.domain.UtcTime;

/**
 * A receipt as a one-page PDF, black on white, that fits A4 and US Letter alike: what the patient
 * takes home to check their copy of a record against, read aloud or scanned. The DejaVu fonts are
 * embedded ({@link Fonts}); every string is made drawable first (a character they have no glyph for
 * prints as a question mark, control characters as {@code \\uXXXX}) and wrapped or cut to the space
 * it has, so that no name, however long or strange,
 * can make rendering fail or push anything off the page. The QR code carries {@link ReceiptCode}'s
 * text and is drawn as vector squares, so it stays sharp at any printer's resolution.
 */
public final class ReceiptPdf {

    /** The MRN as the patient knows it, in groups ({@code 4176-5741-8}), when it is a valid one. */
    static String printedMrn(String digits) {
        try {
            return new MedicalRecordNumber(digits).formatted();
        } catch (InvalidInputException notOne) {
            return digits;
        }
    }

    static PDRectangle sheet(PaperSize paper) {
        return paper == PaperSize.LETTER ? PDRectangle.LETTER : PDRectangle.A4;
    }

    public static final String TITLE = "Receipt for a health record";

    /** Half an inch at least on every side, inside what every printer can reach. */
    static final float MARGIN = 48;
    /** Seven centimetres: large enough for any phone to read a dense code from paper. */
    static final float QR_SIZE = 7 / 2.54f * 72;
    private static final int QR_QUIET_ZONE = 4;
    private static final float LABEL_WIDTH = 118;
    private static final float MAX_DPI = 600;
    /** More than four lines of the smallest type hold; longer text is cut before it is measured. */
    private static final int MAX_DRAWN_CHARACTERS = 1000;

    private ReceiptPdf() {
    }

    /**
     * The receipt as PDF bytes.
     *
     * @throws InvalidInputException when the checkpoint carries so many signatures that its QR code
     *         cannot hold them
     */
    public static byte[] render(Receipt receipt, PaperSize paper) {
        BitMatrix code = qrCode(ReceiptCode.encode(receipt));
        try (PDDocument document = new PDDocument()) {
            PDDocumentInformation information = document.getDocumentInformation();
            information.setTitle(TITLE);
            information.setSubject("Record " + receipt.recordId() + ", version " + receipt.version());
            PDRectangle sheet = sheet(paper);
            PDPage page = new PDPage(sheet);
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                new Layout(content, sheet, Fonts.load(document)).draw(receipt, code);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException inMemory) {
            throw new UncheckedIOException("Writing a receipt in memory failed", inMemory);
        }
    }

    /**
     * Page 1 of {@code pdf} as a PNG image, {@code dpi} dots per inch (less where that would pass
     * 20 megapixels, about 450 dpi on A4): for the window's preview and for printing through the
     * system's print dialog.
     *
     * @throws InvalidInputException when {@code pdf} cannot be read as a PDF
     */
    public static byte[] pageImage(byte[] pdf, float dpi) {
        if (!(dpi > 0 && dpi <= MAX_DPI)) {
            throw new IllegalArgumentException("dpi must be above 0 and at most " + MAX_DPI + ": " + dpi);
        }
        BufferedImage image = PdfPages.firstPage(pdf, dpi);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // In memory: given a plain stream, ImageIO would buffer the page (with the patient's MRN) in
        // a temporary file.
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            if (!ImageIO.write(image, "png", stream)) {
                throw new IllegalStateException("This Java has no PNG writer");
            }
        } catch (IOException inMemory) {
            throw new UncheckedIOException("Writing a PNG in memory failed", inMemory);
        }
        return out.toByteArray();
    }

    static BitMatrix qrCode(String text) {
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(
                    EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                    EncodeHintType.MARGIN, QR_QUIET_ZONE,
                    EncodeHintType.CHARACTER_SET, "UTF-8"));
        } catch (WriterException tooLong) {
            throw new InvalidInputException("The chain's checkpoint carries too many signatures to fit in the "
                    + "receipt's QR code.");
        }
    }

    /**
     * Text as the receipt's fonts can draw it: composed (NFC), control and direction characters
     * written as {@code \\uXXXX}, right-to-left letters and anything the font has no glyph for as
     * {@code ?}.
     */
    private static String drawable(String text, PDFont font) {
        String composed = Normalizer.normalize(text, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(composed.length());
        composed.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069
                    || c == 0x200E || c == 0x200F || c == 0x061C) {
                out.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else if (rightToLeft(c)) {
                // PDFBox neither reorders nor joins right-to-left scripts: drawn, a name would print
                // backwards in unjoined letters, which is worse than a plain mark.
                out.append('?');
            } else if (canDraw(font, c)) {
                out.appendCodePoint(c);
            } else {
                out.append('?');
            }
        });
        return out.toString();
    }

    private static boolean rightToLeft(int codePoint) {
        byte direction = Character.getDirectionality(codePoint);
        return direction == Character.DIRECTIONALITY_RIGHT_TO_LEFT
                || direction == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
    }

    private static boolean canDraw(PDFont font, int codePoint) {
        try {
            font.encode(new String(Character.toChars(codePoint)));
            return true;
        } catch (IllegalArgumentException | IOException noGlyph) {
            return false;
        }
    }

    /** Text longer than any line budget holds is cut before it is measured, code point by code point. */
    private static String cut(String text) {
        return text.length() <= MAX_DRAWN_CHARACTERS ? text
                : text.substring(0, text.offsetByCodePoints(0, MAX_DRAWN_CHARACTERS / 2));
    }

    /** Groups of four characters, joined by single spaces, as a hash is read aloud. */
    private static String groupsOfFour(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i += 4) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(text, i, Math.min(text.length(), i + 4));
        }
        return out.toString();
    }

    /**
     * The DejaVu fonts the receipt embeds (subsets of what it draws, `fonts/LICENSE.txt`). Embedded,
     * the page looks the same in every viewer and in the page image the window previews and prints,
     * which PDFBox would otherwise draw with whatever fonts the computer happens to have; and DejaVu
     * draws names in Greek, Cyrillic and many other scripts the standard PDF fonts cannot.
     */
    record Fonts(PDFont sans, PDFont sansBold, PDFont mono, PDFont monoBold) {

        static Fonts load(PDDocument document) throws IOException {
            return new Fonts(font(document, "DejaVuSans.ttf"), font(document, "DejaVuSans-Bold.ttf"),
                    font(document, "DejaVuSansMono.ttf"), font(document, "DejaVuSansMono-Bold.ttf"));
        }

        private static PDFont font(PDDocument document, String file) throws IOException {
            try (InputStream in = ReceiptPdf.class.getResourceAsStream("fonts/" + file)) {
                if (in == null) {
                    throw new IllegalStateException("The receipt font " + file + " is missing from the build");
                }
                return PDType0Font.load(document, in, true);
            }
        }
    }

    /**
     * Draws from the top down; every text has a line budget, so the whole fits above the QR code.
     * Fonts are loaded per document: PDFBox's font objects keep caches that are not safe to share
     * between threads, and two receipts may be made at once.
     */
    static final class Layout {
        final PDFont sans;
        final PDFont sansBold;
        final PDFont mono;
        final PDFont monoBold;
        private final PDPageContentStream content;
        private final float width;
        /** Where the next line starts, from the bottom of the page; drawing moves it down. */
        float y;

        Layout(PDPageContentStream content, PDRectangle sheet, Fonts fonts) {
            this.sans = fonts.sans();
            this.sansBold = fonts.sansBold();
            this.mono = fonts.mono();
            this.monoBold = fonts.monoBold();
            this.content = content;
            this.width = sheet.getWidth() - 2 * MARGIN;
            this.y = sheet.getHeight() - MARGIN;
        }

        void draw(Receipt receipt, BitMatrix code) throws IOException {
            content.setNonStrokingColor(0f);
            text(sansBold, 20, TITLE, MARGIN, width, 1);
            y -= 6;
            text(sansBold, 13, receipt.clinicName(), MARGIN, width, 3);
            y -= 4;
            field("Clinic fingerprint", mono, 11, receipt.clinic().grouped(), 1);
            y -= 8;
            field("Patient (MRN)", sans, 11, printedMrn(receipt.patientMrn()), 1);
            field("Record", mono, 10, receipt.recordId(), 2);
            field("Version", sans, 11, Integer.toString(receipt.version()), 1);
            field("Recorded", sans, 11, UtcTime.format(receipt.recordedAt()), 1);
            field("Doctor", sans, 11, receipt.doctor(), 2);
            y -= 10;
            text(sansBold, 11, "Record hash (SHA-256 of your copy of the record)", MARGIN, width, 1);
            hash(monoBold, 15, receipt.recordHash());
            y -= 6;
            text(sansBold, 11, "Block hash (the block of your chain that names the record)", MARGIN, width, 1);
            hash(mono, 11, receipt.blockHash());
            y -= 6;
            text(sansBold, 11, "Signed checkpoint of the chain", MARGIN, width, 1);
            field("Origin", mono, 9, receipt.checkpoint().origin(), 4);
            field("Size", sans, 11, receipt.checkpoint().size() + " blocks", 1);
            field("Root", mono, 10, receipt.checkpoint().rootBase64(), 2);
            float textBottom = y;
            float qrTop = MARGIN + QR_SIZE;
            if (textBottom < qrTop) {
                throw new IllegalStateException("The receipt's text runs into its QR code");
            }
            qr(code, MARGIN, MARGIN);
            y = qrTop;
            float left = MARGIN + QR_SIZE + 14;
            float right = width - QR_SIZE - 14;
            text(sansBold, 11, "How to check this receipt", left, right, 1);
            y -= 4;
            text(sans, 9.5f, "1. sha256sum of your copy of the record must print the record hash above.", left, right,
                    3);
            y -= 3;
            text(sans, 9.5f, "2. clinicledger verify-proof with the proof file checks the rest: that the block is in "
                    + "your chain and that the clinic signed the checkpoint.", left, right, 4);
            y -= 3;
            text(sans, 9.5f, "3. The QR code holds the same hashes and the signed checkpoint.", left, right, 3);
            y -= 3;
            text(sans, 9.5f, "This receipt holds no health information.", left, right, 2);
        }

        /** A label in the left column and its value beside it, wrapped to at most {@code maxLines}. */
        private void field(String label, PDFont font, float size, String value, int maxLines) throws IOException {
            float top = y;
            text(sans, 10, label, MARGIN, LABEL_WIDTH - 6, 1);
            float labelBottom = y;
            y = top;
            text(font, size, value, MARGIN + LABEL_WIDTH, width - LABEL_WIDTH, maxLines);
            y = Math.min(y, labelBottom) - 2;
        }

        /** 64 hex digits as two lines of eight groups of four. */
        private void hash(PDFont font, float size, String hex) throws IOException {
            String grouped = groupsOfFour(hex);
            int half = grouped.length() / 2 + 1;
            int split = grouped.lastIndexOf(' ', Math.min(half, grouped.length() - 1));
            if (split <= 0) {
                split = grouped.length();
            }
            text(font, size, grouped.substring(0, split), MARGIN, width, 1);
            if (split < grouped.length()) {
                text(font, size, grouped.substring(split + 1), MARGIN, width, 1);
            }
        }

        void text(PDFont font, float size, String text, float x, float available, int maxLines)
                throws IOException {
            float leading = size * 1.3f;
            for (String line : wrap(drawable(cut(text), font), font, size, available, maxLines)) {
                y -= leading;
                content.beginText();
                content.setFont(font, size);
                content.newLineAtOffset(x, y + leading - size);
                content.showText(line);
                content.endText();
            }
        }

        void qr(BitMatrix code, float x, float bottom) throws IOException {
            float module = QR_SIZE / Math.max(code.getWidth(), code.getHeight());
            float top = bottom + QR_SIZE;
            for (int row = 0; row < code.getHeight(); row++) {
                int column = 0;
                while (column < code.getWidth()) {
                    if (!code.get(column, row)) {
                        column++;
                        continue;
                    }
                    int start = column;
                    while (column < code.getWidth() && code.get(column, row)) {
                        column++;
                    }
                    content.addRect(x + start * module, top - (row + 1) * module, (column - start) * module, module);
                }
            }
            content.fill();
        }
    }

    /**
     * {@code text} in lines no wider than {@code available}: broken at spaces, or anywhere in a
     * word too long for a line; past {@code maxLines} the last line ends with an ellipsis.
     */
    private static List<String> wrap(String text, PDFont font, float size, float available, int maxLines)
            throws IOException {
        List<String> lines = new ArrayList<>();
        String rest = text.strip();
        while (!rest.isEmpty()) {
            if (lines.size() == maxLines - 1) {
                lines.add(fit(rest, font, size, available));
                return lines;
            }
            int end = longestPrefix(rest, font, size, available);
            if (end < rest.length()) {
                int space = rest.lastIndexOf(' ', end);
                if (space > 0) {
                    end = space;
                }
            }
            lines.add(rest.substring(0, end).stripTrailing());
            rest = rest.substring(end).stripLeading();
        }
        if (lines.isEmpty()) {
            lines.add("");
        }
        return lines;
    }

    /** {@code text} whole if it fits, else cut with an ellipsis. */
    private static String fit(String text, PDFont font, float size, float available) throws IOException {
        if (width(text, font, size) <= available) {
            return text;
        }
        String ellipsis = "\u2026";
        int end = longestPrefix(text, font, size, available - width(ellipsis, font, size));
        return text.substring(0, end).stripTrailing() + ellipsis;
    }

    /** The length of the longest prefix (whole code points, at least one) that fits {@code available}. */
    private static int longestPrefix(String text, PDFont font, float size, float available) throws IOException {
        int end = 0;
        while (end < text.length()) {
            int next = text.offsetByCodePoints(end, 1);
            if (end > 0 && width(text.substring(0, next), font, size) > available) {
                break;
            }
            end = next;
        }
        return end;
    }

    private static float width(String text, PDFont font, float size) throws IOException {
        return font.getStringWidth(text) / 1000 * size;
    }
}
