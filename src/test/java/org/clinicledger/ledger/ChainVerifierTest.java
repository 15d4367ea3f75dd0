package org.clinicledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.VerificationReport;
import org.clinicledger.clinic.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainVerifierTest {

    @TempDir
    Path temp;

    @Test
    void aLedgerWithEveryKindOfBlockVerifies() {
        LedgerFixture fixture = LedgerFixture.everyKind(temp.resolve("data"));
        VerificationReport report = fixture.verify();
        assertThat(report.problems()).isEmpty();
        assertThat(report.ok()).isTrue();
        // 2 doctors, 3 patients, two administrators (the second confirms the emergency access), the clinic's
        // chain and this machine's node chain
        assertThat(report.chains()).isEqualTo(9);
        // ... two password changes, two key recoveries each followed by an event, a correction of
        // demographics, a doctor's account deactivated and a patient merged into another, all on two chains
        assertThat(report.blocks()).isEqualTo(9 + 13 * 2 + 2 + 2 + 4 * 2 + 2 + 2 + 2);
        assertThat(report.signedHeads()).as("one head per chain and append").isEqualTo(9 + 13 * 2 + 2 + 2 + 4 * 2 + 2 + 2 + 2);
        assertThat(report.clinicKey()).isEqualTo(ClinicRoot.fingerprint(fixture.clinicKey.publicKey()));
    }

    @Test
    void randomUntamperedLedgersAlwaysVerify() {
        for (long seed = 1; seed <= 25; seed++) {
            LedgerFixture fixture = LedgerFixture.random(temp.resolve("random-" + seed), seed, 40);
            VerificationReport report = fixture.verify();
            assertThat(report.problems()).as("seed %d", seed).isEmpty();
        }
    }

    /**
     * A ledger of {@code clinicledger.test.blocks} blocks (10,000 by default, so CI stays fast; the
     * {@code benchmark} command measures 100,000) built through the real appender and verified.
     */
    @Test
    void aLargeLedgerVerifies() {
        int target = Integer.getInteger("clinicledger.test.blocks", 10_000);
        LedgerFixture fixture = new LedgerFixture(temp.resolve("large"), 3);
        for (int i = 0; i < 10; i++) {
            fixture.register(PartyKind.DOCTOR);
        }
        for (int i = 0; i < 100; i++) {
            fixture.register(PartyKind.PATIENT);
        }
        java.util.Random random = new java.util.Random(3);
        long blocks = 112;
        while (blocks < target) {
            List<EventSpec> batch = new ArrayList<>();
            for (int i = 0; i < 500 && blocks < target; i++, blocks += 2) {
                ChainId doctor = fixture.doctors.get(random.nextInt(fixture.doctors.size()));
                ChainId patient = fixture.patients.get(random.nextInt(fixture.patients.size()));
                byte[] payload = fixture.payload(BlockKind.RECORD_ADDED, doctor, patient);
                batch.add(EventSpec.between(BlockKind.RECORD_ADDED, fixture.owners.get(doctor), doctor, payload,
                        patient, payload));
            }
            fixture.ledger().appendAll(batch);
        }
        VerificationReport report = fixture.verify();
        assertThat(report.problems()).isEmpty();
        assertThat(report.blocks()).isEqualTo(blocks);
        assertThat(report.chains()).isEqualTo(112);
    }

    @Test
    void aFoundedLedgerWithoutPeopleVerifies() {
        LedgerFixture fixture = new LedgerFixture(temp.resolve("data"), 1);
        VerificationReport report = fixture.verify();
        assertThat(report.ok()).isTrue();
        assertThat(report.chains()).as("the clinic's and this machine's").isEqualTo(2);
    }

    @Test
    void aFolderNeverSetUpIsEmptyAndVerifiesWithoutAClinicKey() throws Exception {
        try (Workspace workspace = Workspace.open(temp.resolve("blank"), true)) {
            VerificationReport report = workspace.verify(Progress.NONE);
            assertThat(report.ok()).isTrue();
            assertThat(report.chains()).isZero();
            assertThat(report.clinicKey()).isNull();
        }
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
