package org.clinicledger.ui.reception;

import javafx.beans.property.SimpleBooleanProperty;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

import org.clinicledger.domain.AccessPolicy;
import org.clinicledger.domain.PatientSummary;
import org.clinicledger.ui.common.DialogFit;
import org.clinicledger.ui.common.FormGrid;
import org.clinicledger.ui.common.InlineMessage;
import org.clinicledger.ui.common.Texts;

/**
 * The emergency-access form, in a dialog that stays open until the service accepts it: each
 * refusal is said at the field it is about.
 */
final class EmergencyAccessDialog {

    private EmergencyAccessDialog() {
    }

    /** Shows the form for the chosen patient without blocking; {@code onOpened} runs after the access was recorded. */
    static Dialog<Void> show(Window owner, EmergencyAccessViewModel model, Runnable onOpened) {
        PatientSummary patient = model.patientProperty().get();
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.initModality(Modality.WINDOW_MODAL);
        dialog.setTitle(Texts.get("reception.emergencyAccess.emergencyAccess"));
        dialog.setHeaderText(Texts.format("reception.emergencyAccess.emergencyAccessToThe", patient.name(),
                patient.mrn()));
        dialog.getDialogPane().setId("emergencyAccessForm");
        ButtonType openType = new ButtonType(Texts.get("reception.emergencyAccess.openTheRecords"),
                ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(openType, ButtonType.CANCEL);

        Label explanation = new Label(Texts.format("reception.emergencyAccess.youWillHoldCopies",
                AccessPolicy.EMERGENCY_WINDOW.toHours()));
        explanation.setWrapText(true);
        explanation.setMinHeight(Region.USE_PREF_SIZE);

        TextArea reason = new TextArea();
        reason.setId("emergencyReasonField");
        reason.setWrapText(true);
        reason.setPrefRowCount(3);
        reason.setPromptText(Texts.get("reception.emergencyAccess.eGPatientUnconscious"));
        reason.textProperty().bindBidirectional(model.reasonProperty());
        FormGrid form = new FormGrid()
                .row(Texts.get("reception.emergencyAccess.reason"), reason)
                .message(InlineMessage.problem("emergencyReasonProblem", model.reasonProblemProperty()));
        SecondHolderFields.addTo(form, model.secondHolder(), "emergency", new SimpleBooleanProperty(true));
        form.message(InlineMessage.problem("emergencyConfirmationProblem", model.confirmationProblemProperty()));

        VBox content = new VBox(12, explanation, form);
        content.setPrefWidth(620);
        dialog.getDialogPane().setContent(content);

        Button open = (Button) dialog.getDialogPane().lookupButton(openType);
        open.setId("confirmEmergencyButton");
        open.disableProperty().bind(model.openingProperty());
        // The form stays open until the service accepts; its refusal shows at the field.
        open.addEventFilter(ActionEvent.ACTION, event -> {
            event.consume();
            model.open(() -> {
                dialog.close();
                onOpened.run();
            });
        });
        dialog.setOnHidden(event -> model.closeForm());
        DialogFit.follow(dialog, model.reasonProblemProperty(), model.confirmationProblemProperty(),
                model.secondHolder().holderProperty());
        dialog.show();
        return dialog;
    }
}
