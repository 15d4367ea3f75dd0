package org.clinicledger.clinic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;

import org.clinicledger.domain.AccountDetails;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PatientDetails;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.Role;
import org.clinicledger.domain.StaffMember;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing the clinic's staff by role, with the names the directory seals. */
class StaffListingTest {

    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path temp;

    @Test
    void listsEachRoleWithItsDirectoryDetailsForStaffOnly() {
        Workspace workspace = Workspace.open(temp.resolve("data"), true, Clock.systemUTC(), KeyDerivationTuning.minimum());
        AccountService accounts = workspace.accounts();
        accounts.setUp("Riverside", "admin", PASSWORD.toCharArray());
        MedicalRecordNumber patient;
        try (Session admin = accounts.login("admin", PASSWORD.toCharArray())) {
            assertThat(accounts.staff(admin, Role.DOCTOR)).isEmpty();
            accounts.addAccount(admin, Role.DOCTOR, "dr.okafor", PASSWORD.toCharArray(),
                    new AccountDetails("Dr Ngozi Okafor", "General practice", "GMC 1"));
            accounts.addAccount(admin, Role.DOCTOR, "dr.lee", PASSWORD.toCharArray(), AccountDetails.NONE);
            accounts.addAccount(admin, Role.RECEPTIONIST, "desk", PASSWORD.toCharArray(), AccountDetails.NONE);
            patient = workspace.registrations().registerPatient(admin, new PatientDetails("Ada Byron",
                    LocalDate.of(1985, 12, 10), null, null), PASSWORD.toCharArray(), null).mrn();

            assertThat(accounts.staff(admin, Role.DOCTOR)).containsExactly(
                    new StaffMember("dr.lee", Role.DOCTOR, AccountDetails.NONE),
                    new StaffMember("dr.okafor", Role.DOCTOR, new AccountDetails("Dr Ngozi Okafor", "General practice",
                            "GMC 1")));
            assertThat(accounts.staff(admin, Role.DOCTOR).get(1).displayName()).isEqualTo("Dr Ngozi Okafor");
            assertThat(accounts.staff(admin, Role.DOCTOR).get(0).displayName()).isEqualTo("dr.lee");
            assertThat(accounts.staff(admin, Role.RECEPTIONIST)).extracting(StaffMember::username).containsExactly("desk");
            assertThat(accounts.staff(admin, Role.ADMINISTRATOR)).extracting(StaffMember::username)
                    .containsExactly("admin");
            assertThat(accounts.staff(admin, Role.DOCTOR).get(1).toString()).doesNotContain("Okafor N", "General");
            assertThatThrownBy(() -> accounts.staff(admin, Role.PATIENT)).isInstanceOf(InvalidInputException.class);
        }
        try (Session doctor = accounts.login("dr.lee", PASSWORD.toCharArray())) {
            assertThat(accounts.staff(doctor, Role.DOCTOR)).hasSize(2);
        }
        try (Session ada = accounts.login(patient.digits(), PASSWORD.toCharArray())) {
            assertThatThrownBy(() -> accounts.staff(ada, Role.DOCTOR)).isInstanceOf(RefusedException.class)
                    .hasMessage("Your account cannot read the clinic's directory.");
        }
        Session closed = accounts.login("admin", PASSWORD.toCharArray());
        closed.close();
        assertThatThrownBy(() -> accounts.staff(closed, Role.DOCTOR)).isInstanceOf(RefusedException.class)
                .hasMessage(Session.ENDED);
    }

    @Test
    void doctorsToChooseFromAreNamedForStaffAndByUsernameAloneForAPatient() {
        Workspace workspace = Workspace.open(temp.resolve("data"), true, Clock.systemUTC(), KeyDerivationTuning.minimum());
        AccountService accounts = workspace.accounts();
        accounts.setUp("Riverside", "admin", PASSWORD.toCharArray());
        MedicalRecordNumber patient;
        try (Session admin = accounts.login("admin", PASSWORD.toCharArray())) {
            accounts.addAccount(admin, Role.DOCTOR, "dr.okafor", PASSWORD.toCharArray(),
                    new AccountDetails("Dr Ngozi Okafor", "General practice", "GMC 1"));
            accounts.addAccount(admin, Role.DOCTOR, "dr.lee", PASSWORD.toCharArray(), AccountDetails.NONE);
            accounts.addAccount(admin, Role.RECEPTIONIST, "desk", PASSWORD.toCharArray(), AccountDetails.NONE);
            patient = workspace.registrations().registerPatient(admin, new PatientDetails("Ada Byron",
                    LocalDate.of(1985, 12, 10), null, null), PASSWORD.toCharArray(), null).mrn();
            assertThat(accounts.doctors(admin)).isEqualTo(accounts.staff(admin, Role.DOCTOR));
        }
        try (Session ada = accounts.login(patient.digits(), PASSWORD.toCharArray())) {
            assertThat(accounts.doctors(ada)).containsExactly(
                    new StaffMember("dr.lee", Role.DOCTOR, AccountDetails.NONE),
                    new StaffMember("dr.okafor", Role.DOCTOR, AccountDetails.NONE));
        }
        Session closed = accounts.login("admin", PASSWORD.toCharArray());
        closed.close();
        assertThatThrownBy(() -> accounts.doctors(closed)).isInstanceOf(RefusedException.class)
                .hasMessage(Session.ENDED);
    }
}
