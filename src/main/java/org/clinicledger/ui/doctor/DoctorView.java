package org.clinicledger.ui.doctor;

import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;

import org.clinicledger.domain.AccountCounts;
import org.clinicledger.ui.common.AccountCountText;
import org.clinicledger.ui.common.Page;

/** The Doctor tab: a doctor's patients, records and own chain. */
public final class DoctorView extends Page {

    public DoctorView(ObservableValue<AccountCounts> counts) {
        super("Doctor", "Doctors see the patients who granted them access, add, amend and delete records, "
                + "refer patients, browse their own chain and print receipts.");
        setId("doctorView");
        Label registered = emptyState("");
        registered.textProperty().bind(AccountCountText.doctors(counts));
        section("Doctors", registered);
    }
}
