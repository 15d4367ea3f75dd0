package org.clinicledger.ui.common;

import java.util.Optional;

import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import org.clinicledger.clinic.ApplicationVersion;
import org.clinicledger.domain.ClinicFingerprint;

/** Help ▸ About: the version, where this clinic's data lives, and the clinic's identity. */
public final class AboutDialog {

    private AboutDialog() {
    }

    /** @param fingerprint the clinic key's fingerprint, or empty before set-up */
    public static Alert create(Window owner, String dataFolder, Optional<ClinicFingerprint> fingerprint) {
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
        FactGrid facts = new FactGrid()
                .row("Version", version)
                .row("Data folder", folder)
                .row("Runtime", runtime)
                .row("Licence", licence);
        Label noKey = FactGrid.value("clinicFingerprint");
        noKey.setText("This clinic has not been set up yet, so it has no clinic key.");
        about.getDialogPane().setContent(new VBox(16, facts,
                fingerprint.<Node>map(ClinicKeyCard::new).orElse(noKey)));
        about.getDialogPane().setMinWidth(520);
        return about;
    }
}
