package org.clinicledger.ui.patient;

import org.clinicledger.ui.common.Page;

/** The Patient tab: a patient's own chain, who accessed it, and their grants. */
public final class PatientView extends Page {

    public PatientView() {
        super("Patient", "Patients see their own chain and who accessed it, grant and revoke doctors' access, "
                + "and check a printed receipt against their copy.");
        setId("patientView");
        section("Patients", emptyState("No patient is registered in this clinic."));
    }
}
