package org.clinicledger.ui.exchange;

import javafx.scene.control.CheckBox;
import javafx.scene.control.Tooltip;

import org.clinicledger.ui.common.Texts;

/** What the Patient and Doctor tabs show beside their "Export as FHIR…" button. */
public final class FhirExportView {

    private FhirExportView() {
    }

    /** "With attachments", ticked by default and fixed while an export runs. */
    public static CheckBox withAttachments(FhirExportViewModel model) {
        CheckBox box = new CheckBox(Texts.get("exchange.fhir.withAttachments"));
        box.setId("fhirAttachmentsCheckBox");
        box.setTooltip(new Tooltip(Texts.get("exchange.fhir.withAttachmentsTip")));
        box.selectedProperty().bindBidirectional(model.includeAttachmentsProperty());
        box.disableProperty().bind(model.exportingProperty());
        return box;
    }
}
