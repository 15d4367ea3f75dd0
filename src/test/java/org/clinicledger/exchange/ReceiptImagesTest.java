package org.clinicledger.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;

import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.Receipt;
import org.clinicledger.exchange.ReceiptPdf.PaperSize;
import org.clinicledger.testing.SampleReceipts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class ReceiptImagesTest {

    private static final Receipt RECEIPT = SampleReceipts.receipt();
    private static final ReceiptCode.Contents CONTENTS = ReceiptCode.decode(ReceiptCode.encode(RECEIPT));
    private static byte[] pdf;
    private static BufferedImage page;

    @TempDir
    Path folder;

    @BeforeAll
    static void printReceipt() throws IOException {
        pdf = ReceiptPdf.render(RECEIPT, PaperSize.A4);
        page = ImageIO.read(new ByteArrayInputStream(ReceiptPdf.pageImage(pdf, 150)));
    }

    @Test
    void readsTheSavedPdf() throws IOException {
        assertThat(ReceiptImages.read(write("receipt.pdf", pdf))).isEqualTo(CONTENTS);
    }

    @Test
    void readsAPngAndAJpegOfThePageWhateverTheirNames() throws IOException {
        assertThat(ReceiptImages.read(write("scan.png", encode(page, "png")))).isEqualTo(CONTENTS);
        assertThat(ReceiptImages.read(write("scan.jpg", encode(page, "jpeg")))).isEqualTo(CONTENTS);
        assertThat(ReceiptImages.read(write("receipt.pdf", encode(page, "jpeg")))).isEqualTo(CONTENTS);
        assertThat(ReceiptImages.read(write("no-extension", encode(page, "png")))).isEqualTo(CONTENTS);
    }

    /** A phone's picture of the printout: turned a little, on a grey desk, grainy, saved as JPEG. */
    @Test
    void readsAPhotoOfThePrintout() throws IOException {
        BufferedImage photo = new BufferedImage(page.getWidth() + 400, page.getHeight() + 400,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = photo.createGraphics();
        graphics.setColor(new Color(90, 90, 96));
        graphics.fillRect(0, 0, photo.getWidth(), photo.getHeight());
        graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        graphics.setTransform(AffineTransform.getRotateInstance(Math.toRadians(7), photo.getWidth() / 2.0,
                photo.getHeight() / 2.0));
        graphics.drawImage(page, 200, 200, null);
        graphics.dispose();
        Random grain = new Random(7);
        for (int y = 0; y < photo.getHeight(); y++) {
            for (int x = 0; x < photo.getWidth(); x++) {
                int rgb = photo.getRGB(x, y);
                int noise = (int) (grain.nextGaussian() * 18);
                int grey = Math.max(0, Math.min(255, (rgb & 0xff) * 85 / 100 + 20 + noise));
                photo.setRGB(x, y, grey << 16 | grey << 8 | grey);
            }
        }
        assertThat(ReceiptImages.read(write("IMG_2041.JPG", encode(photo, "jpeg")))).isEqualTo(CONTENTS);
    }

    @Test
    void readsACodeOnATransparentBackgroundAsOnPaper() throws Exception {
        BitMatrix matrix = new QRCodeWriter().encode(ReceiptCode.encode(RECEIPT), BarcodeFormat.QR_CODE, 600, 600,
                Map.of(EncodeHintType.CHARACTER_SET, "UTF-8"));
        BufferedImage transparent = new BufferedImage(600, 600, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 600; y++) {
            for (int x = 0; x < 600; x++) {
                transparent.setRGB(x, y, matrix.get(x, y) ? 0xff000000 : 0x00000000);
            }
        }
        assertThat(ReceiptImages.read(write("code.png", encode(transparent, "png")))).isEqualTo(CONTENTS);
    }

    @Test
    void refusesFilesThatAreNotReceiptsInPlainWords() throws Exception {
        refused(write("receipt.pdf", "Record hash: 9f86d081...\n".getBytes()), "The file is not a PDF, PNG or JPEG.");
        refused(write("empty.pdf", new byte[0]), "The file is empty.");
        refused(folder.resolve("missing.pdf"), "The file does not exist.");
        refused(folder, "This is not a file but a folder or a device");
        BufferedImage blank = new BufferedImage(800, 600, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = blank.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, 800, 600);
        graphics.setColor(Color.BLACK);
        graphics.drawString("Receipt for a health record", 40, 40);
        graphics.dispose();
        refused(write("blank.png", encode(blank, "png")), "No receipt QR code was found in the image.");
        BitMatrix other = new QRCodeWriter().encode("ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567", BarcodeFormat.QR_CODE,
                400, 400);
        BufferedImage fingerprint = new BufferedImage(400, 400, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 400; y++) {
            for (int x = 0; x < 400; x++) {
                fingerprint.setRGB(x, y, other.get(x, y) ? 0 : 0xffffff);
            }
        }
        refused(write("fingerprint.png", encode(fingerprint, "png")),
                "This is not a ClinicLedger receipt code: it does not begin with the line clinicledger-receipt/1.");
    }

    /** A device that never ends is refused before anything is read from it. */
    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void refusesADevice() {
        refused(Path.of("/dev/zero"), "This is not a file but a folder or a device");
    }

    @Test
    void refusesOversizedFilesAndImagesBeforeDecodingThem() throws IOException {
        Path large = folder.resolve("large.pdf");
        try (RandomAccessFile file = new RandomAccessFile(large.toFile(), "rw")) {
            file.write(pdf);
            file.setLength(ReceiptImages.MAX_FILE_BYTES + 1);
        }
        refused(large, "The file is larger than 20 MiB; a receipt is far smaller.");
        // A small PNG whose header claims 10,000 × 10,000 pixels: refused from the header alone.
        byte[] tiny = encode(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), "png");
        refused(write("bomb.png", withPngSize(tiny, 10_000, 10_000)), "larger than 40 megapixels");
        refused(write("wide.png", withPngSize(tiny, Integer.MAX_VALUE, 2)), "larger than 40 megapixels");
    }

    @Test
    void refusesDamagedImages() throws IOException {
        byte[] png = encode(page, "png");
        refused(write("cut.png", Arrays.copyOf(png, png.length / 3)), "The image could not be read");
        refused(write("magic.png", Arrays.copyOf(png, 8)), "The image could not be read");
        byte[] jpeg = encode(page, "jpeg");
        refused(write("magic.jpg", Arrays.copyOf(jpeg, 3)), "The image could not be read");
        byte[] garbage = new byte[4000];
        new Random(1).nextBytes(garbage);
        System.arraycopy(jpeg, 0, garbage, 0, 3);
        refused(write("garbage.jpg", garbage), "The image could not be read");
    }

    @Test
    void refusesTruncatedEncryptedAndLongPdfs() throws IOException {
        refused(write("cut.pdf", Arrays.copyOf(pdf, pdf.length / 2)), "The PDF could not be read");
        refused(write("header.pdf", Arrays.copyOf(pdf, 16)),
                "The PDF could not be read; it may be damaged or incomplete.");
        refused(write("locked.pdf", encrypted("open sesame")), "The PDF is encrypted; a receipt's PDF never is.");
        refused(write("owner-only.pdf", encrypted("")), "The PDF is encrypted; a receipt's PDF never is.");
        try (PDDocument document = new PDDocument()) {
            for (int i = 0; i < PdfPages.MAX_PAGES + 1; i++) {
                document.addPage(new PDPage());
            }
            refused(write("long.pdf", save(document)), "The PDF has 5 pages; a receipt has one.");
        }
        try (PDDocument document = new PDDocument()) {
            refused(write("none.pdf", save(document)), "The PDF has no pages.");
        }
    }

    /** A page as large as PDF allows is drawn within the pixel limit, not at the full resolution. */
    @Test
    void aHugePageIsDrawnSmaller() throws IOException {
        try (PDDocument document = new PDDocument()) {
            document.addPage(new PDPage(new org.apache.pdfbox.pdmodel.common.PDRectangle(14_400, 14_400)));
            BufferedImage drawn = PdfPages.firstPage(save(document), ReceiptImages.PDF_DPI);
            assertThat((long) drawn.getWidth() * drawn.getHeight()).isLessThanOrEqualTo(PdfPages.MAX_PIXELS);
        }
    }

    private static byte[] encrypted(String userPassword) throws IOException {
        try (PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner secret", userPassword,
                    new AccessPermission());
            policy.setEncryptionKeyLength(128);
            document.protect(policy);
            return save(document);
        }
    }

    private static byte[] save(PDDocument document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        return out.toByteArray();
    }

    /** {@code png} with its header's width and height replaced, and the header's checksum made right again. */
    private static byte[] withPngSize(byte[] png, int width, int height) {
        byte[] changed = png.clone();
        ByteBuffer header = ByteBuffer.wrap(changed);
        header.putInt(16, width).putInt(20, height);
        CRC32 crc = new CRC32();
        crc.update(changed, 12, 17);
        header.putInt(29, (int) crc.getValue());
        return changed;
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).isTrue();
        return out.toByteArray();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(folder.resolve(name), bytes);
    }

    private static void refused(Path file, String message) {
        assertThatThrownBy(() -> ReceiptImages.read(file)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(message);
    }
}
