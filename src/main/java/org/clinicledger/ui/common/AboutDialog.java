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
        about.setTitle(Texts.get("common.about.aboutClinicledger"));
        about.setHeaderText(Texts.format("common.about.header", ApplicationVersion.version()));
        about.setGraphic(new ImageView(Icons.application(64)));
        Label version = FactGrid.value("aboutVersion");
        version.setText(ApplicationVersion.version());
        Label folder = FactGrid.value("aboutDataFolder");
        folder.setText(dataFolder);
        Label runtime = FactGrid.value("aboutRuntime");
        runtime.setText(Texts.format("common.about.runtimeValue", System.getProperty("java.version"),
                System.getProperty("javafx.runtime.version", "?")));
        Label licence = FactGrid.value("aboutLicence");
        licence.setText(Texts.get("common.about.apacheLicense"));
        FactGrid facts = new FactGrid()
                .row(Texts.get("common.about.version"), version)
                .row(Texts.get("common.about.dataFolder"), folder)
                .row(Texts.get("common.about.runtime"), runtime)
                .row(Texts.get("common.about.licence"), licence);
        Label noKey = FactGrid.value("clinicFingerprint");
        noKey.setText(Texts.get("common.about.thisClinicHasNot"));
        about.getDialogPane().setContent(new VBox(16, facts,
                fingerprint.<Node>map(ClinicKeyCard::new).orElse(noKey)));
        about.getDialogPane().setMinWidth(520);
        return about;
    }
}
