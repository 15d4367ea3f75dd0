package org.clinicledger.ui.account;

import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

import org.clinicledger.domain.PasswordRules;
import org.clinicledger.ui.common.DialogFit;
import org.clinicledger.ui.common.FormGrid;
import org.clinicledger.ui.common.InlineMessage;
import org.clinicledger.ui.common.Texts;

/**
 * Account ▸ Change password…: the form stays open until the password is changed, each problem at
 * its field; then it closes and says so.
 */
public final class ChangePasswordDialog {

    private ChangePasswordDialog() {
    }

    /** Shows the form without blocking; {@code onChanged} runs once the password was changed. */
    public static Dialog<Void> show(Window owner, ChangePasswordViewModel model, Runnable onChanged) {
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.initModality(Modality.WINDOW_MODAL);
        dialog.setTitle(Texts.get("account.changePassword.changePassword"));
        dialog.setHeaderText(Texts.format("account.changePassword.header", model.username()));
        dialog.getDialogPane().setId("changePasswordForm");
        ButtonType changeType = new ButtonType(Texts.get("account.changePassword.changePassword"),
                ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(changeType, ButtonType.CANCEL);

        Label explanation = new Label(Texts.format("account.changePassword.explanation",
                PasswordRules.MIN_LENGTH));
        explanation.setWrapText(true);
        explanation.setMinHeight(Region.USE_PREF_SIZE);

        PasswordField current = field("currentPasswordField", Texts.get("account.changePassword.currentPassword"),
                model.currentProperty());
        PasswordField fresh = field("newPasswordField", Texts.get("account.changePassword.newPassword"),
                model.freshProperty());
        PasswordField repeated = field("repeatPasswordField", Texts.get("account.changePassword.newPasswordAgain"),
                model.repeatedProperty());
        FormGrid form = new FormGrid()
                .row(Texts.get("account.changePassword.currentPassword"), current)
                .message(InlineMessage.problem("currentPasswordProblem", model.currentProblemProperty()))
                .row(Texts.get("account.changePassword.newPassword"), fresh)
                .message(InlineMessage.problem("newPasswordProblem", model.freshProblemProperty()))
                .row(Texts.get("account.changePassword.newPasswordAgain"), repeated)
                .message(InlineMessage.problem("repeatPasswordProblem", model.repeatedProblemProperty()))
                .message(InlineMessage.problem("changePasswordProblem", model.problemProperty()));

        VBox content = new VBox(12, explanation, form);
        content.setPrefWidth(520);
        dialog.getDialogPane().setContent(content);

        Button change = (Button) dialog.getDialogPane().lookupButton(changeType);
        change.setId("confirmChangePasswordButton");
        change.disableProperty().bind(model.busyProperty());
        change.addEventFilter(ActionEvent.ACTION, event -> {
            event.consume();
            model.change(() -> {
                dialog.close();
                onChanged.run();
            });
        });
        dialog.setOnHidden(event -> model.clear());
        DialogFit.follow(dialog, model.currentProblemProperty(), model.freshProblemProperty(),
                model.repeatedProblemProperty(), model.problemProperty());
        dialog.setOnShown(event -> current.requestFocus());
        dialog.show();
        return dialog;
    }

    private static PasswordField field(String id, String accessibleText, javafx.beans.property.StringProperty text) {
        PasswordField field = new PasswordField();
        field.setId(id);
        field.setAccessibleText(accessibleText);
        field.textProperty().bindBidirectional(text);
        return field;
    }
}
