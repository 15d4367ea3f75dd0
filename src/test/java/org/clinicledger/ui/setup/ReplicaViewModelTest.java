package org.clinicledger.ui.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.clinicledger.clinic.ExchangeService;
import org.clinicledger.clinic.RollbackMemory;
import org.clinicledger.clinic.Session;
import org.clinicledger.domain.Cancel;
import org.clinicledger.domain.ExportScope;
import org.clinicledger.domain.Progress;
import org.clinicledger.testing.TestClinic;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.RecordingDialogService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first-run screen's replica form over the real service, into a real empty folder. */
class ReplicaViewModelTest {

    @TempDir
    Path temp;

    private String stateBefore;
    private Path file;
    private Path laptop;
    private final List<String> made = new ArrayList<>();
    private final List<String> failed = new ArrayList<>();
    private ReplicaViewModel model;

    @BeforeEach
    void setUp() {
        stateBefore = System.getProperty(RollbackMemory.PROPERTY);
        System.setProperty(RollbackMemory.PROPERTY, temp.resolve("state-clinic").toString());
        TestClinic clinic = new TestClinic(temp.resolve("clinic"));
        file = temp.resolve("to-laptop.clchain");
        try (Session lee = clinic.lee()) {
            clinic.workspace.exchange().export(lee, ExportScope.doctor("dr.lee"), true, file, false, Progress.NONE,
                    Cancel.NEVER);
        }
        clinic.workspace.close();
        System.setProperty(RollbackMemory.PROPERTY, temp.resolve("state-laptop").toString());
        laptop = temp.resolve("laptop");
        model = new ReplicaViewModel((chosen, username, password, progress, cancel) -> ExchangeService.startReplica(
                laptop, chosen, username, password, progress, cancel), BackgroundTasks.direct(new RecordingDialogService()));
        model.whenDone(made::add, () -> failed.add("failed"));
    }

    @AfterEach
    void restoreState() {
        if (stateBefore == null) {
            System.clearProperty(RollbackMemory.PROPERTY);
        } else {
            System.setProperty(RollbackMemory.PROPERTY, stateBefore);
        }
    }

    @Test
    void startsOnlyWithAFileAUsernameAndAPassword() {
        assertThat(model.shownProperty().get()).isFalse();
        model.offer(file);
        assertThat(model.shownProperty().get()).isTrue();
        assertThat(model.fileProperty().get()).isEqualTo(file);
        assertThat(model.canStartProperty().get()).isFalse();
        model.usernameProperty().set("dr.lee");
        assertThat(model.canStartProperty().get()).isFalse();
        model.passwordProperty().set("x");
        assertThat(model.canStartProperty().get()).isTrue();

        model.shownProperty().set(false);
        assertThat(model.passwordProperty().get()).isEmpty();
    }

    @Test
    void aWrongPasswordOrAnotherPersonIsRefusedAndTheFolderIsLeftEmpty() throws Exception {
        model.offer(file);
        model.usernameProperty().set("dr.lee");
        model.passwordProperty().set("not the password");
        model.start();
        assertThat(model.passwordProperty().get()).isEmpty();
        assertThat(model.problemProperty().get()).isNotEmpty().doesNotContain("Exception");
        assertThat(failed).hasSize(1);
        assertThat(made).isEmpty();
        assertThat(emptyOrMissing(laptop)).isTrue();

        model.usernameProperty().set("dr.kim");
        model.passwordProperty().set(TestClinic.KIM_PASSWORD);
        model.start();
        assertThat(model.problemProperty().get()).isEqualTo("This export starts a machine for dr.lee, not for dr.kim.");
        assertThat(emptyOrMissing(laptop)).isTrue();
    }

    @Test
    void makesTheReplicaForThePersonTheFileIsFor() {
        model.offer(file);
        model.usernameProperty().set(" Dr.Lee ");
        model.passwordProperty().set(TestClinic.LEE_PASSWORD);
        model.start();
        assertThat(model.problemProperty().get()).isEmpty();
        assertThat(made).containsExactly("dr.lee");
        assertThat(failed).isEmpty();
        assertThat(laptop.resolve("node.key")).isRegularFile();
        assertThat(model.makingProperty().get()).isFalse();
    }

    private static boolean emptyOrMissing(Path folder) throws Exception {
        if (!Files.exists(folder)) {
            return true;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        }
    }
}
