package org.clinicledger.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TableView;

import org.clinicledger.clinic.Session;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.AccountDetails;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainLine;
import org.clinicledger.domain.LoginFailedException;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PatientDetails;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.RecordInput;
import org.clinicledger.domain.Role;
import org.clinicledger.ui.reception.SecondHolderViewModel;
import org.junit.jupiter.api.Test;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;

/**
 * An administrator recovers a patient's keys at the Reception tab; the patient then signs in with
 * the new password, opens the record written before, and sees the recovery on their chain.
 */
class KeyRecoveryWindowTest extends WindowFixture {

    private static final String OLD_PASSPHRASE = "patient passphrase 1";
    private static final String NEW_PASSPHRASE = "a new passphrase at the desk";

    @Test
    void anAdministratorRecoversAPatientsKeysAndThePatientOpensTheirEarlierRecord() throws Exception {
        Path data = temp.resolve("data");
        MedicalRecordNumber mrn;
        String sheet = setUpClinicKeepingTheSheet(data, "Hillside Clinic");
        try (Workspace workspace = services(data)) {
            try (Session admin = login(workspace, ADMIN, ADMIN_PASSWORD)) {
                workspace.accounts().addAccount(admin, Role.RECEPTIONIST, "desk", "reception password".toCharArray(),
                        AccountDetails.NONE);
                workspace.accounts().addAccount(admin, Role.DOCTOR, "dr.lee", "doctor password 1".toCharArray(),
                        AccountDetails.NONE);
            }
            try (Session desk = login(workspace, "desk", "reception password")) {
                mrn = workspace.registrations().registerPatient(desk, new PatientDetails("Ada Byron",
                        LocalDate.of(1985, 12, 10), null, null), OLD_PASSPHRASE.toCharArray(), "dr.lee").mrn();
            }
            try (Session lee = login(workspace, "dr.lee", "doctor password 1")) {
                workspace.records().addRecord(lee, mrn, new RecordInput("Asthma", null, "", List.of()));
            }
        }
        launch(data);
        signIn(ADMIN, ADMIN_PASSWORD);

        // A mistake first: the two passwords differ, said at the form, nothing asked.
        fill("#recoverPersonField", mrn.toString());
        fill("#recoverReasonField", "Forgot the passphrase; identity card checked");
        fill("#recoverPasswordField", NEW_PASSPHRASE);
        fill("#recoverConfirmPasswordField", "something else entirely");
        click("#recoverKeysButton");
        waitUntil(() -> text("#recoverProblem").contains("not the same"));
        assertThat(text("#recoverPasswordField")).as("the typed passwords are forgotten").isEmpty();

        // The clinic's one administrator: the recovery sheet is the escrow key's second holder.
        interact(() -> {
            @SuppressWarnings("unchecked")
            ChoiceBox<SecondHolderViewModel.Holder> choice = lookup("#recoverSecondHolderChoice").queryAs(ChoiceBox.class);
            choice.setValue(SecondHolderViewModel.Holder.RECOVERY_SHEET);
        });
        fill("#recoverSheetWordsField", sheet);
        fill("#recoverPasswordField", NEW_PASSPHRASE);
        fill("#recoverConfirmPasswordField", NEW_PASSPHRASE);
        click("#recoverKeysButton");
        waitUntil(() -> lookup(".dialog-pane .label").match(node -> node instanceof javafx.scene.control.Label label
                && label.getText().contains("Their old password stops working")).tryQuery().isPresent());
        pressDialogButton("Recover keys");
        waitUntil(() -> text("#recoverResult").startsWith("The keys of patient " + mrn + " were recovered"));
        assertThat(text("#recoverProblem")).isEmpty();

        click("#signOutButton");
        waitUntil(() -> showing("#signInView"));
        signIn(mrn.digits(), NEW_PASSPHRASE);
        TableView<?> records = lookup("#myRecordsTable").queryAs(TableView.class);
        waitUntil(() -> records.getItems().size() == 1);
        interact(() -> records.getSelectionModel().select(0));
        click("#openMyRecordButton");
        waitUntil(() -> lookup("#recordDialog").tryQuery().isPresent());
        assertThat(text("#recordDiagnosisValue")).isEqualTo("Asthma");
        interact(() -> lookup("#recordDialog").query().getScene().getWindow().hide());

        TableView<?> chain = lookup("#chainTable").queryAs(TableView.class);
        waitUntil(() -> chain.getItems().stream().anyMatch(item -> ((ChainLine) item).entry().kind() == BlockKind.KEY_RECOVERED));
        assertThat(lookup("#chainTable .table-cell").match(LabeledMatchers.hasText("Keys recovered")).tryQuery())
                .isPresent();
        assertThat(lookup("#chainTable .table-cell").match(LabeledMatchers.hasText("admin (staff)")).tryQuery())
                .as("who recovered them").isPresent();

        try (Workspace services = services(data)) {
            assertThatThrownBy(() -> login(services, mrn.digits(), OLD_PASSPHRASE))
                    .isInstanceOf(LoginFailedException.class);
            assertThat(services.verify(Progress.NONE).problems()).isEmpty();
        }
    }

    private void pressDialogButton(String label) throws Exception {
        waitUntil(() -> lookup(".dialog-pane .button").match(LabeledMatchers.hasText(label)).tryQuery().isPresent());
        Button button = lookup(".dialog-pane .button").match(LabeledMatchers.hasText(label)).queryButton();
        Platform.runLater(button::fire);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
