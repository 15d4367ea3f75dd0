package org.clinicledger.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.clinicledger.testing.ThreeMachineClinic;
import org.junit.jupiter.api.Test;

/**
 * The Ledger tab, reached without signing in, says how many chains' newest checkpoints a majority
 * of the clinic's machines witnessed: none while only the machine that signs the heads stands
 * behind them, every one once a second of the clinic's three machines has cosigned them.
 */
class WitnessedLedgerWindowTest extends WindowFixture {

    @Test
    void checkpointsShowAsWitnessedOnceTwoOfThreeMachinesStandBehindThem() throws Exception {
        ThreeMachineClinic clinic = ThreeMachineClinic.create(temp.resolve("clinic"));
        launch(clinic.data());
        clickOn("#verifyWithoutSigningInLink");
        waitUntil(() -> showing("#ledgerView"));

        clickOn("#verifyChainsButton");
        waitUntil(() -> !text("#witnessingSummary").isEmpty());
        assertThat(text("#witnessingSummary")).isEqualTo("Witnessing: 0 of 4 chains' newest checkpoints are "
                + "witnessed, each cosigned by a majority of the clinic's 3 machines (2 or more).");

        clinic.cosignEveryChain(clinic.second());
        clickOn("#verifyChainsButton");
        waitUntil(() -> text("#witnessingSummary").startsWith("Witnessing: 4 of 4"));
        assertThat(text("#witnessingSummary")).contains("majority of the clinic's 3 machines");
    }
}
