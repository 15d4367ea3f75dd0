package org.clinicledger.ui.exchange;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

import org.clinicledger.ui.common.Texts;

/** The "Export as FHIR…" button as the Patient and Doctor tabs show it, with its "With attachments" choice. */
public final class FhirExportView {

    private FhirExportView() {
    }

    /**
     * {@code export} and "With attachments" beside it, kept together when a row of buttons wraps;
     * the choice is ticked by default and can be changed whenever the button can be pressed.
     */
    public static HBox withAttachments(Button export, FhirExportViewModel model) {
        CheckBox box = new CheckBox(Texts.get("exchange.fhir.withAttachments"));
        box.setId("fhirAttachmentsCheckBox");
        box.setTooltip(new Tooltip(Texts.get("exchange.fhir.withAttachmentsTip")));
        box.selectedProperty().bindBidirectional(model.includeAttachmentsProperty());
        box.disableProperty().bind(export.disabledProperty());
        HBox group = new HBox(8, export, box);
        group.setAlignment(Pos.CENTER_LEFT);
        return group;
    }
}
