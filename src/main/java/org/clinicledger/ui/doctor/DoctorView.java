package org.clinicledger.ui.doctor;

import org.clinicledger.ui.common.Page;

/** The Doctor tab: a doctor's patients, records and own chain. */
public final class DoctorView extends Page {

    public DoctorView() {
        super("Doctor", "Doctors see the patients who granted them access, add, amend and delete records, "
                + "refer patients, browse their own chain and print receipts.");
        setId("doctorView");
        section("Doctors", emptyState("No doctor is registered in this clinic."));
    }
}
