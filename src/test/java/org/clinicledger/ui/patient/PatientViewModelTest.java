package org.clinicledger.ui.patient;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.clinicledger.clinic.Session;
import org.clinicledger.domain.AccessPolicy.Reason;
import org.clinicledger.domain.AccountDetails;
import org.clinicledger.domain.Role;
import org.clinicledger.domain.StaffMember;
import org.clinicledger.testing.TestClinic;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.RecordingDialogService;
import org.clinicledger.ui.patient.PatientViewModel.DoctorAccess;
import org.clinicledger.ui.patient.PatientViewModel.GrantField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PatientViewModelTest {

    @TempDir
    Path temp;

    private TestClinic clinic;
    private Session patient;
    private final RecordingDialogService dialogs = new RecordingDialogService();
    private PatientViewModel model;

    @BeforeEach
    void setUp() {
        clinic = new TestClinic(temp.resolve("data"));
        patient = clinic.patient();
        model = new PatientViewModel(clinic.workspace, patient, BackgroundTasks.direct(dialogs), dialogs,
                Clock.systemUTC());
        model.refresh();
    }

    @AfterEach
    void logOut() {
        patient.close();
    }

    private int chainLength() {
        return clinic.workspace.chainBrowser().ownChain(patient).size();
    }

    @Test
    void listsTheFirstDoctor() {
        assertThat(model.doctors()).containsExactly(new DoctorAccess("dr.lee", Reason.GRANT, null));
        assertThat(model.records()).isEmpty();
    }

    private StaffMember doctor(String username) {
        return model.clinicDoctors().stream().filter(member -> member.username().equals(username)).findFirst()
                .orElseThrow();
    }

    @Test
    void offersTheClinicsDoctorsByUsernameAsAPatientCannotReadTheirNames() {
        try (Session admin = clinic.login("admin", TestClinic.ADMIN_PASSWORD)) {
            clinic.workspace.accounts().addAccount(admin, Role.DOCTOR, "dr.berg", "doctor password 3".toCharArray(),
                    new AccountDetails("Dr Anna Berg", "Cardiology", null));
        }
        model.loadDoctors();
        assertThat(model.clinicDoctors()).extracting(StaffMember::username).containsExactly("dr.berg", "dr.kim",
                "dr.lee");
        assertThat(model.clinicDoctors()).extracting(member -> member.details().name()).containsOnlyNulls();
    }

    @Test
    void grantsUntilTheEndOfTheLastDayAndRevokes() {
        LocalDate lastDay = LocalDate.now(ZoneOffset.UTC).plusDays(3);
        model.loadDoctors();
        model.grantDoctorProperty().set(doctor("dr.kim"));
        model.grantUntilProperty().set(" " + lastDay + " ");
        model.grant();
        assertThat(model.accessProblemProperty().get()).isEmpty();
        assertThat(model.accessMessageProperty().get()).isEqualTo("dr.kim may now read your records until the end of "
                + lastDay + ".");
        assertThat(model.doctors()).contains(new DoctorAccess("dr.kim", Reason.GRANT,
                lastDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        assertThat(model.grantDoctorProperty().get()).isNull();
        assertThat(model.grantUntilProperty().get()).isEmpty();

        dialogs.confirmReply = true;
        model.revoke(model.doctors().stream().filter(d -> d.doctor().equals("dr.kim")).findFirst().orElseThrow());
        assertThat(model.doctors()).extracting(DoctorAccess::doctor).containsExactly("dr.lee");
        assertThat(model.accessMessageProperty().get()).isEqualTo("dr.kim can no longer read your records.");
    }

    @Test
    void todayIsAValidLastDay() {
        model.loadDoctors();
        model.grantDoctorProperty().set(doctor("dr.kim"));
        model.grantUntilProperty().set(LocalDate.now(ZoneOffset.UTC).toString());
        model.grant();
        assertThat(model.grantProblem(GrantField.LAST_DAY).get()).isEmpty();
        assertThat(model.accessProblemProperty().get()).isEmpty();
        assertThat(model.doctors()).extracting(DoctorAccess::doctor).contains("dr.kim");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2026-02-30 | 2026-02-30 is not a day that exists: check the month and the day.",
        "abc | The last day must be written as YYYY-MM-DD, such as 2026-11-20; 'abc' is not.",
        "11/20/2026 | The last day must be written as YYYY-MM-DD, such as 2026-11-20; '11/20/2026' is not.",
        "2026-1-5 | The last day must be written as YYYY-MM-DD, such as 2026-11-20; '2026-1-5' is not.",
        "2020-01-01 | The last day 2020-01-01 is in the past: choose today or a later day, or leave it empty for no end."})
    void anUnreadableOrPastLastDayIsSaidAtTheFieldKeepsTheFormAndWritesNothing(String typed, String problem) {
        int before = chainLength();
        model.loadDoctors();
        StaffMember kim = doctor("dr.kim");
        model.grantDoctorProperty().set(kim);
        model.grantUntilProperty().set(typed);
        model.grant();
        assertThat(model.grantProblem(GrantField.LAST_DAY).get()).isEqualTo(problem);
        assertThat(model.grantProblem(GrantField.DOCTOR).get()).isEmpty();
        assertThat(model.grantUntilProperty().get()).as("what was typed stays").isEqualTo(typed);
        assertThat(model.grantDoctorProperty().get()).isEqualTo(kim);
        assertThat(chainLength()).isEqualTo(before);
        assertThat(dialogs.shown).isEmpty();
    }

    @Test
    void noDoctorChosenIsSaidAtTheFieldAndAnUnknownOneByTheService() {
        int before = chainLength();
        model.grant();
        assertThat(model.grantProblem(GrantField.DOCTOR).get())
                .isEqualTo("Choose the doctor to grant access to from the list.");
        model.grantDoctorProperty().set(new StaffMember("dr.nobody", Role.DOCTOR, null));
        model.grant();
        assertThat(model.grantProblem(GrantField.DOCTOR).get()).isEmpty();
        assertThat(model.accessProblemProperty().get()).contains("dr.nobody");
        assertThat(chainLength()).isEqualTo(before);
        assertThat(dialogs.shown).isEmpty();
    }

    @Test
    void cancellingARevocationKeepsTheAccess() {
        dialogs.confirmReply = false;
        model.revoke(model.doctors().get(0));
        model.refreshAccess();
        assertThat(model.doctors()).extracting(DoctorAccess::doctor).containsExactly("dr.lee");
    }
}
