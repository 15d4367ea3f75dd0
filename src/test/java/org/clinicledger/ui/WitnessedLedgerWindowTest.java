package org.clinicledger.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Random;

import org.clinicledger.clinic.KeyDerivationTuning;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.crypto.Ed25519;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.ClinicProfile;
import org.clinicledger.ledger.SigningKey;
import org.clinicledger.ledger.Witnesses;
import org.clinicledger.store.AccountStore;
import org.clinicledger.store.ChainStore;
import org.clinicledger.store.ClinicDao;
import org.clinicledger.testing.ExtraMachines;
import org.clinicledger.testing.TestLedger;
import org.junit.jupiter.api.Test;

/**
 * The Ledger tab, reached without signing in, says how many chains' newest checkpoints a majority
 * of the clinic's machines witnessed: none while only the machine that signs the heads stands
 * behind them, every one once a second of the clinic's three machines has cosigned them.
 */
class WitnessedLedgerWindowTest extends WindowFixture {

    @Test
    void checkpointsShowAsWitnessedOnceTwoOfThreeMachinesStandBehindThem() throws Exception {
        Path data = temp.resolve("clinic");
        // Keys of their own per run (the temporary folder's name is random): this computer's memory
        // of the chains is kept per clinic key, and another run's clinic would look rewritten.
        Random random = new Random(temp.toString().hashCode());
        SigningKey second;
        try (Workspace services = Workspace.open(data, true, Clock.systemUTC(), KeyDerivationTuning.minimum())) {
            // A clinic of three machines, founded on a clinic key the test holds so that it can
            // authorize the other two, as set-up authorizes the first.
            byte[] seed = new byte[Ed25519.SEED_LENGTH];
            random.nextBytes(seed);
            SigningKey clinicKey = new SigningKey(Ed25519.KeyPair.fromSeed(seed));
            TestLedger.of(services).foundClinic(clinicKey);
            // Named and with its settings, so that the window offers to sign in; the test needs no account.
            services.database().write("name the clinic", work -> {
                new ClinicDao().save(work, new ClinicProfile("Three Rooms Clinic", Instant.now()));
                new AccountStore().insertSettings(work, new AccountStore.ClinicSettingsRow(new byte[32], 19_456, 2, 1));
                return null;
            });
            second = ExtraMachines.register(services, clinicKey, random);
            ExtraMachines.register(services, clinicKey, random);
        }
        launch(data);
        clickOn("#verifyWithoutSigningInLink");
        waitUntil(() -> showing("#ledgerView"));

        clickOn("#verifyChainsButton");
        waitUntil(() -> !text("#witnessingSummary").isEmpty());
        assertThat(text("#witnessingSummary")).isEqualTo("Witnessing: 0 of 4 chains' newest checkpoints are "
                + "witnessed, each cosigned by a majority of the clinic's 3 machines (2 or more).");

        try (Workspace services = services(data)) {
            services.database().write("cosign as the second machine", work -> {
                for (String chain : new ChainStore().chainIdsWithHeads(work)) {
                    new Witnesses(Clock.systemUTC()).cosign(work, second, ChainId.parse(chain));
                }
                return null;
            });
        }
        clickOn("#verifyChainsButton");
        waitUntil(() -> text("#witnessingSummary").startsWith("Witnessing: 4 of 4"));
        assertThat(text("#witnessingSummary")).contains("majority of the clinic's 3 machines");
    }
}
