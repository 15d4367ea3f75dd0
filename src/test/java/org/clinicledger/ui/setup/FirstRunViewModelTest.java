package org.clinicledger.ui.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;

import javafx.beans.property.SimpleObjectProperty;

import org.clinicledger.clinic.KeyDerivationTuning;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.ClinicProfile;
import org.clinicledger.domain.RecoverySheet;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.RecordingDialogService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirstRunViewModelTest {

    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path temp;

    private Workspace workspace;
    private final RecordingDialogService dialogs = new RecordingDialogService();
    private final SimpleObjectProperty<ClinicProfile> clinic = new SimpleObjectProperty<>();
    private FirstRunViewModel model;

    @BeforeEach
    void setUp() {
        workspace = Workspace.open(temp.resolve("data"), true, Clock.systemUTC(), KeyDerivationTuning.minimum());
        model = new FirstRunViewModel(workspace, BackgroundTasks.direct(dialogs), clinic, null);
    }

    private void fillIn(String name, String administrator, String password, String confirmation) {
        model.clinicNameProperty().set(name);
        model.administratorProperty().set(administrator);
        model.passwordProperty().set(password);
        model.confirmationProperty().set(confirmation);
    }

    @Test
    void saysNothingUntilSomethingIsTypedAndCannotCreateUntilAllIsThere() {
        assertThat(model.problemProperty().get()).isEmpty();
        assertThat(model.canCreateProperty().get()).isFalse();
        fillIn("Riverside Family Practice", "admin", "", "");
        assertThat(model.problemProperty().get()).isEmpty();
        assertThat(model.canCreateProperty().get()).isFalse();
    }

    @Test
    void explainsEachProblemAsItIsTyped() {
        fillIn("x".repeat(121), "", "", "");
        assertThat(model.problemProperty().get()).contains("at most 120 characters");
        fillIn("Riverside", "A b", "", "");
        assertThat(model.problemProperty().get()).isNotEmpty();
        fillIn("Riverside", "admin", "short", "");
        assertThat(model.problemProperty().get()).contains("at least 10 characters");
        fillIn("Riverside", "admin", PASSWORD, PASSWORD + "!");
        assertThat(model.problemProperty().get()).isEqualTo("The two passwords are not the same.");
        assertThat(model.canCreateProperty().get()).isFalse();
        fillIn("Riverside", "admin", PASSWORD, PASSWORD);
        assertThat(model.problemProperty().get()).isEmpty();
        assertThat(model.canCreateProperty().get()).isTrue();
    }

    @Test
    void setsUpTheClinicAndItsAdministratorAndForgetsThePassword() {
        fillIn("Riverside Family Practice", "Admin", PASSWORD, PASSWORD);
        model.createClinic();
        assertThat(dialogs.shown).isEmpty();
        // The recovery sheet first; the clinic is published once the sheet is stored.
        assertThat(clinic.get()).isNull();
        RecoverySheet sheet = model.recoverySheetProperty().get();
        assertThat(sheet.clinicName()).isEqualTo("Riverside Family Practice");
        assertThat(sheet.fingerprint()).isEqualTo(workspace.clinic().fingerprint().orElseThrow());
        assertThat(sheet.words()).matches("([A-Z2-7]{4}-){13}[A-Z2-7]{4}");
        model.recoverySheetStored();
        assertThat(model.recoverySheetProperty().get()).isNull();
        assertThat(clinic.get().name()).isEqualTo("Riverside Family Practice");
        assertThat(workspace.accounts().isSetUp()).isTrue();
        assertThat(workspace.accounts().account("admin")).isPresent();
        assertThat(model.passwordProperty().get()).isEmpty();
        assertThat(model.confirmationProperty().get()).isEmpty();
        assertThat(model.savingProperty().get()).isFalse();
        try (var session = workspace.accounts().login("admin", PASSWORD.toCharArray())) {
            assertThat(session.username()).isEqualTo("admin");
        }
    }

    @Test
    void aRefusalIsShownAndNothingIsPublished() {
        workspace.accounts().setUp("Set up elsewhere", "other", PASSWORD.toCharArray());
        fillIn("Mine", "admin", PASSWORD, PASSWORD);
        model.createClinic();
        assertThat(clinic.get()).isNull();
        assertThat(model.recoverySheetProperty().get()).isNull();
        model.recoverySheetStored();
        assertThat(clinic.get()).isNull();
        assertThat(dialogs.shown).singleElement().asString()
                .startsWith("error: The clinic could not be set up: This data folder already belongs to the clinic");
    }

    @Test
    void aNameGivenByAnEarlierVersionIsSuggested() {
        FirstRunViewModel suggested = new FirstRunViewModel(workspace, BackgroundTasks.direct(dialogs), clinic, "Old Name");
        assertThat(suggested.clinicNameProperty().get()).isEqualTo("Old Name");
    }
}
