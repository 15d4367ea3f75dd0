package org.clinicledger.ui.patient;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.clinicledger.clinic.Session;
import org.clinicledger.domain.AccessPolicy.Reason;
import org.clinicledger.testing.TestClinic;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.RecordingDialogService;
import org.clinicledger.ui.patient.PatientViewModel.DoctorAccess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void grantsUntilTheEndOfTheLastDayAndRevokes() {
        LocalDate lastDay = LocalDate.now(ZoneOffset.UTC).plusDays(3);
        model.grantDoctorProperty().set(" dr.kim ");
        model.grantUntilProperty().set(lastDay);
        model.grant();
        assertThat(model.accessProblemProperty().get()).isEmpty();
        assertThat(model.accessMessageProperty().get()).isEqualTo("dr.kim may now read your records until the end of "
                + lastDay + ".");
        assertThat(model.doctors()).contains(new DoctorAccess("dr.kim", Reason.GRANT,
                lastDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        assertThat(model.grantDoctorProperty().get()).isEmpty();

        dialogs.confirmReply = true;
        model.revoke(model.doctors().stream().filter(d -> d.doctor().equals("dr.kim")).findFirst().orElseThrow());
        assertThat(model.doctors()).extracting(DoctorAccess::doctor).containsExactly("dr.lee");
        assertThat(model.accessMessageProperty().get()).isEqualTo("dr.kim can no longer read your records.");
    }

    @Test
    void aPastLastDayOrAnUnknownDoctorIsRefusedAndWritesNothing() {
        int before = chainLength();
        model.grantDoctorProperty().set("dr.kim");
        model.grantUntilProperty().set(LocalDate.now(ZoneOffset.UTC).minusDays(1));
        model.grant();
        assertThat(model.accessProblemProperty().get()).isEqualTo("A grant must end in the future.");
        model.grantUntilProperty().set(null);
        model.grantDoctorProperty().set("dr.nobody");
        model.grant();
        assertThat(model.accessProblemProperty().get()).contains("dr.nobody");
        model.grantDoctorProperty().set("");
        model.grant();
        assertThat(model.accessProblemProperty().get()).isEqualTo("Enter the username of the doctor to grant access to.");
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
