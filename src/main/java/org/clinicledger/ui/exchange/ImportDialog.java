package org.clinicledger.ui.exchange;

import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
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
 * File ▸ Import…: the export file (chosen here or given when the app was opened with it),
 * "Import", a progress bar with Cancel while it runs, and what the import did.
 */
public final class ImportDialog {

    private ImportDialog() {
    }

    /** Shows the dialog without blocking; closing it while an import runs cancels the import. */
    public static Dialog<Void> show(Window owner, ImportViewModel model, BackgroundTasks tasks, FilePicker files) {
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.initModality(Modality.WINDOW_MODAL);
        dialog.setTitle(Texts.get("exchange.import.import"));
        dialog.setHeaderText(Texts.get("exchange.import.anExportFileFrom"));
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.getDialogPane().setId("importDialog");
        dialog.getDialogPane().setPrefWidth(640);

        Label file = new Label();
        file.setId("importFileName");
        file.setWrapText(true);
        file.textProperty().bind(Bindings.createStringBinding(() -> model.fileProperty().get() == null
                ? Texts.get("exchange.import.noFileChosen") : model.fileProperty().get().toString(),
                        model.fileProperty()));
        HBox.setHgrow(file, Priority.ALWAYS);
        Button choose = new Button(Texts.get("exchange.import.chooseFile"));
        choose.setId("chooseImportFileButton");
        choose.disableProperty().bind(model.importingProperty());
        choose.setOnAction(event
                -> files.chooseFilesToOpen(Texts.get("exchange.import.chooseAnExportFile")).stream().findFirst()
                .ifPresent(model.fileProperty()::set));
        HBox chosen = new HBox(12, choose, file);
        chosen.setAlignment(Pos.CENTER_LEFT);

        Button start = new Button(Texts.get("exchange.import.import"));
        start.setId("importButton");
        start.getStyleClass().add(Styles.ACCENT);
        start.disableProperty().bind(model.importingProperty().or(model.fileProperty().isNull()));
        start.setOnAction(event -> model.importFile());
        Button cancel = new Button(Texts.get("exchange.import.cancelImport"));
        cancel.setId("cancelImportButton");
        cancel.disableProperty().bind(model.importingProperty().not());
        cancel.setOnAction(event -> model.cancel());
        ProgressBar progress = new ProgressBar();
        progress.setId("importProgress");
        progress.setPrefWidth(180);
        progress.progressProperty().bind(tasks.progressProperty());
        progress.visibleProperty().bind(model.importingProperty());
        HBox actions = new HBox(12, start, cancel, progress);
        actions.setAlignment(Pos.CENTER_LEFT);

        VBox content = new VBox(12, chosen, actions, InlineMessage.problem("importProblem", model.problemProperty()),
                InlineMessage.success("importResult", model.resultProperty()));
        dialog.getDialogPane().setContent(content);
        DialogFit.follow(dialog, model.resultProperty(), model.problemProperty(), model.fileProperty());
        dialog.setOnHidden(event -> model.cancel());
        dialog.show();
        return dialog;
    }
}
