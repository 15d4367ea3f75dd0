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
    void describesDamageInPlainWords() {
        assertThat(LedgerViewModel.describe(List.of("row 3 missing from index x")))
                .startsWith("The database file is damaged")
                .contains("row 3 missing from index x", "Restore it from a backup");
    }
}
