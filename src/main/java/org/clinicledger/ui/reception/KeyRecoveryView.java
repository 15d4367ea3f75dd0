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
import org.clinicledger.ui.common.Texts;

/** The administrator's form that recovers the keys of a person who forgot their password. */
final class KeyRecoveryView extends VBox {

    KeyRecoveryView(KeyRecoveryViewModel model) {
        super(8);
        setId("keyRecoveryView");

        TextField person = StaffRegistrationView.field("recoverPersonField",
                Texts.get("reception.keyRecovery.usernameOrThePatients"),
                model.personProperty());
        TextField reason = StaffRegistrationView.field("recoverReasonField",
                Texts.get("reception.keyRecovery.eGForgotThe"),
                model.reasonProperty());
        PasswordField password = new PasswordField();
        password.setId("recoverPasswordField");
        password.textProperty().bindBidirectional(model.passwordProperty());
        PasswordField confirmation = new PasswordField();
        confirmation.setId("recoverConfirmPasswordField");
        confirmation.setPromptText(Texts.get("reception.keyRecovery.typeThePasswordAgain"));
        confirmation.textProperty().bindBidirectional(model.confirmationProperty());
        confirmation.setOnAction(event -> model.recover());

        FormGrid form = new FormGrid()
                .row(Texts.get("reception.keyRecovery.person"), person)
                .row(Texts.get("reception.keyRecovery.reason"), reason)
                .row(Texts.get("reception.keyRecovery.newPassword"), password)
                .row(Texts.get("reception.keyRecovery.newPasswordAgain"), confirmation)
                .hint(Texts.format("reception.keyRecovery.handTheKeyboardTo", PasswordRules.MIN_LENGTH,
                        KeyRecovery.MIN_REASON));
        SecondHolderFields.addTo(form, model.secondHolder(), "recover", new SimpleBooleanProperty(true));

        Button recover = new Button(Texts.get("reception.keyRecovery.recoverKeys"));
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
