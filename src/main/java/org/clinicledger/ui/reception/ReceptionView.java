package org.clinicledger.ui.reception;

import javafx.beans.value.ObservableValue;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;

import org.clinicledger.domain.AccountCounts;
import org.clinicledger.ui.common.AccountCountText;
import org.clinicledger.ui.common.FactGrid;
import org.clinicledger.ui.common.SectionTabs;
import org.clinicledger.ui.common.Texts;

/**
 * The Reception tab: the clinic's details, finding and registering patients, adding doctors and
 * staff, and for administrators emergency access to a patient's records, clearing sign-in delays and
 * recovering the keys of someone who forgot their password.
 */
public final class ReceptionView extends SectionTabs {

    /**
     * @param emergency the administrator's emergency access; null for anyone else
     * @param recovery the key recovery form's model, or null for someone who may not recover keys
     */
    public ReceptionView(ReceptionViewModel model, ObservableValue<AccountCounts> counts,
            PatientSearchViewModel search, PatientRegistrationViewModel patients, StaffRegistrationViewModel staff,
            EmergencyAccessViewModel emergency, SignInDelayViewModel delays, KeyRecoveryViewModel recovery) {
        super(Texts.get("reception.reception"), Texts.get("reception.findAndRegisterPatients"), "receptionSections");
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
                .row(Texts.get("reception.name"), name)
                .row(Texts.get("reception.setUpOn"), setUpOn)
                .row(Texts.get("reception.doctors"), doctors)
                .row(Texts.get("reception.patients"), registered);
        Button rename = new Button(Texts.get("reception.renameClinic"));
        rename.setId("renameClinicButton");
        rename.setOnAction(event -> model.renameClinic());

        section("patientsSection", Texts.get("reception.findAPatient"), growing(new PatientSearchView(search)));
        section("registerSection", Texts.get("reception.registerAPatient"), new PatientRegistrationView(patients));
        patients.registeredMrnProperty().addListener((observable, before, now) -> search.showRegistered(now));
        if (!staff.roles().isEmpty()) {
            section("staffSection", Texts.get("reception.addADoctorOr"), new StaffRegistrationView(staff));
        }
        if (emergency != null) {
            emergency.patientProperty().bind(search.selectedProperty());
            section("emergencySection", Texts.get("reception.emergencyAccess"), new EmergencyAccessView(emergency, null));
        }
        if (delays.isAvailable()) {
            section("delaysSection", Texts.get("reception.signInDelays"), new SignInDelayView(delays));
        }
        if (recovery != null) {
            section("recoverySection", Texts.get("reception.recoverAPersonsKeys"), new KeyRecoveryView(recovery));
        }
        section("clinicSection", Texts.get("reception.clinic"), facts, rename);
        patients.loadDoctors();
    }
}
