package org.clinicledger.ui.reception;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import atlantafx.base.theme.Styles;

import org.clinicledger.ui.common.InlineMessage;
import org.clinicledger.ui.common.Texts;

/** A username and "Clear sign-in delay", for administrators. */
final class SignInDelayView extends VBox {

    SignInDelayView(SignInDelayViewModel model) {
        super(8);
        setId("signInDelayView");

        Label intro = new Label(Texts.get("reception.signInDelay.wrongPasswordsNeverLock"));
        intro.setWrapText(true);
        intro.setMinHeight(Region.USE_PREF_SIZE);
        intro.getStyleClass().add(Styles.TEXT_MUTED);

        TextField username = StaffRegistrationView.field("signInDelayUsernameField",
                Texts.get("reception.signInDelay.usernameOrAPatients"),
                model.usernameProperty());
        username.setAccessibleText(Texts.get("reception.signInDelay.usernameWhoseSignIn"));
        username.setOnAction(event -> model.clear());
        username.setMaxWidth(320);
        HBox.setHgrow(username, Priority.ALWAYS);
        Button clear = new Button(Texts.get("reception.signInDelay.clearSignInDelay"));
        clear.setId("clearSignInDelayButton");
        clear.disableProperty().bind(model.clearingProperty());
        clear.setOnAction(event -> model.clear());
        HBox row = new HBox(8, username, clear);
        row.setAlignment(Pos.CENTER_LEFT);

        getChildren().addAll(intro, row, InlineMessage.problem("signInDelayProblem", model.problemProperty()),
                InlineMessage.success("signInDelayOutcome", model.outcomeProperty()));
    }
}
