package org.clinicledger.ui.reception;

import javafx.beans.value.ObservableValue;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;

import org.clinicledger.domain.AccountCounts;
import org.clinicledger.ui.common.AccountCountText;
import org.clinicledger.ui.common.FactGrid;
import org.clinicledger.ui.common.Page;

/**
 * The Reception tab: the clinic's details, finding and registering patients, adding doctors and
 * staff, and for administrators emergency access to a patient's records, clearing sign-in delays and
 * recovering the keys of someone who forgot their password.
 */
public final class ReceptionView extends Page {

    /**
     * @param emergency the administrator's emergency access; null for anyone else
     * @param recovery the key recovery form's model, or null for someone who may not recover keys
     */
    public ReceptionView(ReceptionViewModel model, ObservableValue<AccountCounts> counts,
            PatientSearchViewModel search, PatientRegistrationViewModel patients, StaffRegistrationViewModel staff,
            EmergencyAccessViewModel emergency, SignInDelayViewModel delays, KeyRecoveryViewModel recovery) {
        super("Reception", "Find and register patients, add doctors and staff, and keep the clinic's details.");
        setId("receptionView");

        Label name = FactGrid.value("clinicNameValue");
        name.textProperty().bind(model.clinicNameProperty());
        Label setUpOn = FactGrid.value("clinicSetUpValue");
        setUpOn.textProperty().bind(model.setUpOnProperty());
        Label doctors = FactGrid.value("doctorCount");
        doctors.textProperty().bind(AccountCountText.doctors(counts));
        Label registered = FactGrid.value("patientCount");
        registered.textProperty().bind(AccountCountText.patients(counts));
        GridPane facts = new FactGrid()
                .row("Name", name)
                .row("Set up on", setUpOn)
                .row("Doctors", doctors)
                .row("Patients", registered);
        Button rename = new Button("Rename clinic…");
        rename.setId("renameClinicButton");
        rename.setOnAction(event -> model.renameClinic());

        section("Clinic", facts, rename);
        section("Find a patient", new PatientSearchView(search));
        section("Register a patient", new PatientRegistrationView(patients));
        patients.registeredMrnProperty().addListener((observable, before, now) -> search.showRegistered(now));
        if (!staff.roles().isEmpty()) {
            section("Add a doctor or member of staff", new StaffRegistrationView(staff));
        }
        if (emergency != null) {
            emergency.patientProperty().bind(search.selectedProperty());
            section("Emergency access", new EmergencyAccessView(emergency, null));
        }
        if (delays.isAvailable()) {
            section("Sign-in delays", new SignInDelayView(delays));
        }
        if (recovery != null) {
            section("Recover a person's keys", new KeyRecoveryView(recovery));
        }
        patients.loadDoctors();
    }
}
