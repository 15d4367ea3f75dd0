package org.clinicledger.ui.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.clinicledger.clinic.Session;
import org.clinicledger.testing.RawTables;
import org.clinicledger.testing.TestClinic;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.RecordingDialogService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignInDelayViewModelTest {

    @TempDir
    Path temp;

    private TestClinic clinic;
    private Session admin;
    private final RecordingDialogService dialogs = new RecordingDialogService();

    @BeforeEach
    void open() {
        clinic = new TestClinic(temp.resolve("clinic"));
        admin = clinic.login("admin", "admin password 1");
    }

    @AfterEach
    void close() {
        admin.close();
        clinic.workspace.close();
    }

    private SignInDelayViewModel model(Session session) {
        return new SignInDelayViewModel(clinic.workspace.accounts(), session, BackgroundTasks.direct(dialogs));
    }

    @Test
    void clearsADelayAndSaysSoThenSaysWhenThereWasNone() throws Exception {
        new RawTables(temp.resolve("clinic")).update("UPDATE accounts SET failed_logins = 9, locked_until = ? "
                + "WHERE username = 'dr.kim'", System.currentTimeMillis() + 60_000);
        SignInDelayViewModel model = model(admin);
        assertThat(model.isAvailable()).isTrue();

        model.usernameProperty().set(" dr.kim ");
        model.clear();
        assertThat(model.outcomeProperty().get()).isEqualTo("The sign-in delay of dr.kim is cleared: they can sign in now.");
        assertThat(model.usernameProperty().get()).isEmpty();
        assertThat(model.problemProperty().get()).isEmpty();
        clinic.kim().close();

        model.usernameProperty().set("dr.kim");
        model.clear();
        assertThat(model.outcomeProperty().get()).isEqualTo("dr.kim had no sign-in delay to clear.");
        assertThat(dialogs.shown).isEmpty();
    }

    @Test
    void anEmptyOrUnknownNameIsSaidAtTheFieldAndOnlyAdministratorsMayClear() {
        SignInDelayViewModel model = model(admin);
        model.clear();
        assertThat(model.problemProperty().get()).isEqualTo("Enter the username (a patient's is their MRN).");
        model.usernameProperty().set("dr.nobody");
        model.clear();
        assertThat(model.problemProperty().get()).isEqualTo("There is no account with the username dr.nobody.");
        assertThat(model.outcomeProperty().get()).isEmpty();
        try (Session desk = clinic.login("desk", TestClinic.DESK_PASSWORD)) {
            assertThat(model(desk).isAvailable()).isFalse();
        }
    }
}
