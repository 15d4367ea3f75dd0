package org.clinicledger.ui.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.clinicledger.testing.TestClinic;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.RecordingDialogService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The change-password form's logic against a real clinic: each problem at its field, fields kept but a wrong current password. */
class ChangePasswordViewModelTest {

    private static final String NEW_PASSWORD = "a brand new password 2";

    @TempDir
    Path temp;

    private TestClinic clinic;
    private final RecordingDialogService dialogs = new RecordingDialogService();
    private final AtomicInteger changed = new AtomicInteger();

    @BeforeEach
    void open() {
        clinic = new TestClinic(temp.resolve("clinic"));
    }

    @AfterEach
    void close() {
        clinic.workspace.close();
    }

    private ChangePasswordViewModel model(String username) {
        return new ChangePasswordViewModel(clinic.workspace.accounts(), username, BackgroundTasks.direct(dialogs));
    }

    private void fill(ChangePasswordViewModel model, String current, String fresh, String again) {
        model.currentProperty().set(current);
        model.freshProperty().set(fresh);
        model.repeatedProperty().set(again);
    }

    @Test
    void problemsBeforeAnyCheckAreSaidAtTheirFieldsAndNothingIsCleared() {
        ChangePasswordViewModel model = model("dr.lee");
        fill(model, "", "short", "short");
        model.change(changed::incrementAndGet);
        assertThat(model.currentProblemProperty().get()).isEqualTo("Type your current password.");
        assertThat(model.freshProblemProperty().get()).startsWith("A password needs at least 10 characters");
        assertThat(model.repeatedProblemProperty().get()).isEmpty();

        fill(model, TestClinic.LEE_PASSWORD, TestClinic.LEE_PASSWORD, TestClinic.LEE_PASSWORD);
        model.change(changed::incrementAndGet);
        assertThat(model.currentProblemProperty().get()).isEmpty();
        assertThat(model.freshProblemProperty().get()).isEqualTo("The new password must differ from the current one.");

        fill(model, TestClinic.LEE_PASSWORD, NEW_PASSWORD, NEW_PASSWORD + " ");
        model.change(changed::incrementAndGet);
        assertThat(model.repeatedProblemProperty().get()).isEqualTo("The two new passwords differ: type the new one again.");
        assertThat(model.currentProperty().get()).isEqualTo(TestClinic.LEE_PASSWORD);
        assertThat(model.freshProperty().get()).isEqualTo(NEW_PASSWORD);
        assertThat(changed).hasValue(0);
    }

    @Test
    void aWrongCurrentPasswordClearsThatFieldAloneThenTheRightOneChangesIt() {
        ChangePasswordViewModel model = model("dr.lee");
        fill(model, "not lee's password", NEW_PASSWORD, NEW_PASSWORD);
        model.change(changed::incrementAndGet);
        assertThat(model.currentProblemProperty().get()).isEqualTo("This is not your current password.");
        assertThat(model.currentProperty().get()).isEmpty();
        assertThat(model.freshProperty().get()).isEqualTo(NEW_PASSWORD);
        assertThat(model.repeatedProperty().get()).isEqualTo(NEW_PASSWORD);
        assertThat(changed).hasValue(0);

        model.currentProperty().set(TestClinic.LEE_PASSWORD);
        model.change(changed::incrementAndGet);
        assertThat(changed).hasValue(1);
        assertThat(model.currentProblemProperty().get()).isEmpty();
        assertThat(model.freshProperty().get()).isEmpty();
        clinic.login("dr.lee", NEW_PASSWORD).close();
        assertThat(dialogs.shown).isEmpty();
    }

    @Test
    void aPatientChangesTheirPassphraseByMrn() {
        ChangePasswordViewModel model = model(clinic.mrn.digits());
        fill(model, TestClinic.PATIENT_PASSPHRASE, NEW_PASSWORD, NEW_PASSWORD);
        model.change(changed::incrementAndGet);
        assertThat(changed).hasValue(1);
        clinic.login(clinic.mrn.toString(), NEW_PASSWORD).close();
    }
}
