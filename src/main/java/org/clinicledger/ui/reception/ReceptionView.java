package org.clinicledger.ui.reception;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;

import org.clinicledger.ui.common.FactGrid;
import org.clinicledger.ui.common.Page;

/** The Reception tab: the clinic's details; registration of people joins it with accounts. */
public final class ReceptionView extends Page {

    public ReceptionView(ReceptionViewModel model) {
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
        section("Patients and doctors", emptyState("No patients or doctors are registered in this clinic."));
    }
}
