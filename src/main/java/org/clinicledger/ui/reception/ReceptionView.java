package org.clinicledger.ui.reception;

import javafx.beans.value.ObservableValue;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;

import org.clinicledger.domain.AccountCounts;
import org.clinicledger.ui.common.AccountCountText;
import org.clinicledger.ui.common.FactGrid;
import org.clinicledger.ui.common.Page;

/** The Reception tab: the clinic's details and who is registered. */
public final class ReceptionView extends Page {

    public ReceptionView(ReceptionViewModel model, ObservableValue<AccountCounts> counts) {
        super("Reception", "Set up the clinic, register patients and doctors, and print registration receipts.");
        setId("receptionView");

        Label name = FactGrid.value("clinicNameValue");
        name.textProperty().bind(model.clinicNameProperty());
        Label setUpOn = FactGrid.value("clinicSetUpValue");
        setUpOn.textProperty().bind(model.setUpOnProperty());
        GridPane facts = new FactGrid()
                .row("Name", name)
                .row("Set up on", setUpOn);
        Button rename = new Button("Rename clinic…");
        rename.setId("renameClinicButton");
        rename.setOnAction(event -> model.renameClinic());

        section("Clinic", facts, rename);
        Label doctors = emptyState("");
        doctors.setId("doctorCount");
        doctors.textProperty().bind(AccountCountText.doctors(counts));
        Label patients = emptyState("");
        patients.setId("patientCount");
        patients.textProperty().bind(AccountCountText.patients(counts));
        Label how = new Label("Doctors and other staff are added with 'clinicledger user add', patients with "
                + "'clinicledger patient register'.");
        how.setWrapText(true);
        section("Patients and doctors", doctors, patients, how);
    }
}
