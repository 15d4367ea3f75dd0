package org.clinicledger.ui.common;

import javafx.application.Platform;
import javafx.scene.Node;

/**
 * Passwords and passphrases typed into a view do not outlive it: they are cleared when the view
 * leaves the window (signing out, closing the tab's role). A field's error mark moves the window's
 * content into a decoration pane of its own, which takes the view out of the scene and puts it
 * back within the same turn of the JavaFX thread; so the view is looked at again a moment later,
 * and what was typed is cleared only if it has really gone.
 */
public final class TypedSecrets {

    private TypedSecrets() {
    }

    /** Runs {@code clear} once {@code view} has left its window for good. */
    public static void clearWhenRemoved(Node view, Runnable clear) {
        view.sceneProperty().addListener((observable, before, now) -> {
            if (now == null) {
                Platform.runLater(() -> {
                    if (view.getScene() == null) {
                        clear.run();
                    }
                });
            }
        });
    }
}
