package org.clinicledger.exchange;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

import org.clinicledger.domain.InvalidInputException;

/**
 * Reads the QR code of a receipt a patient brings: the PDF it was saved as, or a scan or photo of
 * the printout (PNG or JPEG). The file may come from anywhere, so its type is taken from its first
 * bytes rather than its name, and its size, pixel count and pages are bounded before anything is
 * decoded; an image's dimensions are read from its header before its pixels, so a small file that
 * claims a huge picture is refused without being drawn. Decoding tries the image as it is and then
 * smaller, which helps with photos whose fine grain confuses the binarizer.
 */
public final class ReceiptImages {

    public static final long MAX_FILE_BYTES = 20L * 1024 * 1024;
    public static final long MAX_IMAGE_PIXELS = 40_000_000;
    /** A PDF's page is drawn at this resolution: several pixels to a module of the densest code. */
    static final float PDF_DPI = 250;
    /** Larger images are read subsampled to about this many pixels: more than a QR code needs. */
    private static final long WORKING_PIXELS = 12_000_000;
    /** Below this many pixels on its shorter side an image is not made smaller again. */
    private static final int MIN_SIDE = 200;
    private static final byte[] PDF_MAGIC = {'%', 'P', 'D', 'F', '-'};
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final Map<DecodeHintType, Object> HINTS = Map.of(
            DecodeHintType.TRY_HARDER, Boolean.TRUE,
            DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE),
            DecodeHintType.CHARACTER_SET, "UTF-8");

    private ReceiptImages() {
    }

    /**
     * The receipt code in {@code file}'s QR code.
     *
     * @throws InvalidInputException when the file cannot be read, is not a PDF, PNG or JPEG within
     *         the limits, holds no QR code, or its QR code is not a receipt code
     */
    public static ReceiptCode.Contents read(Path file) {
        byte[] bytes = readBounded(file);
        BufferedImage image;
        if (startsWith(bytes, PDF_MAGIC)) {
            image = PdfPages.firstPage(bytes, PDF_DPI);
        } else if (startsWith(bytes, PNG_MAGIC)) {
            image = readImage(bytes, "png");
        } else if (startsWith(bytes, JPEG_MAGIC)) {
            image = readImage(bytes, "jpeg");
        } else {
            throw new InvalidInputException("The file is not a PDF, PNG or JPEG.");
        }
        return ReceiptCode.decode(qrText(image));
    }

    private static byte[] readBounded(Path file) {
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            // A folder, a device or a pipe: nothing to read, or something that never ends.
            throw new InvalidInputException("This is not a file but a folder or a device; choose the receipt's file.");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw new InvalidInputException("The file is larger than " + MAX_FILE_BYTES / (1024 * 1024)
                        + " MiB; a receipt is far smaller.");
            }
            if (bytes.length == 0) {
                throw new InvalidInputException("The file is empty.");
            }
            return bytes;
        } catch (NoSuchFileException missing) {
            throw new InvalidInputException("The file does not exist.");
        } catch (IOException unreadable) {
            throw new InvalidInputException("The file could not be read; you may not be allowed to read it.");
        }
    }

    /**
     * The image in {@code bytes}, decoded only by the reader of its own type, from memory (ImageIO
     * would otherwise cache the stream in a temporary file), subsampled when it is large.
     */
    private static BufferedImage readImage(byte[] bytes, String format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new IllegalStateException("This Java has no " + format + " reader");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            long width = reader.getWidth(0);
            long height = reader.getHeight(0);
            if (width <= 0 || height <= 0) {
                throw damaged();
            }
            if (width * height > MAX_IMAGE_PIXELS) {
                throw new InvalidInputException("The image is larger than " + MAX_IMAGE_PIXELS / 1_000_000
                        + " megapixels; a photo or scan of a receipt needs far fewer.");
            }
            ImageReadParam param = reader.getDefaultReadParam();
            int step = (int) Math.ceil(Math.sqrt((double) width * height / WORKING_PIXELS));
            if (step > 1) {
                param.setSourceSubsampling(step, step, 0, 0);
            }
            return reader.read(0, param);
        } catch (InvalidInputException refusal) {
            throw refusal;
        } catch (IOException | RuntimeException unreadable) {
            // ImageIO's decoders report damaged data with IOExceptions and, for some damage, runtime exceptions.
            throw damaged();
        } finally {
            reader.dispose();
        }
    }

    private static InvalidInputException damaged() {
        return new InvalidInputException("The image could not be read; it may be damaged or incomplete.");
    }

    /** The text of the QR code in {@code image}, read as it is, then at a half and a quarter of its size. */
    static String qrText(BufferedImage image) {
        for (int divisor = 1; divisor <= 4; divisor *= 2) {
            int width = image.getWidth() / divisor;
            int height = image.getHeight() / divisor;
            if (divisor > 1 && Math.min(width, height) < MIN_SIDE) {
                break;
            }
            BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(luminance(image, width, height)));
            try {
                return new QRCodeReader().decode(bitmap, HINTS).getText();
            } catch (ReaderException notFound) {
                // try smaller
            }
        }
        throw new InvalidInputException("No receipt QR code was found in the image. Make sure the whole code is in "
                + "the picture, sharp and evenly lit.");
    }

    /** {@code image} drawn on white at {@code width} × {@code height}, so that transparency reads as paper. */
    private static RGBLuminanceSource luminance(BufferedImage image, int width, int height) {
        BufferedImage opaque = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = opaque.createGraphics();
        try {
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, width, height);
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            graphics.drawImage(image, 0, 0, width, height, null);
        } finally {
            graphics.dispose();
        }
        int[] pixels = ((DataBufferInt) opaque.getRaster().getDataBuffer()).getData();
        return new RGBLuminanceSource(width, height, pixels);
    }

    private static boolean startsWith(byte[] bytes, byte[] magic) {
        if (bytes.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (bytes[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
