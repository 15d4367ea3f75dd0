package org.clinicledger.ui.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.clinicledger.clinic.Session;
import org.clinicledger.domain.AccountDetails;
import org.clinicledger.domain.AddedRecord;
import org.clinicledger.domain.Icd10Code;
import org.clinicledger.domain.PatientSummary;
import org.clinicledger.domain.RecordInput;
import org.clinicledger.domain.Role;
import org.clinicledger.domain.StaffMember;
import org.clinicledger.testing.TestClinic;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.RecordingDialogService;
import org.clinicledger.ui.doctor.ReferViewModel.Field;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferViewModelTest {

    @TempDir
    Path temp;

    private TestClinic clinic;
    private Session lee;
    private final RecordingDialogService dialogs = new RecordingDialogService();
    private ReferViewModel model;
    private AddedRecord record;
    private final AtomicInteger referred = new AtomicInteger();

    @BeforeEach
    void setUp() {
        clinic = new TestClinic(temp.resolve("data"));
        try (Session admin = clinic.login("admin", TestClinic.ADMIN_PASSWORD)) {
            clinic.workspace.accounts().addAccount(admin, Role.DOCTOR, "dr.berg", "doctor password 3".toCharArray(),
                    new AccountDetails("Dr Anna Berg", "Cardiology", null));
        }
        lee = clinic.lee();
        record = clinic.workspace.records().addRecord(lee, clinic.mrn,
                new RecordInput("Asthma", Icd10Code.parse("J45"), "Inhaler", List.of()));
        PatientSummary ada = clinic.workspace.registrations().searchPatients(lee, "ada").get(0);
        model = new ReferViewModel(clinic.workspace, lee, BackgroundTasks.direct(dialogs), ada);
        model.loadDoctors();
    }

    @AfterEach
    void logOut() {
        lee.close();
    }

    private StaffMember doctor(String username) {
        return model.doctors().stream().filter(member -> member.username().equals(username)).findFirst().orElseThrow();
    }

    private int chainLength() {
        return clinic.workspace.chainBrowser().ownChain(lee).size();
    }

    @Test
    void offersTheOtherDoctorsByNameNeverOneself() {
        assertThat(model.doctors()).extracting(StaffMember::username).containsExactly("dr.berg", "dr.kim");
        assertThat(doctor("dr.berg").details().name()).isEqualTo("Dr Anna Berg");
    }

    @Test
    void refersTheChosenDoctorWhoCanThenRead() {
        model.doctorProperty().set(doctor("dr.berg"));
        model.reasonProperty().set("Second opinion on the asthma");
        model.refer(referred::incrementAndGet);
        assertThat(referred).hasValue(1);
        assertThat(model.resultProperty().get()).isEqualTo("Ada Byron (" + clinic.mrn + ") is referred to "
                + "Dr Anna Berg (dr.berg), who can now read their records.");
        try (Session berg = clinic.login("dr.berg", "doctor password 3")) {
            assertThat(clinic.workspace.records().showRecord(berg, record.recordId()).latest().diagnosis())
                    .isEqualTo("Asthma");
        }
        assertThat(dialogs.shown).isEmpty();
    }

    @Test
    void aMissingDoctorOrReasonIsSaidAtItsFieldAndWritesNothing() {
        int before = chainLength();
        model.reasonProperty().set("   ");
        model.refer(referred::incrementAndGet);
        assertThat(model.problem(Field.DOCTOR).get()).isEqualTo("Choose the doctor to refer the patient to from the list.");
        assertThat(model.problem(Field.REASON).get()).startsWith("Give the reason for the referral");

        model.doctorProperty().set(doctor("dr.kim"));
        model.reasonProperty().set("x".repeat(20_000));
        model.refer(referred::incrementAndGet);
        assertThat(model.problem(Field.DOCTOR).get()).isEmpty();
        assertThat(model.problem(Field.REASON).get()).startsWith("The reason is too long");
        assertThat(model.reasonProperty().get()).as("what was typed stays").hasSize(20_000);
        assertThat(referred).hasValue(0);
        assertThat(chainLength()).isEqualTo(before);
        assertThat(dialogs.shown).isEmpty();
    }

    @Test
    void aRefusalOfTheServiceStaysInTheFormInPlainWords() {
        model.doctorProperty().set(new StaffMember("dr.lee", Role.DOCTOR, null));
        model.reasonProperty().set("Why not");
        model.refer(referred::incrementAndGet);
        assertThat(model.problemProperty().get()).isEqualTo("A doctor cannot refer a patient to themselves.");
        assertThat(model.reasonProperty().get()).isEqualTo("Why not");
        assertThat(referred).hasValue(0);
        assertThat(dialogs.shown).isEmpty();
    }
}
