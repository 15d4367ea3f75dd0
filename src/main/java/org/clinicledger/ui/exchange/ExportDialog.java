package org.clinicledger.ui.exchange;

import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

import atlantafx.base.theme.Styles;

import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.DialogFit;
import org.clinicledger.ui.common.FilePicker;
import org.clinicledger.ui.common.InlineMessage;
import org.clinicledger.ui.common.Texts;

/**
 * File ▸ Export…: the choice of what to export, the new-machine box, "Export…" (which asks where
 * to save, offering the service's name), a progress bar with Cancel while it runs, and the result.
 */
public final class ExportDialog {

    private ExportDialog() {
    }

    /** Shows the dialog without blocking; closing it while an export runs cancels the export. */
    public static Dialog<Void> show(Window owner, ExportViewModel model, BackgroundTasks tasks, FilePicker files) {
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.initModality(Modality.WINDOW_MODAL);
        dialog.setTitle(Texts.get("exchange.export.export"));
        dialog.setHeaderText(Texts.get("exchange.export.anExportFileCarries"));
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.getDialogPane().setId("exportDialog");
        dialog.getDialogPane().setPrefWidth(640);

        Label what = new Label(Texts.get("exchange.export.whatToExport"));
        what.getStyleClass().add(Styles.TEXT_BOLD);
        ToggleGroup group = new ToggleGroup();
        VBox choices = new VBox(6);
        for (ExportViewModel.Choice choice : model.choices()) {
            RadioButton option = new RadioButton(choice.words());
            option.setId("export" + camel(choice.name()) + "Choice");
            option.setUserData(choice);
            option.setToggleGroup(group);
            option.setSelected(choice == model.choiceProperty().get());
            choices.getChildren().add(option);
        }
        group.selectedToggleProperty().subscribe(toggle -> {
            if (toggle != null) {
                model.choiceProperty().set((ExportViewModel.Choice) toggle.getUserData());
            }
        });

        TextField subject = new TextField();
        subject.setId("exportSubjectField");
        subject.textProperty().bindBidirectional(model.subjectProperty());
        subject.promptTextProperty().bind(Bindings.createStringBinding(
                () -> model.choiceProperty().get() == ExportViewModel.Choice.DOCTOR
                        ? Texts.get("exchange.export.theDoctorsUsername")
                        : Texts.get("exchange.export.thePatientsMrnE"), model.choiceProperty()));
        subject.setAccessibleText(Texts.get("exchange.export.whomToExport"));
        subject.visibleProperty().bind(model.needsSubjectProperty());
        subject.managedProperty().bind(subject.visibleProperty());
        subject.setMaxWidth(320);

        CheckBox machine = new CheckBox(Texts.get("exchange.export.startANewMachine"));
        machine.setId("newMachineCheckBox");
        machine.selectedProperty().bindBidirectional(model.newMachineProperty());
        Label machineHint = new Label(Texts.get("exchange.export.theFileThenAlso"));
        machineHint.setWrapText(true);
        machineHint.setMinHeight(Region.USE_PREF_SIZE);
        machineHint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);

        Button export = new Button(Texts.get("exchange.export.export2"));
        export.setId("exportButton");
        export.getStyleClass().add(Styles.ACCENT);
        export.disableProperty().bind(model.exportingProperty());
        export.setOnAction(event -> model.suggestedName()
                .flatMap(name -> files.chooseFileToSave(Texts.get("exchange.export.saveTheExportFile"), name))
                .ifPresent(model::export));
        Button cancel = new Button(Texts.get("exchange.export.cancelExport"));
        cancel.setId("cancelExportButton");
        cancel.disableProperty().bind(model.exportingProperty().not());
        cancel.setOnAction(event -> model.cancel());
        ProgressBar progress = new ProgressBar();
        progress.setId("exportProgress");
        progress.setPrefWidth(180);
        progress.progressProperty().bind(tasks.progressProperty());
        progress.visibleProperty().bind(model.exportingProperty());
        HBox actions = new HBox(12, export, cancel, progress);
        actions.setAlignment(Pos.CENTER_LEFT);

        VBox content = new VBox(10, what, choices, subject, machine, machineHint, actions,
                InlineMessage.problem("exportProblem", model.problemProperty()),
                InlineMessage.success("exportResult", model.resultProperty()));
        dialog.getDialogPane().setContent(content);
        DialogFit.follow(dialog, model.resultProperty(), model.problemProperty(), model.needsSubjectProperty());
        dialog.setOnHidden(event -> model.cancel());
        dialog.show();
        return dialog;
    }

    /** WHOLE_CLINIC → WholeClinic, for node ids. */
    static String camel(String constant) {
        StringBuilder name = new StringBuilder();
        for (String part : constant.split("_")) {
            name.append(part.charAt(0)).append(part.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return name.toString();
    }
}
