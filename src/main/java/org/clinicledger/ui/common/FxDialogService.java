package org.clinicledger.ui.common;

import java.nio.file.Path;
import java.util.Optional;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputDialog;
import javafx.stage.Modality;
import javafx.stage.Window;

/** Dialogs as JavaFX alerts, owned by the main window. */
public final class FxDialogService implements DialogService {

    private final Window owner;
    private final Path logFolder;

    /** {@code logFolder} is named in unexpected-error dialogs; null when there is no data folder yet. */
    public FxDialogService(Window owner, Path logFolder) {
        this.owner = owner;
        this.logFolder = logFolder;
    }

    @Override
    public void showInformation(String title, String message) {
        alert(Alert.AlertType.INFORMATION, title, message).showAndWait();
    }

    @Override
    public void showError(String title, String message) {
        alert(Alert.AlertType.ERROR, title, message).showAndWait();
    }

    @Override
    public void showUnexpectedError(String errorCode) {
        String where = logFolder == null ? Texts.get("common.fxDialogService.theLog")
                : Texts.format("common.fxDialogService.theLogIn", logFolder);
        Alert alert = alert(Alert.AlertType.ERROR, Texts.get("common.fxDialogService.somethingWentWrong"),
                Texts.format("common.fxDialogService.unexpected", errorCode, where));
        alert.setHeaderText(Texts.format("common.fxDialogService.errorCode", errorCode));
        alert.showAndWait();
    }

    @Override
    public boolean confirm(String title, String message, String confirmLabel) {
        ButtonType confirm = new ButtonType(confirmLabel, ButtonBar.ButtonData.OK_DONE);
        Alert alert = alert(Alert.AlertType.CONFIRMATION, title, message);
        alert.getButtonTypes().setAll(confirm, ButtonType.CANCEL);
        return alert.showAndWait().filter(confirm::equals).isPresent();
    }

    @Override
    public Optional<String> askForText(String title, String label, String initialValue) {
        TextInputDialog dialog = new TextInputDialog(initialValue);
        dialog.initOwner(owner);
        dialog.setTitle(title);
        dialog.setHeaderText(null);
        dialog.setContentText(label);
        return dialog.showAndWait();
    }

    private Alert alert(Alert.AlertType type, String title, String message) {
        Alert alert = new Alert(type);
        alert.initOwner(owner);
        alert.initModality(Modality.WINDOW_MODAL);
        alert.setTitle(title);
        alert.setHeaderText(title);
        Label content = new Label(message);
        content.setWrapText(true);
        content.setId("dialogMessage");
        alert.getDialogPane().setContent(content);
        alert.getDialogPane().setMinWidth(440);
        return alert;
    }
}
