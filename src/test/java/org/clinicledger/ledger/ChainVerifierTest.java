package org.clinicledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.clinicledger.domain.Progress;
import org.clinicledger.domain.VerificationReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainVerifierTest {

    @TempDir
    Path temp;

    @Test
    void aLedgerWithEveryKindOfBlockVerifies() {
        LedgerFixture fixture = LedgerFixture.everyKind(temp.resolve("data"));
        VerificationReport report = fixture.workspace.verify(Progress.NONE);
        assertThat(report.problems()).isEmpty();
        assertThat(report.ok()).isTrue();
        assertThat(report.chains()).isEqualTo(6); // 2 doctors, 3 patients, this machine's node chain
        assertThat(report.blocks()).isEqualTo(6 + 13 * 2 + 2);
    }

    @Test
    void randomUntamperedLedgersAlwaysVerify() {
        for (long seed = 1; seed <= 25; seed++) {
            LedgerFixture fixture = LedgerFixture.random(temp.resolve("random-" + seed), seed, 40);
            VerificationReport report = fixture.workspace.verify(Progress.NONE);
            assertThat(report.problems()).as("seed %d", seed).isEmpty();
        }
    }

    @Test
    void anEmptyDataFolderVerifies() {
        LedgerFixture fixture = new LedgerFixture(temp.resolve("data"), 1);
        VerificationReport report = fixture.workspace.verify(Progress.NONE);
        assertThat(report.ok()).isTrue();
        assertThat(report.chains()).isEqualTo(1);
    }

    @Test
    void reportsProgressUpToTheWholeLedger() {
        LedgerFixture fixture = LedgerFixture.random(temp.resolve("data"), 7, 600);
        long[] last = new long[2];
        fixture.workspace.verify((done, total, message) -> {
            last[0] = done;
            last[1] = total;
        });
        assertThat(last[0]).isEqualTo(last[1]).isPositive();
    }
}
