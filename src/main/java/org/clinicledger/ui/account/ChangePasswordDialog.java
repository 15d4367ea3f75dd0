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
        dialog.setTitle("Change password");
        dialog.setHeaderText("Change the password of " + model.username());
        dialog.getDialogPane().setId("changePasswordForm");
        ButtonType changeType = new ButtonType("Change password", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(changeType, ButtonType.CANCEL);

        Label explanation = new Label("Your keys stay the same: they are sealed anew under the new password, and a "
                + "block on your chain records that the password changed. A new password needs at least "
                + PasswordRules.MIN_LENGTH + " characters; a few words make a good one.");
        explanation.setWrapText(true);
        explanation.setMinHeight(Region.USE_PREF_SIZE);

        PasswordField current = field("currentPasswordField", "Current password", model.currentProperty());
        PasswordField fresh = field("newPasswordField", "New password", model.freshProperty());
        PasswordField repeated = field("repeatPasswordField", "New password again", model.repeatedProperty());
        FormGrid form = new FormGrid()
                .row("Current password", current)
                .message(InlineMessage.problem("currentPasswordProblem", model.currentProblemProperty()))
                .row("New password", fresh)
                .message(InlineMessage.problem("newPasswordProblem", model.freshProblemProperty()))
                .row("New password again", repeated)
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
