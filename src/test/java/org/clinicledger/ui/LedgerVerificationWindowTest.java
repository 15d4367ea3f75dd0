package org.clinicledger.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.clinicledger.testing.FolderState;
import org.junit.jupiter.api.Test;

/**
 * Verifying the ledger in the window reads and writes nothing: every file of the data folder is as
 * it was before the click, to the byte, the mode and the time (the log included). The one file left
 * out is SQLite's shared-memory index, {@code clinicledger.db-shm}, which every reader of a database
 * in use marks while it reads and which SQLite removes when the window closes the database.
 */
class LedgerVerificationWindowTest extends WindowFixture {

    @Test
    void verifyingInTheWindowLeavesEveryFileAsItWas() throws Exception {
        Path data = temp.resolve("clinic");
        setUpClinic(data, "Audited Clinic").close();
        launch(data);
        clickOn("#verifyWithoutSigningInLink");
        waitUntil(() -> showing("#ledgerView"));
        FolderState before = FolderState.of(data, name -> !name.equals("clinicledger.db-shm"));

        clickOn("#verifyChainsButton");
        waitUntil(() -> text("#verificationSummary").startsWith("Intact: 3 chains, 3 blocks"));

        assertThat(FolderState.of(data, name -> !name.equals("clinicledger.db-shm"))).isEqualTo(before);
    }
}
