package org.clinicledger.exchange;

import java.awt.image.BufferedImage;
import java.io.IOException;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

import org.clinicledger.domain.InvalidInputException;

/**
 * The one place a PDF is opened and drawn: a receipt brought by a patient may have been made by
 * anyone, so this refuses what a receipt never is (encrypted, more than a few pages) and keeps the
 * image it draws within a fixed number of pixels whatever size the page claims. PDFBox is a
 * lenient parser of a complicated format and fails on damaged files in many ways; any failure of
 * its own while reading or drawing means the file cannot be used, and is reported as that.
 */
final class PdfPages {

    /** A receipt is one page; a scan or a print to PDF of it may add one or two. */
    static final int MAX_PAGES = 4;
    /** About an A4 page at 300 dpi, twice over. */
    static final long MAX_PIXELS = 20_000_000;

    private PdfPages() {
    }

    /**
     * Page 1 at {@code dpi}, or at less if that would exceed {@link #MAX_PIXELS}, in shades of grey
     * on white: a receipt is black on white, and a QR code is read from brightness alone.
     */
    static BufferedImage firstPage(byte[] pdf, float dpi) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            if (document.isEncrypted()) {
                throw encrypted();
            }
            int pages = document.getNumberOfPages();
            if (pages == 0) {
                throw new InvalidInputException("The PDF has no pages.");
            }
            if (pages > MAX_PAGES) {
                throw new InvalidInputException("The PDF has " + pages + " pages; a receipt has one.");
            }
            PDPage page = document.getPage(0);
            PDRectangle box = page.getCropBox();
            double inches = (double) box.getWidth() * box.getHeight() / (72.0 * 72.0);
            if (!(inches > 0) || Double.isInfinite(inches)) {
                throw new InvalidInputException("The PDF's first page has no size.");
            }
            float scaled = (float) Math.min(dpi, Math.sqrt(MAX_PIXELS / inches));
            return new PDFRenderer(document).renderImageWithDPI(0, scaled, ImageType.GRAY);
        } catch (InvalidInputException refusal) {
            throw refusal;
        } catch (InvalidPasswordException locked) {
            throw encrypted();
        } catch (IOException | RuntimeException unreadable) {
            throw new InvalidInputException("The PDF could not be read; it may be damaged or incomplete.");
        }
    }

    private static InvalidInputException encrypted() {
        return new InvalidInputException("The PDF is encrypted; a receipt's PDF never is.");
    }
}
