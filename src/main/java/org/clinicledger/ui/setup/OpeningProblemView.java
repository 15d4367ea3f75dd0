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

    /** What to do about a folder that cannot be used at all. */
    public static final String ANOTHER_FOLDER = "Nothing was changed. Start ClinicLedger with --data pointing at "
            + "another folder, or set CLINICLEDGER_DATA.";
    /** What to do about a folder this computer saw newer: the problem itself says how to accept it. */
    public static final String ROLLED_BACK = "Nothing was changed, and ClinicLedger will not work in this folder "
            + "until the newest copy is back or an administrator has accepted this one.";

    public OpeningProblemView(String problem, String whatToDo) {
        Label title = new Label("ClinicLedger cannot open its data folder");
        title.getStyleClass().add(Styles.TITLE_2);
        Label message = new Label(problem);
        message.setId("openingProblemMessage");
        message.setWrapText(true);
        Label hint = new Label(whatToDo);
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
