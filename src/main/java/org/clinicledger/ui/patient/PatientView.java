package org.clinicledger.ui.patient;

import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;

import org.clinicledger.domain.AccountCounts;
import org.clinicledger.ui.common.AccountCountText;
import org.clinicledger.ui.common.Page;

/** The Patient tab: a patient's own chain, who accessed it, and their grants. */
public final class PatientView extends Page {

    public PatientView(ObservableValue<AccountCounts> counts) {
        super("Patient", "Patients see their own chain and who accessed it, grant and revoke doctors' access, "
                + "and check a printed receipt against their copy.");
        setId("patientView");
        Label registered = emptyState("");
        registered.textProperty().bind(AccountCountText.patients(counts));
        section("Patients", registered);
    }
}
