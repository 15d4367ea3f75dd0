package org.clinicledger.ui.common;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import atlantafx.base.theme.Styles;

import org.clinicledger.domain.ClinicFingerprint;

/**
 * The clinic's identity as people check it: the clinic key's fingerprint in groups of four, to read
 * aloud over the phone, and the same as a QR code, to scan and compare with a receipt or an export.
 */
public final class ClinicKeyCard extends HBox {

    private static final int MODULE_PIXELS = 3;

    public ClinicKeyCard(ClinicFingerprint fingerprint) {
        super(16);
        setAlignment(Pos.CENTER_LEFT);
        Label grouped = new Label(fingerprint.grouped());
        grouped.setId("clinicFingerprint");
        grouped.getStyleClass().add(Styles.TITLE_4);
        grouped.setStyle("-fx-font-family: monospace;");
        Label explanation = new Label(Texts.get("common.clinicKeyCard.theClinicsIdentityThe"));
        explanation.setWrapText(true);
        explanation.getStyleClass().add(Styles.TEXT_MUTED);
        explanation.setMaxWidth(360);
        ImageView code = new ImageView(QrCodes.of(fingerprint.grouped(), MODULE_PIXELS));
        code.setId("clinicFingerprintQr");
        code.setAccessibleText(Texts.format("common.clinicKeyCard.qrCode", fingerprint.grouped()));
        getChildren().addAll(new VBox(8, grouped, explanation), code);
    }
}
