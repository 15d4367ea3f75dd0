package org.clinicledger.ui.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import javafx.scene.image.Image;

/** The application icon, drawn in {@code assets/icon.svg} and packaged as PNGs of several sizes. */
public final class Icons {

    private static final int[] SIZES = {16, 24, 32, 48, 64, 128, 256, 512};

    private Icons() {
    }

    /** Every packaged size, for the window's icon list (the system picks the best). */
    public static List<Image> applicationIcons() {
        List<Image> images = new ArrayList<>();
        for (int size : SIZES) {
            Image image = load(size);
            if (image != null) {
                images.add(image);
            }
        }
        return images;
    }

    /** The smallest packaged icon at least {@code size} pixels wide. */
    public static Image application(int size) {
        for (int candidate : SIZES) {
            if (candidate >= size) {
                Image image = load(candidate);
                if (image != null) {
                    return image;
                }
            }
        }
        throw new IllegalStateException("The application icon is missing from the build");
    }

    private static Image load(int size) {
        try (InputStream in = Icons.class.getResourceAsStream("/org/clinicledger/ui/icons/icon-" + size + ".png")) {
            return in == null ? null : new Image(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
