package org.clinicledger.ui.common;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The card the full-window screens (first-run set-up, sign-in) are drawn on: centred when the
 * window is tall enough, scrollable when it is not (the window may be 520 px high).
 */
public final class CentredCard {

    private CentredCard() {
    }

    /** Puts {@code card}, at most {@code maxWidth} wide, in the middle of {@code screen}. */
    public static void place(ScrollPane screen, VBox card, double maxWidth) {
        card.getStyleClass().add("first-run-card");
        card.setMaxWidth(maxWidth);
        card.setMaxHeight(VBox.USE_PREF_SIZE);
        StackPane centred = new StackPane(card);
        centred.setAlignment(Pos.CENTER);
        centred.setPadding(new Insets(24));
        screen.setContent(centred);
        screen.setFitToWidth(true);
        screen.setFitToHeight(true);
    }
}
