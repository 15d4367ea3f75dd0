package org.clinicledger.ui.setup;

import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import atlantafx.base.theme.Styles;

import org.clinicledger.ui.common.Texts;

/** Shown instead of everything else when the data folder cannot be used; nothing was written to it. */
public final class OpeningProblemView extends StackPane {

    /** What to do about a folder that cannot be used at all. */
    public static final String ANOTHER_FOLDER = Texts.get("setup.openingProblem.nothingWasChangedStart");
    /** What to do about a folder this computer saw newer: the problem itself says how to accept it. */
    public static final String ROLLED_BACK = Texts.get("setup.openingProblem.nothingWasChangedAnd");

    public OpeningProblemView(String problem, String whatToDo) {
        Label title = new Label(Texts.get("setup.openingProblem.clinicledgerCannotOpenIts"));
        title.getStyleClass().add(Styles.TITLE_2);
        Label message = new Label(problem);
        message.setId("openingProblemMessage");
        message.setWrapText(true);
        Label hint = new Label(whatToDo);
        hint.setWrapText(true);
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        Button quit = new Button(Texts.get("setup.openingProblem.quit"));
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
