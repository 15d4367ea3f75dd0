package org.clinicledger.ui.reception;

import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import org.clinicledger.clinic.KeyRecovery;
import org.clinicledger.domain.PasswordRules;
import org.clinicledger.ui.common.FormGrid;
import org.clinicledger.ui.common.InlineMessage;
import org.clinicledger.ui.common.TypedSecrets;

/** The administrator's form that recovers the keys of a person who forgot their password. */
final class KeyRecoveryView extends VBox {

    KeyRecoveryView(KeyRecoveryViewModel model) {
        super(8);
        setId("keyRecoveryView");

        TextField person = StaffRegistrationView.field("recoverPersonField", "username, or the patient's MRN",
                model.personProperty());
        TextField reason = StaffRegistrationView.field("recoverReasonField", "e.g. Forgot the password; ID checked",
                model.reasonProperty());
        PasswordField password = new PasswordField();
        password.setId("recoverPasswordField");
        password.textProperty().bindBidirectional(model.passwordProperty());
        PasswordField confirmation = new PasswordField();
        confirmation.setId("recoverConfirmPasswordField");
        confirmation.setPromptText("Type the password again");
        confirmation.textProperty().bindBidirectional(model.confirmationProperty());
        confirmation.setOnAction(event -> model.recover());

        FormGrid form = new FormGrid()
                .row("Person", person)
                .row("Reason", reason)
                .row("New password", password)
                .row("New password again", confirmation)
                .hint("Hand the keyboard to the person for their new password (at least " + PasswordRules.MIN_LENGTH
                        + " characters). The reason, at least " + KeyRecovery.MIN_REASON
                        + " characters, is kept sealed with the event. Their records are opened again from the "
                        + "clinic's escrow key, which takes a second holder: another administrator, or the "
                        + "recovery sheet.");
        SecondHolderFields.addTo(form, model.secondHolder(), "recover", new SimpleBooleanProperty(true));

        Button recover = new Button("Recover keys…");
        recover.setId("recoverKeysButton");
        recover.disableProperty().bind(model.savingProperty());
        recover.setOnAction(event -> model.recover());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(model.savingProperty());
        HBox actions = new HBox(12, recover, busy);
        actions.setAlignment(Pos.CENTER_LEFT);

        getChildren().addAll(form, InlineMessage.problem("recoverProblem", model.problemProperty()),
                InlineMessage.success("recoverResult", model.resultProperty()), actions);
        TypedSecrets.clearWhenRemoved(this, () -> model.clearSecrets());
    }
}
