package org.clinicledger.clinic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.clinicledger.domain.Progress;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.WitnessingSummary;
import org.clinicledger.ledger.Witnesses;
import org.clinicledger.testing.Folders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** This machine as a witness of a real clinic: what it cosigns, and when it refuses to cosign anything. */
class WitnessServiceTest {

    @TempDir
    Path temp;

    private static Workspace setUp(Path data) {
        Workspace workspace = Workspace.open(data, true, Clock.systemUTC(), KeyDerivationTuning.minimum());
        workspace.accounts().setUp("Hillside Clinic", "admin", "admin password 1".toCharArray());
        return workspace;
    }

    @Test
    void theOneMachineCosignsEveryChainOnceAndWitnessesNothingAlone() {
        try (Workspace workspace = setUp(temp.resolve("data"))) {
            List<Witnesses.Cosigning> first = workspace.witnesses().cosignEveryChain();
            assertThat(first).hasSize(3).allSatisfy(done ->
                    assertThat(done.result()).isEqualTo(Witnesses.Cosigning.Result.COSIGNED));
            assertThat(workspace.witnesses().cosignEveryChain()).allSatisfy(done ->
                    assertThat(done.result()).isEqualTo(Witnesses.Cosigning.Result.ALREADY_COSIGNED));

            WitnessingSummary summary = workspace.witnesses().summary();
            assertThat(summary.machines()).isEqualTo(1);
            assertThat(summary.checkpoints()).hasSize(3);
            assertThat(summary.witnessed()).isZero();
            assertThat(workspace.verify(Progress.NONE).problems()).isEmpty();
        }
    }

    @Test
    void aCopyWithoutTheNodeKeyCannotCosignButCanCount() {
        setUp(temp.resolve("data")).close();
        try (Workspace inspected = Workspace.inspect(temp.resolve("data"))) {
            assertThatThrownBy(() -> inspected.witnesses().cosignEveryChain()).isInstanceOf(RefusedException.class)
                    .hasMessageContaining("no node key");
            assertThat(inspected.witnesses().summary().checkpoints()).hasSize(3);
        }
    }

    @Test
    void aFolderThisMachineFindsRolledBackIsNotCosignedAtAll() {
        Path data = temp.resolve("data");
        setUp(data).close();
        Path older = Folders.copy(data, temp.resolve("older"));
        try (Workspace newer = Workspace.open(data, false, Clock.systemUTC(), KeyDerivationTuning.minimum())) {
            newer.accounts().changePassword("admin", "admin password 1".toCharArray(),
                    "admin password 2".toCharArray());
        }
        try (Workspace rolledBack = Workspace.open(older, false, Clock.systemUTC(), KeyDerivationTuning.minimum())) {
            assertThat(rolledBack.rollbackFindings()).isNotEmpty();
            assertThatThrownBy(() -> rolledBack.witnesses().cosignEveryChain()).isInstanceOf(RefusedException.class)
                    .hasMessageContaining("rolled back or rewritten");
        }
    }
}
