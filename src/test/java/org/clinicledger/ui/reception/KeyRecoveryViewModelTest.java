package org.clinicledger.ui.reception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;

import org.clinicledger.clinic.KeyDerivationTuning;
import org.clinicledger.clinic.Session;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.AccountDetails;
import org.clinicledger.domain.LoginFailedException;
import org.clinicledger.domain.Role;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.RecordingDialogService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRecoveryViewModelTest {

    private static final String PASSWORD = "correct horse battery";
    private static final String DOCTOR_PASSWORD = "doctor password 1";
    private static final String NEW_PASSWORD = "the new password here";
    private static final String REASON = "Forgot the password; ID checked";

    @TempDir
    Path temp;

    private final RecordingDialogService dialogs = new RecordingDialogService();
    private Workspace workspace;
    private Session admin;
    private KeyRecoveryViewModel model;
    private String sheet;

    @BeforeEach
    void setUp() {
        workspace = Workspace.open(temp.resolve("data"), true, Clock.systemUTC(), KeyDerivationTuning.minimum());
        sheet = workspace.accounts().setUp("Riverside", "admin", PASSWORD.toCharArray()).recoverySheet().words();
        admin = workspace.accounts().login("admin", PASSWORD.toCharArray());
        workspace.accounts().addAccount(admin, Role.DOCTOR, "dr.lee", DOCTOR_PASSWORD.toCharArray(), AccountDetails.NONE);
        model = new KeyRecoveryViewModel(workspace.accounts(), workspace.keyRecovery(), admin,
                BackgroundTasks.direct(dialogs));
    }

    @AfterEach
    void close() {
        admin.close();
    }

    private void fillIn(String person, String reason, String password, String again) {
        model.personProperty().set(person);
        model.reasonProperty().set(reason);
        model.passwordProperty().set(password);
        model.confirmationProperty().set(again);
        // The clinic's one administrator recovers with the recovery sheet as the escrow key's second holder.
        model.secondHolder().holderProperty().set(SecondHolderViewModel.Holder.RECOVERY_SHEET);
        model.secondHolder().sheetWordsProperty().set(sheet);
    }

    @Test
    void confirmedItRecoversTheKeysAndForgetsThePasswords() {
        dialogs.confirmReply = true;
        fillIn("dr.lee", REASON, NEW_PASSWORD, NEW_PASSWORD);
        model.recover();
        assertThat(model.problemProperty().get()).isEmpty();
        assertThat(model.resultProperty().get()).startsWith("The keys of dr.lee (doctor) were recovered");
        assertThat(dialogs.shown).containsExactly("confirm: Recover keys");
        assertThat(model.passwordProperty().get()).isEmpty();
        assertThat(model.confirmationProperty().get()).isEmpty();
        workspace.accounts().login("dr.lee", NEW_PASSWORD.toCharArray()).close();
    }

    @Test
    void cancelledItWritesNothing() {
        dialogs.confirmReply = false;
        fillIn("dr.lee", REASON, NEW_PASSWORD, NEW_PASSWORD);
        model.recover();
        assertThat(model.resultProperty().get()).isEmpty();
        assertThatThrownBy(() -> workspace.accounts().login("dr.lee", NEW_PASSWORD.toCharArray()))
                .isInstanceOf(LoginFailedException.class);
        workspace.accounts().login("dr.lee", DOCTOR_PASSWORD.toCharArray()).close();
    }

    @Test
    void mistakesAreSaidAtTheFormBeforeAnythingIsAsked() {
        fillIn("", REASON, NEW_PASSWORD, NEW_PASSWORD);
        model.recover();
        assertThat(model.problemProperty().get()).contains("username");
        fillIn("dr.lee", "why", NEW_PASSWORD, NEW_PASSWORD);
        model.recover();
        assertThat(model.problemProperty().get()).contains("reason");
        fillIn("dr.lee", REASON, NEW_PASSWORD, "not the same password");
        model.recover();
        assertThat(model.problemProperty().get()).contains("not the same");
        fillIn("dr.nobody", REASON, NEW_PASSWORD, NEW_PASSWORD);
        model.recover();
        assertThat(model.problemProperty().get()).contains("no account dr.nobody");
        fillIn("dr.lee", REASON, "short", "short");
        dialogs.confirmReply = true;
        model.recover();
        assertThat(model.problemProperty().get()).contains("characters");
        assertThat(dialogs.shown).containsExactly("confirm: Recover keys");
    }

    @Test
    void withoutASecondHolderOrWithAMistypedSheetNothingIsRecovered() {
        dialogs.confirmReply = true;
        fillIn("dr.lee", REASON, NEW_PASSWORD, NEW_PASSWORD);
        model.secondHolder().holderProperty().set(SecondHolderViewModel.Holder.ADMINISTRATOR);
        model.recover();
        assertThat(model.problemProperty().get()).isEqualTo("Enter the second administrator's username.");
        assertThat(dialogs.shown).isEmpty();

        fillIn("dr.lee", REASON, NEW_PASSWORD, NEW_PASSWORD);
        char first = sheet.charAt(0) == 'A' ? 'B' : 'A';
        model.secondHolder().sheetWordsProperty().set(first + sheet.substring(1));
        model.recover();
        assertThat(model.problemProperty().get()).contains("sheet");
        assertThat(model.resultProperty().get()).isEmpty();
        assertThat(model.secondHolder().sheetWordsProperty().get()).as("kept to compare with the paper").isNotEmpty();
        assertThatThrownBy(() -> workspace.accounts().login("dr.lee", NEW_PASSWORD.toCharArray()))
                .isInstanceOf(LoginFailedException.class);
    }
}
