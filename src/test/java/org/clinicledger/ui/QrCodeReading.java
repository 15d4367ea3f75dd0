package org.clinicledger.ui;

import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelReader;

import org.testfx.util.WaitForAsyncUtils;

/** Reads back a QR code the window shows, as a phone's camera would from its pixels. */
final class QrCodeReading {

    private QrCodeReading() {
    }

    static String decode(ImageView view) throws Exception {
        Image image = WaitForAsyncUtils.asyncFx(view::getImage).get();
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        int[] argb = new int[width * height];
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                argb[y * width + x] = pixels.getArgb(x, y);
            }
        }
        return org.clinicledger.testing.QrCodeReading.decode(width, height, argb);
    }
}
