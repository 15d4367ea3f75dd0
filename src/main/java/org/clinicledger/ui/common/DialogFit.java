package org.clinicledger.ui.common;

import javafx.application.Platform;
import javafx.beans.Observable;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Dialog;
import javafx.stage.Screen;
import javafx.stage.Window;

/**
 * Keeps a dialog whose form grows (a problem said at a field, rows shown for another choice) as
 * large as its content and on the screen: a dialog keeps the size it was shown at, so its buttons
 * would otherwise slide out of reach under a long message.
 */
public final class DialogFit {

    private DialogFit() {
    }

    /** Resizes {@code dialog} to its content whenever one of {@code changes} changes. */
    public static void follow(Dialog<?> dialog, Observable... changes) {
        for (Observable change : changes) {
            change.addListener(observable -> Platform.runLater(() -> fit(dialog)));
        }
    }

    private static void fit(Dialog<?> dialog) {
        if (!dialog.isShowing() || dialog.getDialogPane().getScene() == null) {
            return;
        }
        Window window = dialog.getDialogPane().getScene().getWindow();
        window.sizeToScene();
        Rectangle2D screen = Screen.getScreensForRectangle(window.getX(), window.getY(), window.getWidth(),
                window.getHeight()).stream().findFirst().orElse(Screen.getPrimary()).getVisualBounds();
        double overflow = window.getY() + window.getHeight() - screen.getMaxY();
        if (overflow > 0) {
            window.setY(Math.max(screen.getMinY(), window.getY() - overflow));
        }
    }
}
