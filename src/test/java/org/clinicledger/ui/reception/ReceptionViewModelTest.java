package org.clinicledger.ui.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;

import javafx.beans.property.SimpleObjectProperty;

import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.ClinicProfile;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.RecordingDialogService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReceptionViewModelTest {

    @TempDir
    Path temp;

    private Workspace workspace;
    private final RecordingDialogService dialogs = new RecordingDialogService();
    private final SimpleObjectProperty<ClinicProfile> clinic = new SimpleObjectProperty<>();
    private ReceptionViewModel model;

    @BeforeEach
    void setUp() {
        workspace = Workspace.open(temp.resolve("data"), true, java.time.Clock.systemUTC(),
                org.clinicledger.clinic.KeyDerivationTuning.minimum());
        workspace.accounts().setUp("Old Name", "admin", "correct horse battery".toCharArray());
        clinic.set(workspace.clinic().profile().orElseThrow());
        model = new ReceptionViewModel(workspace.clinic(),
                workspace.accounts().login("admin", "correct horse battery".toCharArray()), BackgroundTasks.direct(dialogs),
                clinic);
    }

    @Test
    void renamesAfterAskingWithTheCurrentName() {
        dialogs.textReplies.add(Optional.of("New Name"));
        model.renameClinic();
        assertThat(dialogs.shown).containsExactly("ask: Rename the clinic [Old Name]");
        assertThat(model.clinicNameProperty().get()).isEqualTo("New Name");
        assertThat(workspace.clinic().profile().orElseThrow().name()).isEqualTo("New Name");
    }

    @Test
    void cancellingChangesNothing() {
        model.renameClinic();
        assertThat(model.clinicNameProperty().get()).isEqualTo("Old Name");
    }

    @Test
    void anEmptyNameIsRefusedInPlainWords() {
        dialogs.textReplies.add(Optional.of("  "));
        model.renameClinic();
        assertThat(dialogs.shown).contains("error: Renaming the clinic: Enter the clinic's name.");
        assertThat(workspace.clinic().profile().orElseThrow().name()).isEqualTo("Old Name");
    }
}
