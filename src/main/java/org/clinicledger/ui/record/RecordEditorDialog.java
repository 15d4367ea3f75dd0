package org.clinicledger.ui.record;

import java.util.function.Consumer;

import javafx.beans.binding.Bindings;
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
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

import atlantafx.base.theme.Styles;

import org.clinicledger.clinic.Icd10Catalog;
import org.clinicledger.domain.AddedRecord;
import org.clinicledger.ui.common.FilePicker;
import org.clinicledger.ui.common.InlineMessage;
import org.clinicledger.ui.common.Texts;

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
        dialog.setTitle(model.isAmendment() ? Texts.format("record.recordEditor.amendTitle", model.patient().title())
                : Texts.format("record.recordEditor.addTitle", model.patient().title()));
        dialog.setHeaderText(model.isAmendment() ? Texts.format("record.recordEditor.amendHeader",
                model.patient().full())
                : Texts.format("record.recordEditor.addHeader", model.patient().full()));
        dialog.getDialogPane().setId("recordEditor");
        ButtonType saveType = new ButtonType(model.isAmendment() ? Texts.get("record.recordEditor.saveNewVersion")
                : Texts.get("record.recordEditor.addRecord"),
                ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(saveType, ButtonType.CANCEL);

        Icd10PickerModel picker = model.icd10();
        TextField icd10 = new TextField();
        icd10.setId("icd10Field");
        icd10.setPromptText(Texts.get("record.recordEditor.aCodeSuchAs"));
        icd10.textProperty().bindBidirectional(picker.textProperty());
        ListView<Icd10Catalog.Entry> suggestions = new ListView<>(picker.suggestions());
        suggestions.setId("icd10Suggestions");
        suggestions.setPrefHeight(150);
        suggestions.visibleProperty().bind(Bindings.isNotEmpty(picker.suggestions()));
        suggestions.managedProperty().bind(suggestions.visibleProperty());
        suggestions.setOnMouseClicked(event -> picker.choose(suggestions.getSelectionModel().getSelectedItem()));
        suggestions.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ENTER) {
                picker.choose(suggestions.getSelectionModel().getSelectedItem());
                icd10.requestFocus();
                event.consume();
            }
        });
        // Down from the field goes into the suggestions, as in a search box.
        icd10.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.DOWN && !suggestions.getItems().isEmpty()) {
                suggestions.requestFocus();
                suggestions.getSelectionModel().selectFirst();
                event.consume();
            }
        });
        Label title = InlineMessage.success("icd10Title", picker.chosenTitleProperty());
        Label warning = InlineMessage.warning("icd10Warning", picker.warningProperty());
        Label fieldProblem = InlineMessage.problem("icd10Problem", picker.problemProperty());
        TextField diagnosis = new TextField();
        diagnosis.setId("diagnosisField");
        diagnosis.textProperty().bindBidirectional(model.diagnosisProperty());
        TextArea notes = new TextArea();
        notes.setId("notesField");
        notes.setWrapText(true);
        notes.setPrefRowCount(5);
        notes.textProperty().bindBidirectional(model.notesProperty());

        ListView<RecordEditorViewModel.AttachmentChoice> attachments = new ListView<>(model.attachments());
        attachments.setId("attachmentChoices");
        attachments.setPrefHeight(80);
        attachments.setPlaceholder(new Label(Texts.get("record.recordEditor.noFiles")));
        Button add = new Button(Texts.get("record.recordEditor.attachFiles"));
        add.setId("attachFilesButton");
        add.setOnAction(event
                -> model.addFiles(files.chooseFilesToOpen(Texts.get("record.recordEditor.attachFiles2"))));
        Button remove = new Button(Texts.get("record.recordEditor.remove"));
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

        VBox content = new VBox(6, label(Texts.get("record.recordEditor.icdCodeOptionalType"), icd10),
                icd10, suggestions, title, warning, fieldProblem, label(Texts.get("record.recordEditor.diagnosis"),
                        diagnosis), diagnosis, label(Texts.get("record.recordEditor.notes"), notes), notes,
                        new Label(Texts.get("record.recordEditor.attachments")), attachments,
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
