package org.clinicledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Random;

import org.clinicledger.clinic.Workspace;
import org.clinicledger.crypto.Cosignature;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.ProblemCode;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.VerificationProblem;
import org.clinicledger.domain.Witnessing;
import org.clinicledger.store.ChainStore;
import org.clinicledger.store.HeadRow;
import org.clinicledger.store.WitnessStore;
import org.clinicledger.store.WitnessStore.CosignatureRow;
import org.clinicledger.testing.ExtraMachines;
import org.clinicledger.testing.Folders;
import org.clinicledger.testing.TestLedger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Witnessed checkpoints with several machines of one clinic in one real folder: this machine (the
 * one whose node key signs the heads) and more machines whose node chains the clinic key authorized,
 * each cosigning with its own witness key. Forged, foreign and misplaced cosignatures are named by
 * verification and never counted; a witness refuses a fork of what it cosigned.
 */
class WitnessesTest {

    @TempDir
    Path temp;

    private final Random random = new Random(24);
    private final Witnesses witnesses = new Witnesses(Clock.systemUTC());
    private LedgerFixture fixture;
    private SigningKey here;
    private ChainId doctor;
    private ChainId patient;

    @BeforeEach
    void aClinicWithAPatientsChain() {
        // A clinic key of its own per test (the temporary folder's name is random), so that this
        // machine's memory of one test's clinic is never compared with another's.
        fixture = new LedgerFixture(temp.resolve("clinic"), temp.toString().hashCode());
        here = NodeIdentity.load(fixture.workspace.root()).orElseThrow();
        doctor = fixture.register(PartyKind.DOCTOR);
        patient = fixture.register(PartyKind.PATIENT);
        fixture.between(BlockKind.ACCESS_GRANTED, doctor, patient);
        fixture.between(BlockKind.RECORD_ADDED, doctor, patient);
    }

    @AfterEach
    void close() {
        fixture.workspace.close();
    }

    @Test
    void aCheckpointIsWitnessedOnceTwoOfThreeMachinesStandBehindIt() {
        SigningKey second = machine();
        machine();
        Witnessing signedOnly = witnessing(patient);
        assertThat(signedOnly.machines()).isEqualTo(3);
        assertThat(signedOnly.behind()).isEqualTo(1);
        assertThat(signedOnly.witnessed()).isFalse();

        // The machine that signed the head cosigning it too is still one machine.
        assertThat(cosign(here, patient).result()).isEqualTo(Witnesses.Cosigning.Result.COSIGNED);
        assertThat(witnessing(patient).behind()).isEqualTo(1);
        assertThat(witnessing(patient).witnessed()).isFalse();

        assertThat(cosign(second, patient).result()).isEqualTo(Witnesses.Cosigning.Result.COSIGNED);
        Witnessing both = witnessing(patient);
        assertThat(both.behind()).isEqualTo(2);
        assertThat(both.witnessed()).isTrue();
        assertThat(both.describe()).isEqualTo("witnessed by 2 of 3 machines");
        assertThat(cosign(second, patient).result()).isEqualTo(Witnesses.Cosigning.Result.ALREADY_COSIGNED);
        assertThat(verify()).isEmpty();
    }

    @Test
    void withFourMachinesOneCosignerIsNotAMajorityAndTwoAre() {
        SigningKey second = machine();
        SigningKey third = machine();
        machine();
        cosign(second, patient);
        assertThat(witnessing(patient).behind()).isEqualTo(2);
        assertThat(witnessing(patient).witnessed()).isFalse();
        assertThat(witnessing(patient).describe()).contains("2 of 4 machines", "a majority needs 3");

        cosign(third, patient);
        assertThat(witnessing(patient).witnessed()).isTrue();
        assertThat(verify()).isEmpty();
    }

    @Test
    void aClinicOfOneMachineWitnessesNothing() {
        assertThat(cosign(here, patient).result()).isEqualTo(Witnesses.Cosigning.Result.COSIGNED);

        Witnessing alone = witnessing(patient);
        assertThat(alone.machines()).isEqualTo(1);
        assertThat(alone.witnessed()).isFalse();
        assertThat(alone.describe()).contains("one machine");
        assertThat(verify()).isEmpty();
    }

    @Test
    void aLaterCosignatureStandsBehindAnEarlierCheckpointItExtends() {
        SigningKey second = machine();
        machine();
        HeadRow earlier = newestHead(patient);
        fixture.between(BlockKind.RECORD_VIEWED, doctor, patient);
        cosign(second, patient);

        assertThat(witnessing(patient).witnessed()).isTrue();
        assertThat(read(work -> witnesses.witnessing(work, patient, earlier.size(), earlier.root())).witnessed())
                .isTrue();
        byte[] otherRoot = earlier.root();
        otherRoot[0] ^= 1;
        assertThat(read(work -> witnesses.witnessing(work, patient, earlier.size(), otherRoot)).behind()).isZero();
    }

    @Test
    void aNewHeadIsNotWitnessedUntilItIsCosignedAgain() {
        SigningKey second = machine();
        machine();
        cosign(second, patient);
        fixture.between(BlockKind.RECORD_VIEWED, doctor, patient);

        assertThat(witnessing(patient).witnessed()).isFalse();
        assertThat(cosign(second, patient).result()).isEqualTo(Witnesses.Cosigning.Result.COSIGNED);
        assertThat(witnessing(patient).witnessed()).isTrue();
    }

    @Test
    void aForgedSignatureIsNamedAndNotCounted() {
        SigningKey second = machine();
        machine();
        cosign(second, patient);
        CosignatureRow row = rows(second).get(0);
        byte[] forged = row.signature();
        forged[5] ^= 1;
        replace(row, new CosignatureRow(row.chain(), row.size(), row.root(), row.witnessNodeKeyId(),
                row.witnessPublicKey(), row.witnessAuthorization(), row.cosignedAt(), forged));

        assertThat(witnessing(patient).witnessed()).isFalse();
        assertThat(verify()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(ProblemCode.COSIGNATURE);
            assertThat(problem.chain()).isEqualTo(patient.value());
            assertThat(problem.reason()).contains("signature does not verify");
        });
    }

    @Test
    void aCosignatureMovedToAnotherTimeIsNamed() {
        SigningKey second = machine();
        cosign(second, patient);
        CosignatureRow row = rows(second).get(0);
        replace(row, new CosignatureRow(row.chain(), row.size(), row.root(), row.witnessNodeKeyId(),
                row.witnessPublicKey(), row.witnessAuthorization(), row.cosignedAt() + 1, row.signature()));

        assertThat(codes()).containsExactly(ProblemCode.COSIGNATURE);
    }

    @Test
    void aCosignatureByAKeyTheClinicNeverRegisteredIsNamedNotCountedAndCannotBeMade() {
        machine();
        machine();
        SigningKey stranger = ExtraMachines.unregistered(random);
        assertThatThrownBy(() -> cosign(stranger, patient)).isInstanceOf(RefusedException.class)
                .hasMessageContaining("not one of the clinic's registered machines");

        // Written behind the application's back, with a valid signature and authorization of its own.
        insert(validRow(stranger, newestHead(patient), 1_800_000_000L));

        assertThat(witnessing(patient).behind()).isEqualTo(1);
        assertThat(verify()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(ProblemCode.COSIGNATURE);
            assertThat(problem.reason()).contains("not one of the clinic's registered machines");
        });
    }

    @Test
    void aWitnessKeyItsNodeKeyNeverAuthorizedIsNamed() {
        SigningKey second = machine();
        SigningKey third = machine();
        cosign(second, patient);
        CosignatureRow row = rows(second).get(0);
        CosignatureRow byThird = validRow(third, newestHead(patient), row.cosignedAt());
        // The second machine's name on the third's witness key and authorization.
        replace(row, new CosignatureRow(row.chain(), row.size(), row.root(), row.witnessNodeKeyId(),
                byThird.witnessPublicKey(), byThird.witnessAuthorization(), byThird.cosignedAt(), byThird.signature()));

        assertThat(witnessing(patient).behind()).isEqualTo(1);
        assertThat(verify()).singleElement().satisfies(problem ->
                assertThat(problem.reason()).contains("did not authorize this witness key"));
    }

    @Test
    void aCosignatureOfAnotherRootIsNamedAndNotCounted() {
        SigningKey second = machine();
        machine();
        HeadRow head = newestHead(patient);
        byte[] otherRoot = head.root();
        otherRoot[31] ^= 1;
        HeadRow other = new HeadRow(head.chain(), head.size(), otherRoot, head.signedAtMillis(), head.nodeKeyId(),
                head.signature(), head.previousHead(), head.checkpointSignature());
        insert(validRow(second, other, 1_800_000_000L));

        assertThat(witnessing(patient).witnessed()).isFalse();
        assertThat(verify()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(ProblemCode.COSIGNATURE);
            assertThat(problem.reason()).contains("another root");
        });
        // And the witness, which believes it cosigned that other root, refuses the real one as a fork.
        Witnesses.Cosigning refused = cosign(second, patient);
        assertThat(refused.refused()).isTrue();
        assertThat(refused.reason()).contains("a fork", patient.value());
    }

    @Test
    void aCosignatureOfASizeTheChainHasNoHeadForIsNamed() {
        SigningKey second = machine();
        HeadRow head = newestHead(patient);
        insert(validRow(second, new HeadRow(head.chain(), head.size() + 5, head.root(), head.signedAtMillis(),
                head.nodeKeyId(), head.signature(), head.previousHead(), head.checkpointSignature()), 1_800_000_000L));

        assertThat(verify()).singleElement().satisfies(problem ->
                assertThat(problem.reason()).contains("no signed head over " + (head.size() + 5) + " blocks"));
    }

    @Test
    void aWitnessRefusesAForkOfTheChainItCosignedInAnotherCopy() {
        SigningKey second = machine();
        machine();
        fixture.workspace.close();
        Path original = fixture.workspace.root();
        Path fork = Folders.copy(original, temp.resolve("fork"));
        try (Workspace mine = Workspace.open(original, false); Workspace theirs = Workspace.open(fork, false)) {
            // Each copy adds a different block to the same chain: two histories after a common start.
            TestLedger.of(mine).append(EventSpec.single(BlockKind.PASSWORD_CHANGED, fixture.owners.get(patient),
                    patient, LedgerFixture.bytes("{\"format\":1,\"sealedKeys\":\"" + "ab".repeat(32) + "\"}")));
            TestLedger.of(theirs).append(EventSpec.single(BlockKind.PASSWORD_CHANGED, fixture.owners.get(patient),
                    patient, LedgerFixture.bytes("{\"format\":1,\"sealedKeys\":\"" + "cd".repeat(32) + "\"}")));
            assertThat(write(mine, work -> witnesses.cosign(work, second, patient)).result())
                    .isEqualTo(Witnesses.Cosigning.Result.COSIGNED);
            // The second machine's cosignature travels to the fork, as an export would carry it.
            CosignatureRow carried = mine.database().read("read", work -> new WitnessStore().newestBy(work,
                    patient.value(), second.keyId())).orElseThrow();
            write(theirs, work -> {
                new WitnessStore().insert(work, carried);
                return null;
            });

            Witnesses.Cosigning sameSize = write(theirs, work -> witnesses.cosign(work, second, patient));
            assertThat(sameSize.refused()).isTrue();
            assertThat(sameSize.reason()).contains("a fork", "cosigned another checkpoint of the same");

            TestLedger.of(theirs).append(EventSpec.single(BlockKind.PASSWORD_CHANGED, fixture.owners.get(patient),
                    patient, LedgerFixture.bytes("{\"format\":1,\"sealedKeys\":\"" + "ef".repeat(32) + "\"}")));
            Witnesses.Cosigning longer = write(theirs, work -> witnesses.cosign(work, second, patient));
            assertThat(longer.refused()).isTrue();
            assertThat(longer.reason()).contains("a fork", "does not extend the checkpoint over");
            List<CosignatureRow> inTheFork = theirs.database().read("read",
                    work -> new WitnessStore().ofChain(work, patient.value()));
            assertThat(inTheFork).as("nothing was cosigned in the fork").hasSize(1);
        }
    }

    @Test
    void aWitnessRefusesAChainShorterThanItCosigned() {
        SigningKey second = machine();
        HeadRow head = newestHead(patient);
        insert(validRow(second, new HeadRow(head.chain(), head.size() + 3, head.root(), head.signedAtMillis(),
                head.nodeKeyId(), head.signature(), head.previousHead(), head.checkpointSignature()), 1_800_000_000L));

        Witnesses.Cosigning refused = cosign(second, patient);
        assertThat(refused.refused()).isTrue();
        assertThat(refused.reason()).contains("rolled back");
    }

    @Test
    void aChainWithoutCheckpointsHasNothingToCosign() {
        assertThat(cosign(here, new ChainId(PartyKind.PATIENT, "nobody")).result())
                .isEqualTo(Witnesses.Cosigning.Result.NOTHING_TO_COSIGN);
    }

    @Test
    void theWitnessKeyIsDerivedFromTheNodeKeyAndIsNotIt() {
        SigningKey witness = WitnessKey.of(here);
        SigningKey again = WitnessKey.of(here);

        assertThat(witness.publicKey()).isEqualTo(again.publicKey()).isNotEqualTo(here.publicKey());
        assertThat(WitnessKey.authorizes(here.publicKey(), witness.publicKey(), WitnessKey.authorize(here, witness)))
                .isTrue();
        assertThat(WitnessKey.authorizes(here.publicKey(), here.publicKey(), WitnessKey.authorize(here, witness)))
                .isFalse();
    }

    @Test
    void cosignatureLinesAreC2spLinesACosignerVerifierOpens() {
        SigningKey second = machine();
        cosign(second, patient);
        HeadRow head = newestHead(patient);

        List<String> lines = read(work -> witnesses.cosignatureLines(work, patient, head.size(), head.root()));

        assertThat(lines).hasSize(1);
        var note = read(work -> Checkpoints.note(fixture.workspace.clinic().fingerprint().orElseThrow(), head,
                here.publicKey())).signedNote() + lines.get(0);
        CosignatureRow row = rows(second).get(0);
        Cosignature.VerifierKey key = Checkpoints.witnessKey(fixture.workspace.clinic().fingerprint().orElseThrow(),
                second.keyId(), row.witnessPublicKey());
        assertThat(key.name()).endsWith("/witness/" + second.keyId());
        assertThat(Cosignature.find(org.clinicledger.crypto.SignedNote.parse(
                note.getBytes(java.nio.charset.StandardCharsets.UTF_8)), key)).isPresent();
    }

    // ---- helpers

    private SigningKey machine() {
        return ExtraMachines.register(fixture.workspace, fixture.clinicKey, random);
    }

    private Witnesses.Cosigning cosign(SigningKey node, ChainId chain) {
        return write(fixture.workspace, work -> witnesses.cosign(work, node, chain));
    }

    private Witnessing witnessing(ChainId chain) {
        return read(work -> witnesses.witnessing(work, chain));
    }

    private HeadRow newestHead(ChainId chain) {
        return read(work -> new ChainStore().newestHead(work, chain.value()).orElseThrow());
    }

    private List<CosignatureRow> rows(SigningKey node) {
        return read(work -> new WitnessStore().ofChain(work, patient.value())).stream()
                .filter(row -> row.witnessNodeKeyId().equals(node.keyId())).toList();
    }

    /** A cosignature by {@code node}'s witness key of {@code head}'s checkpoint, valid in itself. */
    private CosignatureRow validRow(SigningKey node, HeadRow head, long at) {
        SigningKey witness = WitnessKey.of(node);
        var clinic = fixture.workspace.clinic().fingerprint().orElseThrow();
        byte[] signature = witness.sign(Cosignature.message(at, Checkpoints.body(clinic, head).text()));
        return new CosignatureRow(head.chain(), head.size(), head.root(), node.keyId(), witness.publicKey(),
                WitnessKey.authorize(node, witness), at, signature);
    }

    private void insert(CosignatureRow row) {
        write(fixture.workspace, work -> {
            new WitnessStore().insert(work, row);
            return null;
        });
    }

    /** Replaces a row as someone with the file would: around the table's append-only triggers. */
    private void replace(CosignatureRow old, CosignatureRow replacement) {
        try (var connection = new org.clinicledger.testing.RawTables(fixture.workspace.root()).connect();
             var statement = connection.createStatement()) {
            statement.execute("DROP TRIGGER cosignatures_are_never_deleted");
            try (var delete = connection.prepareStatement(
                    "DELETE FROM cosignatures WHERE chain_id = ? AND size = ? AND witness_node_key_id = ?")) {
                delete.setString(1, old.chain());
                delete.setLong(2, old.size());
                delete.setString(3, old.witnessNodeKeyId());
                assertThat(delete.executeUpdate()).isEqualTo(1);
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        insert(replacement);
    }

    private List<VerificationProblem> verify() {
        // The chains, heads and cosignatures: the fixture's events have no record rows beside them.
        return new ChainVerifier(fixture.workspace.database(), new ChainStore()).verify(Progress.NONE).problems();
    }

    private List<ProblemCode> codes() {
        return verify().stream().map(VerificationProblem::code).toList();
    }

    private <T> T read(org.clinicledger.store.Database.Work<T> action) {
        return fixture.workspace.database().read("read", action);
    }

    private static <T> T write(Workspace workspace, org.clinicledger.store.Database.Work<T> action) {
        return workspace.database().write("write", action);
    }
}
