package org.clinicledger.ui.record;

import java.util.function.Consumer;

import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

import atlantafx.base.theme.Styles;

import org.clinicledger.domain.AddedRecord;
import org.clinicledger.ui.common.FilePicker;

/** The form of a new record or a new version, in a dialog that stays open until the service accepts it. */
public final class RecordEditorDialog {

    private RecordEditorDialog() {
    }

    /** Shows the form without blocking; {@code onSaved} runs after the record was written and the form closed. */
    public static Dialog<AddedRecord> show(Window owner, RecordEditorViewModel model, FilePicker files,
            Consumer<AddedRecord> onSaved) {
        Dialog<AddedRecord> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.initModality(Modality.WINDOW_MODAL);
        dialog.setTitle(model.isAmendment() ? "Amend the record" : "Add a record");
        dialog.setHeaderText(model.isAmendment() ? "A new version; the earlier ones stay in the history."
                : "A new record for this patient.");
        dialog.getDialogPane().setId("recordEditor");
        ButtonType saveType = new ButtonType(model.isAmendment() ? "Save new version" : "Add record",
                ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(saveType, ButtonType.CANCEL);

        TextField icd10 = new TextField();
        icd10.setId("icd10Field");
        icd10.setPromptText("such as J45 or E11.9");
        icd10.textProperty().bindBidirectional(model.icd10Property());
        TextField diagnosis = new TextField();
        diagnosis.setId("diagnosisField");
        diagnosis.textProperty().bindBidirectional(model.diagnosisProperty());
        TextArea notes = new TextArea();
        notes.setId("notesField");
        notes.setWrapText(true);
        notes.setPrefRowCount(5);
        notes.textProperty().bindBidirectional(model.notesProperty());

        ListView<RecordEditorViewModel.ChosenFile> attachments = new ListView<>(model.attachments());
        attachments.setId("attachmentChoices");
        attachments.setPrefHeight(80);
        attachments.setPlaceholder(new Label(model.isAmendment()
                ? "No files. Files of the earlier version are not carried over: attach them again if they still belong."
                : "No files."));
        Button add = new Button("Attach files…");
        add.setId("attachFilesButton");
        add.setOnAction(event -> model.addFiles(files.chooseFilesToOpen("Attach files")));
        Button remove = new Button("Remove");
        remove.setId("removeAttachmentButton");
        remove.disableProperty().bind(attachments.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(event -> model.removeFile(attachments.getSelectionModel().getSelectedItem()));

        Label problem = new Label();
        problem.setId("recordFormProblem");
        problem.setWrapText(true);
        problem.getStyleClass().add(Styles.DANGER);
        problem.textProperty().bind(model.problemProperty());
        problem.visibleProperty().bind(model.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());

        VBox content = new VBox(6, label("ICD-10 code (optional)", icd10), icd10, label("Diagnosis", diagnosis),
                diagnosis, label("Notes", notes), notes, new Label("Attachments"), attachments,
                new HBox(8, add, remove), problem);
        content.setPadding(new Insets(4));
        content.setPrefWidth(520);
        dialog.getDialogPane().setContent(content);

        Button save = (Button) dialog.getDialogPane().lookupButton(saveType);
        save.setId("saveRecordButton");
        save.disableProperty().bind(model.savingProperty());
        // The form stays open until the service accepts the record; its refusal shows in the form.
        save.addEventFilter(ActionEvent.ACTION, event -> {
            event.consume();
            model.save(added -> {
                dialog.setResult(added);
                dialog.close();
                onSaved.accept(added);
            });
        });
        dialog.show();
        return dialog;
    }

    private static Label label(String text, Node field) {
        Label label = new Label(text);
        label.setLabelFor(field);
        return label;
    }
}
