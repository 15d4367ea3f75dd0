package org.clinicledger.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.PaperSize;
import org.clinicledger.domain.Receipt;
import org.clinicledger.testing.QrCodeReading;
import org.clinicledger.testing.SampleReceipts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReceiptPdfTest {

    private static final float POINTS_PER_INCH = 72;
    /** Darker than this (0–255 luminance) counts as ink. */
    private static final int INK = 128;

    @ParameterizedTest
    @EnumSource(PaperSize.class)
    void theQrCodeOnThePageReadsAsTheReceiptCode(PaperSize paper) throws Exception {
        Receipt receipt = SampleReceipts.receipt();
        Page page = Page.of(ReceiptPdf.render(receipt, paper));
        PDRectangle sheet = paper == PaperSize.A4 ? PDRectangle.A4 : PDRectangle.LETTER;
        assertThat(page.size.getWidth()).isEqualTo(sheet.getWidth());
        assertThat(page.size.getHeight()).isEqualTo(sheet.getHeight());
        assertThat(QrCodeReading.decode(page.image)).isEqualTo(ReceiptCode.encode(receipt));
    }

    @ParameterizedTest
    @EnumSource(PaperSize.class)
    void thePageSaysWhatTheReceiptIsInTextThatCanBeReadAloud(PaperSize paper) throws Exception {
        Receipt receipt = SampleReceipts.receipt();
        String text = Page.of(ReceiptPdf.render(receipt, paper)).text;
        assertThat(text).contains("Receipt for a health record", "Riverside Family Clinic",
                "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567", "123456782", "5f2c8e4a-1b7d-4c3e-9a60-2f1d8b7c6e55",
                "2026-11-23 09:30:15 UTC", "Dr. Amara Okafor",
                "9f86 d081 884c 7d65 9a2f eaa0 c55a d015", "a3bf 4f1b 2b0b 822c d15d 6c15 b0f0 0a08",
                "6030 3ae2 2b99 8861 bce3 b28f 33ee c1be", "758a 213c 86c9 3c07 6dbe 9f55 8c11 c752",
                "clinicledger/ABCDEFGHIJKLMNOPQRSTUVWXYZ234567/patient/123456782", "12 blocks",
                receipt.checkpoint().rootBase64(), "sha256sum", "clinicledger verify-proof");
    }

    @ParameterizedTest
    @EnumSource(PaperSize.class)
    void inkIsWhereTheTextIsAndNothingRunsIntoTheMargins(PaperSize paper) throws Exception {
        Page page = Page.of(ReceiptPdf.render(SampleReceipts.receipt(), paper));
        // The title, across the top of the text area, and the record hash further down.
        assertThat(page.inkBetween(48, 48 + 30, 48, 300)).isGreaterThan(500);
        assertThat(page.inkBetween(48, page.size.getHeight() / 2, 48, page.size.getWidth() - 48)).isGreaterThan(5000);
        // The QR code at the bottom left: about half dark.
        float qr = 7 / 2.54f * 72;
        float qrTop = page.size.getHeight() - 48 - qr;
        double share = (double) page.inkBetween(qrTop, qrTop + qr, 48, 48 + qr) / page.pixels(qr, qr);
        assertThat(share).isBetween(0.25, 0.6);
        page.assertMarginsBlank(40);
    }

    @ParameterizedTest
    @EnumSource(PaperSize.class)
    void longNamesOtherScriptsAndControlCharactersRenderWithinTheMarginsAndTheCodeStillReads(PaperSize paper)
            throws Exception {
        String longName = "The Very Long Name of a Community Health Centre and Maternity Hospital ".repeat(30);
        String unbroken = "Ω".repeat(40) + "x".repeat(3000);
        String origin = "clinicledger/" + "A".repeat(400) + "/patient/123456782";
        Receipt[] receipts = {
            SampleReceipts.receipt(longName, "Dr. \u738b\u5c0f\u660e (\u0645\u062d\u0645\u062f) \ud83e\ude7a"),
            SampleReceipts.receipt("Clinic\u0000\u001b[31m red\r\nnew line\u202eevil", unbroken),
            SampleReceipts.receipt(unbroken, "\u0414-\u0440 \u041f\u0435\u0442\u0440\u043e\u0432", origin, 3),
            SampleReceipts.receipt("Cafe\u0301 Sant\u00e9 \u20ac \u2014 \u201cquoted\u201d", "\ud800 lone", origin, 8),
            everythingAtItsLongest(longName + unbroken, origin),
        };
        for (Receipt receipt : receipts) {
            // Eight signatures and a long origin make a dense code: read at a printer's resolution.
            Page page = Page.of(ReceiptPdf.render(receipt, paper), 300);
            assertThat(QrCodeReading.decode(page.image)).isEqualTo(ReceiptCode.encode(receipt));
            page.assertMarginsBlank(40);
        }
        String escaped = Page.of(ReceiptPdf.render(receipts[1], paper)).text;
        assertThat(escaped).contains("Clinic\\u0000\\u001b[31m red\\u000d\\u000anew line\\u202eevil");
        String accented = Page.of(ReceiptPdf.render(receipts[3], paper)).text;
        assertThat(accented).contains("Caf\u00e9 Sant\u00e9 \u20ac \u2014 \u201cquoted\u201d", "? lone");
        String otherScript = Page.of(ReceiptPdf.render(receipts[0], paper)).text;
        assertThat(otherScript).contains("Dr. ??? (????) ?").contains("\u2026");
    }

    /** Every field given more than its line budget holds, so that each is wrapped and cut at once. */
    private static Receipt everythingAtItsLongest(String text, String origin) {
        Receipt sample = SampleReceipts.receipt(text, text, origin, 2);
        return new Receipt(text, sample.clinic(), text, "W".repeat(64), Integer.MAX_VALUE, sample.recordedAt(), text,
                sample.recordHash(), sample.blockHash(), sample.leafIndex(), sample.checkpoint());
    }

    @Test
    void aCheckpointWithTooManySignaturesForAQrCodeIsRefusedInPlainWords() {
        Receipt crowded = SampleReceipts.receipt("Clinic", "Dr. A", "clinicledger/o", 22);
        assertThat(ReceiptCode.encode(crowded)).hasSizeGreaterThan(2400);
        assertThatThrownBy(() -> ReceiptPdf.render(crowded, PaperSize.A4)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("too many signatures");
    }

    /**
     * The page image holds the patient's MRN: it is made in memory only. ImageIO is pointed at a
     * cache folder that is then removed, so any attempt to buffer in a temporary file would fail.
     */
    @Test
    void thePageImageIsNeverBufferedInATemporaryFile(@TempDir Path temp) throws Exception {
        Path cache = Files.createDirectory(temp.resolve("imageio-cache"));
        boolean useCache = ImageIO.getUseCache();
        ImageIO.setUseCache(true);
        ImageIO.setCacheDirectory(cache.toFile());
        Files.delete(cache);
        try {
            byte[] png = ReceiptPdf.pageImage(ReceiptPdf.render(SampleReceipts.receipt(), PaperSize.A4), 72);
            assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        } finally {
            ImageIO.setCacheDirectory(null);
            ImageIO.setUseCache(useCache);
        }
        assertThat(temp).isEmptyDirectory();
    }

    @Test
    void thePageImageIsAPngOfPageOneAtTheGivenResolution() throws Exception {
        byte[] png = ReceiptPdf.pageImage(ReceiptPdf.render(SampleReceipts.receipt(), PaperSize.LETTER), 100);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(image.getWidth()).isBetween(849, 850);
        assertThat(image.getHeight()).isBetween(1099, 1100);
        assertThat(QrCodeReading.decode(image)).isEqualTo(ReceiptCode.encode(SampleReceipts.receipt()));
        assertThatThrownBy(() -> ReceiptPdf.pageImage(new byte[] {1, 2, 3}, 100))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("could not be read");
        assertThatThrownBy(() -> ReceiptPdf.pageImage(png, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReceiptPdf.pageImage(png, Float.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void letterWhereTheLocaleUsesItA4Elsewhere() {
        assertThat(PaperSize.forLocale(Locale.US)).isEqualTo(PaperSize.LETTER);
        assertThat(PaperSize.forLocale(Locale.CANADA_FRENCH)).isEqualTo(PaperSize.LETTER);
        assertThat(PaperSize.forLocale(new Locale("es", "MX"))).isEqualTo(PaperSize.LETTER);
        assertThat(PaperSize.forLocale(new Locale("fil", "PH"))).isEqualTo(PaperSize.LETTER);
        assertThat(PaperSize.forLocale(Locale.UK)).isEqualTo(PaperSize.A4);
        assertThat(PaperSize.forLocale(Locale.GERMANY)).isEqualTo(PaperSize.A4);
        assertThat(PaperSize.forLocale(new Locale("en", "IN"))).isEqualTo(PaperSize.A4);
        assertThat(PaperSize.forLocale(Locale.ENGLISH)).isEqualTo(PaperSize.A4);
        assertThat(PaperSize.forLocale(Locale.ROOT)).isEqualTo(PaperSize.A4);
    }

    /** A receipt's page 1 rendered at {@code dpi}, and its text as PDFBox extracts it. */
    private record Page(PDRectangle size, BufferedImage image, String text, float dpi) {

        static Page of(byte[] pdf) throws IOException {
            return of(pdf, 150);
        }

        static Page of(byte[] pdf, float dpi) throws IOException {
            try (PDDocument document = Loader.loadPDF(pdf)) {
                assertThat(document.getNumberOfPages()).isEqualTo(1);
                return new Page(document.getPage(0).getMediaBox(),
                        new PDFRenderer(document).renderImageWithDPI(0, dpi, ImageType.RGB),
                        new PDFTextStripper().getText(document), dpi);
            }
        }

        /** Dark pixels from {@code top} to {@code bottom} and {@code left} to {@code right}, in points. */
        int inkBetween(float top, float bottom, float left, float right) {
            int count = 0;
            for (int y = px(top); y < Math.min(px(bottom), image.getHeight()); y++) {
                for (int x = px(left); x < Math.min(px(right), image.getWidth()); x++) {
                    int rgb = image.getRGB(x, y);
                    int luminance = ((rgb >> 16 & 0xff) * 299 + (rgb >> 8 & 0xff) * 587 + (rgb & 0xff) * 114) / 1000;
                    count += luminance < INK ? 1 : 0;
                }
            }
            return count;
        }

        int pixels(float width, float height) {
            return px(width) * px(height);
        }

        /** No ink within {@code margin} points of any edge: nothing was drawn off the text area. */
        void assertMarginsBlank(float margin) {
            float width = size.getWidth();
            float height = size.getHeight();
            assertThat(inkBetween(0, margin, 0, width)).as("top margin").isZero();
            assertThat(inkBetween(height - margin, height, 0, width)).as("bottom margin").isZero();
            assertThat(inkBetween(0, height, 0, margin)).as("left margin").isZero();
            assertThat(inkBetween(0, height, width - margin, width)).as("right margin").isZero();
        }

        private int px(float points) {
            return Math.round(points / POINTS_PER_INCH * dpi);
        }
    }
}
