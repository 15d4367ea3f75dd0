package org.clinicledger.ui.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import javafx.beans.property.SimpleObjectProperty;

import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.ClinicProfile;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.RecordingDialogService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirstRunViewModelTest {

    @TempDir
    Path temp;

    private Workspace workspace;
    private final RecordingDialogService dialogs = new RecordingDialogService();
    private final SimpleObjectProperty<ClinicProfile> clinic = new SimpleObjectProperty<>();
    private FirstRunViewModel model;

    @BeforeEach
    void setUp() {
        workspace = Workspace.open(temp.resolve("data"), true);
        model = new FirstRunViewModel(workspace.clinic(), BackgroundTasks.direct(dialogs), clinic);
    }

    @Test
    void cannotCreateUntilANameIsTypedAndSaysNothingBeforeThat() {
        assertThat(model.canCreateProperty().get()).isFalse();
        assertThat(model.problemProperty().get()).isEmpty();
        model.clinicNameProperty().set("   ");
        assertThat(model.canCreateProperty().get()).isFalse();
        assertThat(model.problemProperty().get()).isEqualTo("Enter the clinic's name.");
    }

    @Test
    void explainsATooLongNameAsItIsTyped() {
        model.clinicNameProperty().set("a".repeat(121));
        assertThat(model.problemProperty().get()).contains("at most 120 characters");
        assertThat(model.canCreateProperty().get()).isFalse();
        model.clinicNameProperty().set("a".repeat(120));
        assertThat(model.problemProperty().get()).isEmpty();
        assertThat(model.canCreateProperty().get()).isTrue();
    }

    @Test
    void createsTheClinicAndPublishesIt() {
        model.clinicNameProperty().set("Riverside Family Practice");
        model.createClinic();
        assertThat(clinic.get().name()).isEqualTo("Riverside Family Practice");
        assertThat(workspace.clinic().profile()).contains(clinic.get());
        assertThat(model.savingProperty().get()).isFalse();
        assertThat(dialogs.shown).isEmpty();
    }

    @Test
    void aRefusalIsShownAndNothingIsPublished() {
        workspace.clinic().createClinic("Created elsewhere");
        model.clinicNameProperty().set("Mine");
        model.createClinic();
        assertThat(clinic.get()).isNull();
        assertThat(dialogs.shown).containsExactly(
                "error: The clinic could not be created: This data folder already belongs to a clinic.");
        assertThat(model.canCreateProperty().get()).isTrue();
    }
}
