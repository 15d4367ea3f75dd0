package org.clinicledger.testing;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;

import org.clinicledger.clinic.KeyDerivationTuning;
import org.clinicledger.clinic.Session;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.AccountDetails;
import org.clinicledger.domain.EscrowConfirmation;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PatientDetails;
import org.clinicledger.domain.Role;

/**
 * A small real clinic for the Doctor and Patient tab tests, set up through the services at the
 * lowest password cost: an administrator, a receptionist, doctors dr.lee and dr.kim, and patient
 * Ada Byron, registered with dr.lee as her first doctor.
 */
public final class TestClinic {

    public static final String LEE_PASSWORD = "doctor password 1";
    public static final String KIM_PASSWORD = "doctor password 2";
    public static final String PATIENT_PASSPHRASE = "patient passphrase 1";
    public static final String ADMIN_PASSWORD = "admin password 1";
    public static final String DESK_PASSWORD = "reception password";

    public final Workspace workspace;
    public final MedicalRecordNumber mrn;
    /** The recovery sheet's words set-up showed, as if kept in the clinic's safe. */
    public final String recoverySheet;

    public TestClinic(Path data) {
        workspace = Workspace.open(data, true, Clock.systemUTC(), KeyDerivationTuning.minimum());
        recoverySheet = workspace.accounts().setUp("Hillside Clinic", "admin", ADMIN_PASSWORD.toCharArray())
                .recoverySheet().words();
        try (Session admin = login("admin", ADMIN_PASSWORD)) {
            workspace.accounts().addAccount(admin, Role.RECEPTIONIST, "desk", DESK_PASSWORD.toCharArray(),
                    AccountDetails.NONE);
            workspace.accounts().addAccount(admin, Role.DOCTOR, "dr.lee", LEE_PASSWORD.toCharArray(),
                    AccountDetails.NONE);
            workspace.accounts().addAccount(admin, Role.DOCTOR, "dr.kim", KIM_PASSWORD.toCharArray(),
                    AccountDetails.NONE);
        }
        try (Session desk = login("desk", DESK_PASSWORD)) {
            mrn = workspace.registrations().registerPatient(desk, new PatientDetails("Ada Byron",
                    LocalDate.of(1985, 12, 10), null, null), PATIENT_PASSPHRASE.toCharArray(), "dr.lee").mrn();
        }
    }

    public Session login(String username, String password) {
        return workspace.accounts().login(username, password.toCharArray());
    }

    public Session lee() {
        return login("dr.lee", LEE_PASSWORD);
    }

    public Session kim() {
        return login("dr.kim", KIM_PASSWORD);
    }

    public Session patient() {
        return login(mrn.digits(), PATIENT_PASSPHRASE);
    }

    /** The recovery sheet as the second holder of the escrow key. */
    public EscrowConfirmation sheet() {
        return new EscrowConfirmation.RecoverySheetWords(recoverySheet);
    }
}
