package org.clinicledger.ui.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.clinicledger.clinic.Workspace;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.RecordingDialogService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerViewModelTest {

    @TempDir
    Path temp;

    @Test
    void readsTheFactsAndChecksTheDatabase() {
        Workspace workspace = Workspace.open(temp.resolve("data"), true);
        LedgerViewModel model = new LedgerViewModel(workspace, BackgroundTasks.direct(new RecordingDialogService()));
        assertThat(model.factsProperty().get()).isNull();
        model.refresh();
        assertThat(model.factsProperty().get().journalMode()).isEqualTo("wal");
        assertThat(model.factsProperty().get().file()).isEqualTo(temp.resolve("data/clinicledger.db"));

        model.checkDatabase();
        assertThat(model.checkResultProperty().get()).startsWith("The database file is sound");
        assertThat(model.checkingProperty().get()).isFalse();
    }

    @Test
    void verifiesTheChainsAndListsEveryProblem() throws Exception {
        Path data = temp.resolve("data");
        Workspace workspace = Workspace.open(data, true, java.time.Clock.systemUTC(),
                org.clinicledger.clinic.KeyDerivationTuning.minimum());
        workspace.accounts().setUp("Hillside Clinic", "admin", "admin password 1".toCharArray());
        LedgerViewModel model = new LedgerViewModel(workspace, BackgroundTasks.direct(new RecordingDialogService()));
        model.verifyChains();
        assertThat(model.verificationSummaryProperty().get()).startsWith("Intact: 3 chains, 3 blocks verified")
                .as("the time in the one short form of every list, whatever the locale")
                .containsPattern("verified at \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}\\. ");
        assertThat(model.problems()).isEmpty();
        assertThat(model.verifyingProperty().get()).isFalse();

        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + data.resolve("clinicledger.db"));
             var statement = connection.createStatement()) {
            statement.executeUpdate("DROP TRIGGER signed_heads_are_never_deleted");
            statement.executeUpdate("DELETE FROM signed_heads");
        }
        model.verifyChains();
        assertThat(model.verificationSummaryProperty().get()).startsWith("NOT INTACT: 3 problems found in 3 chains, 3 blocks");
        assertThat(model.problems()).hasSize(3).allSatisfy(problem -> {
            assertThat(problem.code()).isEqualTo(org.clinicledger.domain.ProblemCode.NO_HEAD);
            assertThat(problem.reason()).isEqualTo("no signed head covers this chain");
        });
    }

    @Test
    void verifiesAnExportFileAndSaysWhatItIs() throws Exception {
        org.clinicledger.testing.TestClinic clinic = new org.clinicledger.testing.TestClinic(temp.resolve("data"));
        Path file = temp.resolve("ada.clchain");
        try (org.clinicledger.clinic.Session patient = clinic.patient()) {
            clinic.workspace.exchange().export(patient, org.clinicledger.domain.ExportScope.patient(clinic.mrn), false,
                    file, false, org.clinicledger.domain.Progress.NONE, org.clinicledger.domain.Cancel.NEVER);
        }
        LedgerViewModel model = new LedgerViewModel(clinic.workspace, BackgroundTasks.direct(new RecordingDialogService()));
        model.verifyExport(file);
        assertThat(model.exportSummaryProperty().get()).startsWith("Intact: this export of patient " + clinic.mrn.digits());
        assertThat(model.exportDescriptionProperty().get()).startsWith("ada.clchain: an export of patient ")
                .contains("made by " + clinic.mrn.digits()).contains("clinic key ");
        assertThat(model.exportProblems()).isEmpty();
        assertThat(model.verifyingExportProperty().get()).isFalse();

        java.nio.file.Files.writeString(file, "clinicledger-export/1 but not really");
        model.verifyExport(file);
        assertThat(model.exportSummaryProperty().get()).isEqualTo("Failed: ada.clchain could not be checked as an "
                + "export file.");
        assertThat(model.exportProblemProperty().get()).isNotEmpty().doesNotContain("Exception");
        assertThat(model.exportDescriptionProperty().get()).isEmpty();
        clinic.workspace.close();
    }

    @Test
    void describesDamageInPlainWords() {
        assertThat(LedgerViewModel.describe(List.of("row 3 missing from index x")))
                .startsWith("The database file is damaged")
                .containsPattern("checked at \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}\\)")
                .contains("row 3 missing from index x", "Restore it from a backup");
    }
}
