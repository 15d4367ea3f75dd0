package org.clinicledger.testing;

import java.awt.image.BufferedImage;
import java.util.Map;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

/**
 * Reads back a QR code from pixels, as a phone's camera would (trying hard, as scanning apps do):
 * ZXing's reader used directly, so that a test does not check the program's reading with the
 * program's own reader.
 */
public final class QrCodeReading {

    private QrCodeReading() {
    }

    /** The text of the QR code in {@code argb} ({@code width} × {@code height} pixels, row by row). */
    public static String decode(int width, int height, int[] argb) throws ReaderException {
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width, height, argb)));
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
    }

    public static String decode(BufferedImage image) throws ReaderException {
        int width = image.getWidth();
        int height = image.getHeight();
        return decode(width, height, image.getRGB(0, 0, width, height, null, 0, width));
    }
}
