package org.clinicledger.ui.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.clinicledger.clinic.KeyDerivationTuning;
import org.clinicledger.clinic.Session;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.AccessPolicy;
import org.clinicledger.domain.AccountDetails;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PatientDetails;
import org.clinicledger.domain.PatientSummary;
import org.clinicledger.domain.RecordInput;
import org.clinicledger.domain.Role;
import org.clinicledger.domain.ShownRecord;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.RecordingDialogService;
import org.clinicledger.ui.reception.SecondHolderViewModel.Holder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmergencyAccessViewModelTest {

    private static final String PASSWORD = "correct horse battery";
    private static final String LEE_PASSWORD = "doctor password 1";
    private static final String REASON = "Unconscious in the waiting room";

    @TempDir
    Path temp;

    private final RecordingDialogService dialogs = new RecordingDialogService();
    private final AtomicInteger opened = new AtomicInteger();
    private Workspace workspace;
    private Session admin;
    private String sheet;
    private PatientSummary ada;

    @BeforeEach
    void setUp() {
        workspace = Workspace.open(temp.resolve("data"), true, Clock.systemUTC(), KeyDerivationTuning.minimum());
        sheet = workspace.accounts().setUp("Riverside", "admin", PASSWORD.toCharArray()).recoverySheet().words();
        admin = workspace.accounts().login("admin", PASSWORD.toCharArray());
        workspace.accounts().addAccount(admin, Role.DOCTOR, "dr.lee", LEE_PASSWORD.toCharArray(), AccountDetails.NONE);
        MedicalRecordNumber mrn = workspace.registrations().registerPatient(admin, new PatientDetails("Ada Byron",
                LocalDate.of(1985, 12, 10), null, null), "patient passphrase".toCharArray(), "dr.lee").mrn();
        try (Session lee = workspace.accounts().login("dr.lee", LEE_PASSWORD.toCharArray())) {
            workspace.records().addRecord(lee, mrn, new RecordInput("Asthma", null, "", List.of()));
        }
        ada = workspace.registrations().searchPatients(admin, "byron").get(0);
    }

    @AfterEach
    void close() {
        admin.close();
    }

    private EmergencyAccessViewModel model() {
        EmergencyAccessViewModel model = new EmergencyAccessViewModel(workspace, admin, BackgroundTasks.direct(dialogs));
        model.patientProperty().set(ada);
        return model;
    }

    @Test
    void aShortReasonIsSaidAtTheReasonAndNothingIsWritten() {
        EmergencyAccessViewModel model = model();
        model.reasonProperty().set("  urgent  ");
        model.secondHolder().holderProperty().set(Holder.RECOVERY_SHEET);
        model.secondHolder().sheetWordsProperty().set(sheet);
        model.open(opened::incrementAndGet);
        assertThat(model.reasonProblemProperty().get()).contains("at least 10 characters");
        assertThat(model.confirmationProblemProperty().get()).isEmpty();
        assertThat(model.openedProperty().get()).isNull();
        assertThat(opened).hasValue(0);

        model.reasonProperty().set("x".repeat(5000));
        model.open(opened::incrementAndGet);
        assertThat(model.reasonProblemProperty().get()).startsWith("The reason is too long");
    }

    @Test
    void confirmationProblemsAreSaidAtTheConfirmation() {
        EmergencyAccessViewModel model = model();
        model.reasonProperty().set(REASON);
        model.open(opened::incrementAndGet);
        assertThat(model.confirmationProblemProperty().get()).isEqualTo("Enter the second administrator's username.");
        model.secondHolder().usernameProperty().set("admin");
        model.secondHolder().passwordProperty().set(PASSWORD);
        model.open(opened::incrementAndGet);
        assertThat(model.confirmationProblemProperty().get()).contains("someone other than you");
        assertThat(model.secondHolder().passwordProperty().get()).isEmpty();
        model.secondHolder().usernameProperty().set("dr.lee");
        model.secondHolder().passwordProperty().set(LEE_PASSWORD);
        model.open(opened::incrementAndGet);
        assertThat(model.confirmationProblemProperty().get()).contains("dr.lee is not an administrator");
        model.secondHolder().holderProperty().set(Holder.RECOVERY_SHEET);
        model.secondHolder().sheetWordsProperty().set(sheet.replace("-", "").substring(4));
        model.open(opened::incrementAndGet);
        assertThat(model.confirmationProblemProperty().get()).contains("groups of four");
        assertThat(model.reasonProblemProperty().get()).isEmpty();
        assertThat(opened).hasValue(0);
        assertThat(dialogs.shown).isEmpty();
    }

    @Test
    void theSheetOpensTheRecordsWhichAreListedAndOpened() {
        EmergencyAccessViewModel model = model();
        model.reasonProperty().set(REASON);
        model.secondHolder().holderProperty().set(Holder.RECOVERY_SHEET);
        model.secondHolder().sheetWordsProperty().set(sheet);
        model.open(opened::incrementAndGet);
        assertThat(model.confirmationProblemProperty().get()).isEmpty();
        assertThat(opened).hasValue(1);
        assertThat(model.openedProperty().get()).isEqualTo(ada);
        assertThat(model.reasonProperty().get()).isEmpty();
        assertThat(model.secondHolder().sheetWordsProperty().get()).isEmpty();
        assertThat(model.records()).hasSize(1);
        assertThat(model.recordsHeadingProperty().get()).contains("Ada Byron",
                AccessPolicy.EMERGENCY_WINDOW.toHours() + " hours");
        ShownRecord[] shown = new ShownRecord[1];
        model.openRecord(model.records().get(0), record -> shown[0] = record);
        assertThat(shown[0].latest().diagnosis()).isEqualTo("Asthma");
        assertThat(model.records().get(0).icd10()).isEqualTo("—");
    }
}
