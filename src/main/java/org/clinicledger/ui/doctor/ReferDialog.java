package org.clinicledger.ui.doctor;

import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.geometry.VPos;
import javafx.stage.Modality;
import javafx.stage.Window;

import org.clinicledger.domain.PatientSummary;
import org.clinicledger.ui.common.DialogFit;
import org.clinicledger.ui.common.DoctorPicker;
import org.clinicledger.ui.common.FieldProblems;
import org.clinicledger.ui.common.InlineMessage;
import org.clinicledger.ui.common.Texts;
import org.clinicledger.ui.doctor.ReferViewModel.Field;

/**
 * The referral form: the patient named in the header, the doctor chosen from a searchable list, the
 * reason. It stays open until the service accepts, so nothing typed is lost; Escape cancels.
 */
final class ReferDialog {

    private ReferDialog() {
    }

    /** Shows the form without blocking; {@code onReferred} runs with the sentence to tell once the referral is written. */
    static Dialog<Void> show(Window owner, ReferViewModel model, java.util.function.Consumer<String> onReferred) {
        PatientSummary patient = model.patient();
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.initModality(Modality.WINDOW_MODAL);
        dialog.setTitle(Texts.get("doctor.refer.referThePatient"));
        dialog.setHeaderText(Texts.format("doctor.refer.referToAnotherDoctor", patient.name(), patient.mrn()));
        dialog.getDialogPane().setId("referForm");
        ButtonType referType = new ButtonType(Texts.get("doctor.refer.refer"), ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(referType, ButtonType.CANCEL);

        Label explanation = new Label(Texts.get("doctor.refer.theDoctorYouChoose"));
        explanation.setWrapText(true);
        explanation.setMinHeight(Region.USE_PREF_SIZE);

        DoctorPicker doctor = new DoctorPicker("referDoctorField", model.doctors());
        doctor.bindChoice(model.doctorProperty());
        TextArea reason = new TextArea();
        reason.setId("referReasonField");
        reason.setWrapText(true);
        reason.setPrefRowCount(3);
        reason.setPromptText(Texts.get("doctor.refer.eGSecondOpinion"));
        reason.textProperty().bindBidirectional(model.reasonProperty());
        FieldProblems.decorate(doctor.searchField(), model.problem(Field.DOCTOR));
        FieldProblems.decorate(reason, model.problem(Field.REASON));

        Label doctorLabel = new Label(Texts.get("doctor.refer.referTo"));
        doctorLabel.setLabelFor(doctor.searchField());
        Label reasonLabel = new Label(Texts.get("doctor.refer.reason"));
        reasonLabel.setLabelFor(reason);
        GridPane form = new GridPane();
        form.setHgap(16);
        form.setVgap(6);
        form.addRow(0, doctorLabel, doctor);
        form.add(InlineMessage.problem("referDoctorProblem", model.problem(Field.DOCTOR)), 1, 1);
        form.addRow(2, reasonLabel, reason);
        form.add(InlineMessage.problem("referReasonProblem", model.problem(Field.REASON)), 1, 3);
        GridPane.setValignment(doctorLabel, VPos.TOP);
        GridPane.setValignment(reasonLabel, VPos.TOP);

        VBox content = new VBox(12, explanation, form, InlineMessage.problem("referProblem", model.problemProperty()));
        content.setPrefWidth(580);
        dialog.getDialogPane().setContent(content);

        Button refer = (Button) dialog.getDialogPane().lookupButton(referType);
        refer.setId("confirmReferButton");
        refer.disableProperty().bind(model.referringProperty());
        dialog.getDialogPane().lookupButton(ButtonType.CANCEL).setId("cancelReferButton");
        // The form stays open until the service accepts; each problem shows at its field.
        refer.addEventFilter(ActionEvent.ACTION, event -> {
            event.consume();
            model.refer(() -> {
                dialog.close();
                onReferred.accept(model.resultProperty().get());
            });
        });
        DialogFit.follow(dialog, model.problem(Field.DOCTOR), model.problem(Field.REASON), model.problemProperty());
        dialog.setOnShown(event -> doctor.searchField().requestFocus());
        model.loadDoctors();
        dialog.show();
        return dialog;
    }
}
