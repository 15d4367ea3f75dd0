package org.clinicledger.ui.common;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.stage.Window;

import org.clinicledger.clinic.ApplicationVersion;

/** Help ▸ About: the version and where this clinic's data lives. */
public final class AboutDialog {

    private AboutDialog() {
    }

    public static Alert create(Window owner, String dataFolder) {
        Alert about = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.CLOSE);
        about.initOwner(owner);
        about.setTitle("About ClinicLedger");
        about.setHeaderText("ClinicLedger " + ApplicationVersion.version());
        about.setGraphic(new ImageView(Icons.application(64)));
        Label version = FactGrid.value("aboutVersion");
        version.setText(ApplicationVersion.version());
        Label folder = FactGrid.value("aboutDataFolder");
        folder.setText(dataFolder);
        Label runtime = FactGrid.value("aboutRuntime");
        runtime.setText("Java " + System.getProperty("java.version") + ", JavaFX "
                + System.getProperty("javafx.runtime.version", "?"));
        Label licence = FactGrid.value("aboutLicence");
        licence.setText("Apache License 2.0");
        about.getDialogPane().setContent(new FactGrid()
                .row("Version", version)
                .row("Data folder", folder)
                .row("Runtime", runtime)
                .row("Licence", licence));
        about.getDialogPane().setMinWidth(520);
        return about;
    }
}
