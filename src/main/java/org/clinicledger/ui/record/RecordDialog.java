package org.clinicledger.ui.record;

import java.util.List;
import java.util.function.Consumer;

import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

import atlantafx.base.theme.Styles;

import org.clinicledger.domain.ByteSize;
import org.clinicledger.domain.AttachmentSummary;
import org.clinicledger.domain.RecordHistoryEntry;
import org.clinicledger.domain.RecordVersion;
import org.clinicledger.ui.common.FactGrid;
import org.clinicledger.ui.common.FilePicker;
import org.clinicledger.ui.common.Formats;
import org.clinicledger.ui.common.InlineMessage;
import org.clinicledger.ui.common.TextColumn;
import org.clinicledger.ui.receipt.PatientCopyViewModel;
import org.clinicledger.ui.receipt.ReceiptDialog;
import org.clinicledger.ui.common.HashText;
import org.clinicledger.ui.common.Texts;

/**
 * An opened record: what it says, its hash, its files, its history and what changed between
 * versions; the patient's copy of the version shown and its receipt.
 */
public final class RecordDialog {

    private RecordDialog() {
    }

    /**
     * Shows the record without blocking; {@code onAmend} (null when the reader may not amend) gets
     * the shown version when the doctor asks to amend it.
     */
    public static Dialog<Void> show(Window owner, RecordViewModel model, FilePicker files,
            Consumer<RecordVersion> onAmend) {
        RecordVersion latest = model.shown().latest();
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.initModality(Modality.WINDOW_MODAL);
        dialog.setTitle(Texts.format("record.recordOf", model.patient().title()));
        dialog.setHeaderText(Texts.format("record.recordVersion", model.patient().full(), latest.recordId(),
                latest.version()));
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.getDialogPane().setId("recordDialog");

        Label notice = new Label(Texts.get("record.openingIsRecordedOn"));
        notice.setId("openedNotice");
        notice.getStyleClass().add(Styles.TEXT_MUTED);

        FactGrid facts = new FactGrid()
                .row(Texts.get("record.record"), value("recordIdValue", latest.recordId()))
                .row(Texts.get("record.version"), value("recordVersionValue", Integer.toString(latest.version())))
                .row(Texts.get("record.writtenBy"), value("recordAuthorValue", latest.author()))
                .row(Texts.get("record.written"), value("recordCreatedValue", Formats.time(latest.createdAt())))
                .row(Texts.get("record.icd10"), value("recordIcd10Value",
                        latest.icd10() == null ? "—" : latest.icd10().value()))
                .row(Texts.get("record.diagnosis"), value("recordDiagnosisValue", latest.diagnosis()));
        HashText hash = new HashText("recordHashValue", new SimpleStringProperty(model.shown().recordHash()));
        TextArea notes = new TextArea(latest.notes());
        notes.setId("recordNotesValue");
        notes.setEditable(false);
        notes.setWrapText(true);
        notes.setPrefRowCount(4);

        ListView<AttachmentSummary> attachments = new ListView<>(FXCollections.observableArrayList(
                latest.attachments()));
        attachments.setId("attachmentsList");
        attachments.setPrefHeight(80);
        attachments.setPlaceholder(new Label(Texts.get("record.noAttachments")));
        attachments.setCellFactory(list -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(AttachmentSummary item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.name() + " (" + ByteSize.format(item.size()) + ")");
            }
        });
        Button saveAttachment = new Button(Texts.get("record.saveAttachment"));
        saveAttachment.setId("saveAttachmentButton");
        saveAttachment.disableProperty().bind(attachments.getSelectionModel().selectedItemProperty().isNull());
        saveAttachment.setOnAction(event -> {
            int index = attachments.getSelectionModel().getSelectedIndex();
            AttachmentSummary chosen = attachments.getSelectionModel().getSelectedItem();
            files.chooseFileToSave(Texts.get("record.saveAttachment2"), chosen.name())
                    .ifPresent(target -> model.saveAttachment(index, target));
        });
        Label status = new Label();
        status.setId("recordStatus");
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());

        TableView<RecordHistoryEntry> history = new TableView<>(FXCollections.observableArrayList(
                model.shown().history()));
        history.setId("historyTable");
        history.setPrefHeight(110);
        history.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        history.getColumns().addAll(List.of(
                TextColumn.<RecordHistoryEntry>of(Texts.get("record.version"), 60,
                        entry -> Integer.toString(entry.version())),
                TextColumn.<RecordHistoryEntry>of(Texts.get("record.written"), 150,
                        entry -> Formats.time(entry.createdAt())),
                TextColumn.<RecordHistoryEntry>of(Texts.get("record.by"), 100, RecordHistoryEntry::author),
                TextColumn.<RecordHistoryEntry>of(Texts.get("record.recordHash"), 200,
                        entry -> Formats.shortHash(entry.recordHash()))));

        ComboBox<Integer> from = new ComboBox<>(FXCollections.observableArrayList(model.versions()));
        from.setId("compareFromBox");
        ComboBox<Integer> to = new ComboBox<>(FXCollections.observableArrayList(model.versions()));
        to.setId("compareToBox");
        List<Integer> versions = model.versions();
        from.setValue(versions.size() > 1 ? versions.get(versions.size() - 2) : versions.get(0));
        to.setValue(versions.get(versions.size() - 1));
        Button compare = new Button(Texts.get("record.compareVersions"));
        compare.setId("compareButton");
        compare.disableProperty().bind(from.valueProperty().isNull().or(to.valueProperty().isNull()));
        compare.setOnAction(event -> model.compare(from.getValue(), to.getValue()));
        ListView<String> differences = new ListView<>(model.differences());
        differences.setId("differencesList");
        differences.setPrefHeight(90);
        differences.setPlaceholder(new Label(Texts.get("record.chooseTwoVersionsAnd")));

        // The actions keep their words whole and wrap to a second line in a narrow dialog.
        FlowPane actions = new FlowPane(8, 8, saveAttachment);
        PatientCopyViewModel copies = model.copies(files);
        Button saveCopy = new Button(model.readerIsPatient() ? Texts.get("record.saveMyCopy")
                : Texts.get("record.saveThePatientsCopy"));
        saveCopy.setId("saveCopyButton");
        saveCopy.disableProperty().bind(copies.savingProperty());
        saveCopy.setOnAction(event -> copies.save(latest.id(), latest.version()));
        Button receipt = new Button(Texts.get("record.receipt"));
        receipt.setId("receiptButton");
        receipt.setOnAction(event -> ReceiptDialog.show(dialog.getDialogPane().getScene().getWindow(),
                model.receipt(), files));
        actions.getChildren().addAll(saveCopy, receipt);
        if (onAmend != null) {
            Button amend = new Button(Texts.get("record.amend"));
            amend.setId("amendButton");
            amend.setOnAction(event -> {
                dialog.close();
                onAmend.accept(latest);
            });
            actions.getChildren().add(amend);
        }
        actions.getChildren().forEach(node -> ((Region) node).setMinWidth(Region.USE_PREF_SIZE));
        VBox content = new VBox(8, notice, facts, heading(Texts.get("record.recordHash")), hash,
                heading(Texts.get("record.notes")), notes,
                heading(Texts.get("record.attachments")), attachments, actions, status,
                InlineMessage.success("copyMessage", copies.messageProperty()),
                InlineMessage.problem("copyProblem", copies.problemProperty()), heading(Texts.get("record.versions")),
                        history,
                new HBox(8, new Label(Texts.get("record.from")), from, new Label(Texts.get("record.to")), to, compare),
                        differences);
        content.setPadding(new Insets(4));
        content.setPrefWidth(620);
        // A long record scrolls inside the dialog rather than pushing its buttons off the screen.
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(owner == null ? 560 : Math.max(300, Math.min(620, owner.getHeight() - 240)));
        dialog.getDialogPane().setContent(scroll);
        dialog.setResizable(true);
        dialog.show();
        return dialog;
    }

    private static Label value(String id, String text) {
        Label value = FactGrid.value(id);
        value.setText(text);
        return value;
    }

    private static Label heading(String text) {
        Label label = new Label(text);
        label.getStyleClass().add(Styles.TEXT_BOLD);
        return label;
    }

}
