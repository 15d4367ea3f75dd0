package org.clinicledger.ui.setup;

import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import atlantafx.base.theme.Styles;

/** Shown instead of everything else when the data folder cannot be used; nothing was written to it. */
public final class OpeningProblemView extends StackPane {

    public OpeningProblemView(String problem) {
        Label title = new Label("ClinicLedger cannot open its data folder");
        title.getStyleClass().add(Styles.TITLE_2);
        Label message = new Label(problem);
        message.setId("openingProblemMessage");
        message.setWrapText(true);
        Label hint = new Label("Nothing was changed. Start ClinicLedger with --data pointing at another folder, "
                + "or set CLINICLEDGER_DATA.");
        hint.setWrapText(true);
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        Button quit = new Button("Quit");
        quit.setId("quitButton");
        quit.setDefaultButton(true);
        quit.setOnAction(event -> Platform.exit());
        VBox card = new VBox(14, title, message, hint, quit);
        card.getStyleClass().add("first-run-card");
        card.setMaxWidth(600);
        card.setMaxHeight(VBox.USE_PREF_SIZE);
        setId("openingProblemView");
        getChildren().add(card);
        setAlignment(Pos.CENTER);
    }
}
