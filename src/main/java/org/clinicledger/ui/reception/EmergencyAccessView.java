package org.clinicledger.ui.reception;

import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import atlantafx.base.theme.Styles;

import org.clinicledger.domain.AccessPolicy;
import org.clinicledger.ui.common.FilePicker;
import org.clinicledger.ui.common.FxFilePicker;
import org.clinicledger.ui.record.RecordDialog;
import org.clinicledger.ui.record.RecordRow;
import org.clinicledger.ui.record.RecordTable;
import org.clinicledger.ui.common.TypedSecrets;
import org.clinicledger.ui.common.Texts;

/**
 * The administrator's emergency access on the Reception tab: the button that opens the form for the
 * patient chosen under "Find a patient", then that patient's records to open.
 */
final class EmergencyAccessView extends VBox {

    EmergencyAccessView(EmergencyAccessViewModel model, FilePicker files) {
        super(8);
        setId("emergencyAccessView");
        FilePicker picker = files != null ? files : new FxFilePicker(this::window);

        Label explanation = new Label(Texts.format("reception.emergencyAccess.whenAPatientsRecords",
                AccessPolicy.EMERGENCY_WINDOW.toHours()));
        explanation.setWrapText(true);
        explanation.setMinHeight(Region.USE_PREF_SIZE);
        explanation.getStyleClass().add(Styles.TEXT_MUTED);
        Button start = new Button(Texts.get("reception.emergencyAccess.emergencyAccess2"));
        start.setId("emergencyAccessButton");
        start.getStyleClass().add(Styles.DANGER);
        start.disableProperty().bind(model.patientProperty().isNull());
        start.setOnAction(event -> EmergencyAccessDialog.show(window(), model, () -> { }));

        Label heading = new Label();
        heading.setId("emergencyRecordsHeading");
        heading.setWrapText(true);
        heading.setMinHeight(Region.USE_PREF_SIZE);
        heading.textProperty().bind(model.recordsHeadingProperty());
        TableView<RecordRow> records = RecordTable.create("emergencyRecordsTable", model.records(),
                Texts.get("reception.emergencyAccess.noRecordsToShow"));
        var selected = records.getSelectionModel().selectedItemProperty();
        Button open = new Button(Texts.get("reception.emergencyAccess.open"));
        open.setId("openEmergencyRecordButton");
        open.disableProperty().bind(Bindings.createBooleanBinding(() -> selected.get() == null
                || selected.get().summary().deleted(), selected));
        open.setOnAction(event -> model.openRecord(selected.get(), shown -> RecordDialog.show(window(),
                model.recordView(shown), picker, null)));
        records.setOnMouseClicked(event -> {
            if (event.getClickCount() == 2 && !open.isDisabled()) {
                open.fire();
            }
        });
        VBox opened = new VBox(8, heading, records, open);
        opened.managedProperty().bind(model.openedProperty().isNotNull());
        opened.visibleProperty().bind(opened.managedProperty());

        HBox actions = new HBox(12, start);
        actions.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(explanation, actions, opened);
        TypedSecrets.clearWhenRemoved(this, () -> model.closeForm());
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }
}
