package org.clinicledger.ui.common;

import java.util.Map;

import javafx.scene.image.Image;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/** QR codes drawn as images, black on white with the quiet zone the standard asks for. */
public final class QrCodes {

    private static final int QUIET_ZONE_MODULES = 4;

    private QrCodes() {
    }

    /** {@code text} as a QR code (error correction M), each module {@code moduleSize} pixels square. */
    public static Image of(String text, int moduleSize) {
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(
                    EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                    EncodeHintType.MARGIN, QUIET_ZONE_MODULES,
                    EncodeHintType.CHARACTER_SET, "UTF-8"));
        } catch (WriterException tooLong) {
            throw new IllegalArgumentException("Too much text for a QR code: " + text.length() + " characters", tooLong);
        }
        WritableImage image = new WritableImage(matrix.getWidth() * moduleSize, matrix.getHeight() * moduleSize);
        PixelWriter pixels = image.getPixelWriter();
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                Color colour = matrix.get(x, y) ? Color.BLACK : Color.WHITE;
                for (int dy = 0; dy < moduleSize; dy++) {
                    for (int dx = 0; dx < moduleSize; dx++) {
                        pixels.setColor(x * moduleSize + dx, y * moduleSize + dy, colour);
                    }
                }
            }
        }
        return image;
    }
}
