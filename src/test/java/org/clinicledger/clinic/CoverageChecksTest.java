package org.clinicledger.clinic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.clinicledger.clinic.AccountServiceTest.MovableClock;
import org.clinicledger.domain.AccessChange;
import org.clinicledger.domain.AccountDetails;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.PatientDetails;
import org.clinicledger.domain.ProblemCode;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.RecordId;
import org.clinicledger.domain.RecordInput;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.Role;
import org.clinicledger.domain.VerificationProblem;
import org.clinicledger.domain.VerificationReport;
import org.clinicledger.ledger.TableVerifier;
import org.clinicledger.store.ChainStore;
import org.clinicledger.testing.RawTables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks that account for the columns verification used to leave alone: each change is
 * reported with its own code, at the chain (and block) it concerns. Password seals (including the
 * attack that rolls a seal back to an old password's), the times kept beside the chains, who holds
 * copies of the clinic's keys, and who holds copies of record keys as the patient's chain says.
 */
class CoverageChecksTest {

    private static final String ADMIN_PASSWORD = "admin password 1";
    private static final String DESK_PASSWORD = "reception password";
    private static final String LEE_PASSWORD = "doctor password 1";
    private static final String KIM_PASSWORD = "doctor password 2";
    private static final String PASSPHRASE = "patient passphrase 1";

    @TempDir
    Path temp;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T09:00:00Z"));
    private Path data;
    private Workspace workspace;
    private RawTables raw;
    private MedicalRecordNumber mrn;
    private ChainId patient;

    @BeforeEach
    void setUpClinic() {
        data = temp.resolve("data");
        workspace = Workspace.open(data, true, clock, KeyDerivationTuning.minimum());
        raw = new RawTables(data);
        AccountService accounts = workspace.accounts();
        accounts.setUp("Hillside Clinic", "admin", ADMIN_PASSWORD.toCharArray());
        try (Session admin = login("admin", ADMIN_PASSWORD)) {
            accounts.addAccount(admin, Role.RECEPTIONIST, "desk", DESK_PASSWORD.toCharArray(), AccountDetails.NONE);
            accounts.addAccount(admin, Role.DOCTOR, "dr.lee", LEE_PASSWORD.toCharArray(), AccountDetails.NONE);
            accounts.addAccount(admin, Role.DOCTOR, "dr.kim", KIM_PASSWORD.toCharArray(), AccountDetails.NONE);
        }
        try (Session desk = login("desk", DESK_PASSWORD)) {
            mrn = workspace.registrations().registerPatient(desk, new PatientDetails("Ada Lovelace",
                    LocalDate.of(1985, 12, 10), null, null), PASSPHRASE.toCharArray(), "dr.lee").mrn();
        }
        patient = new ChainId(PartyKind.PATIENT, mrn.digits());
        clock.advance(Duration.ofMinutes(1));
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    // ---- password seals

    @Test
    void aPasswordChangeIsCommittedToOnTheAccountsOwnChain() throws Exception {
        workspace.accounts().changePassword("dr.lee", LEE_PASSWORD.toCharArray(), "a new password 2".toCharArray());
        ChainId lee = new ChainId(PartyKind.DOCTOR, "dr.lee");
        assertThat(raw.blockCount(lee, BlockKind.PASSWORD_CHANGED)).isEqualTo(1);
        assertThat(raw.latestPayload(lee, BlockKind.PASSWORD_CHANGED).get("sealedKeys").asText()).hasSize(64);
        assertThat(problems()).isEmpty();
    }

    @Test
    void aSealRolledBackToAnOldPasswordsIsCaught() throws Exception {
        ChainId lee = new ChainId(PartyKind.DOCTOR, "dr.lee");
        Object[] oldSeal = seal("dr.lee");
        workspace.accounts().changePassword("dr.lee", LEE_PASSWORD.toCharArray(), "a new password 2".toCharArray());
        long changedAt = raw.count("SELECT max(height) FROM blocks WHERE chain_id = ? AND kind = 'password-changed'",
                lee.value());

        // Someone who knew the old password puts its seal back, behind the application's back.
        raw.update("UPDATE accounts SET key_salt = ?, key_memory_kib = ?, key_iterations = ?, key_parallelism = ?, "
                + "sealed_keys = ? WHERE username = 'dr.lee'", oldSeal[0], oldSeal[1], oldSeal[2], oldSeal[3], oldSeal[4]);

        assertThat(problems()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(ProblemCode.ACCOUNT_SEAL);
            assertThat(problem.chain()).isEqualTo(lee.value());
            assertThat(problem.height()).isEqualTo(changedAt);
            assertThat(problem.reason()).contains("replaced or rolled back");
        });
        assertThatThrownBy(() -> login("dr.lee", LEE_PASSWORD)).as("the old password no longer opens the account")
                .isInstanceOf(RefusedException.class).hasMessageContaining("does not match its chain");
    }

    @Test
    void aSealsCostLoweredIsCaughtAgainstTheRegistration() throws Exception {
        raw.update("UPDATE accounts SET key_iterations = key_iterations + 1 WHERE username = 'desk'");
        assertThat(problems()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(ProblemCode.ACCOUNT_SEAL);
            assertThat(problem.chain()).isEqualTo("staff/desk");
            assertThat(problem.height()).isZero();
        });
    }

    @Test
    void aRaisedCostAtLoginIsCommittedToAsWell() throws Exception {
        raw.update("UPDATE clinic_settings SET password_iterations = password_iterations + 1");
        login("dr.kim", KIM_PASSWORD).close();
        assertThat(raw.blockCount(new ChainId(PartyKind.DOCTOR, "dr.kim"), BlockKind.PASSWORD_CHANGED)).isEqualTo(1);
        assertThat(problems()).isEmpty();
    }

    // ---- times

    @Test
    void timesKeptBesideTheChainsAreTheBlocksTimes() throws Exception {
        RecordId record = addRecordAsLee();
        try (Session lee = login("dr.lee", LEE_PASSWORD)) {
            workspace.access().refer(lee, mrn, "dr.kim", "Second opinion");
            workspace.records().deleteRecord(lee, record, "Written for the wrong patient");
        }
        assertThat(problems()).isEmpty();

        raw.update("UPDATE record_versions SET created_at = created_at + 1");
        raw.update("UPDATE record_deletions SET deleted_at = deleted_at - 1");
        raw.update("UPDATE access_reasons SET created_at = created_at + 1");
        raw.update("UPDATE accounts SET created_at = created_at + 86400000 WHERE username = 'dr.kim'");
        raw.update("UPDATE clinic SET created_at = '2020-01-01T00:00:00Z'");

        List<VerificationProblem> problems = problems();
        assertThat(problems).allSatisfy(problem -> assertThat(problem.code()).isEqualTo(ProblemCode.TIME));
        assertThat(problems).extracting(VerificationProblem::chain, VerificationProblem::reason).anySatisfy(tuple ->
                assertThat(tuple.toList()).containsExactly(patient.value(), "the time the records give for record "
                        + record.value() + " version 1 is not the time of its block"));
        assertThat(problems).extracting(VerificationProblem::reason).anySatisfy(reason ->
                assertThat(reason).contains("deleted is not the time of its tombstone"));
        assertThat(problems).extracting(VerificationProblem::reason).anySatisfy(reason ->
                assertThat(reason).contains("is not the time of the block that names it"));
        assertThat(problems).filteredOn(problem -> problem.chain().equals("doctor/dr.kim")).singleElement()
                .satisfies(problem -> assertThat(problem.reason()).contains("later than the block that registers it"));
        assertThat(problems).filteredOn(problem -> problem.chain().equals("staff/admin")).singleElement()
                .satisfies(problem -> assertThat(problem.reason()).contains("clinic's creation time is earlier"));
        assertThat(problems).hasSize(5);
    }

    // ---- copies of the clinic's keys

    @Test
    void aCopyOfTheClinicsKeysForSomeoneWhoseRoleMayNotHoldItIsCaught() throws Exception {
        raw.update("INSERT INTO wrapped_clinic_keys (username, purpose, wrapped_key) SELECT ?, purpose, wrapped_key "
                + "FROM wrapped_clinic_keys WHERE username = 'dr.lee' AND purpose = 'directory'", mrn.digits());
        raw.update("INSERT INTO wrapped_clinic_keys (username, purpose, wrapped_key) SELECT 'dr.kim', 'escrow-share', "
                + "wrapped_key FROM wrapped_clinic_keys WHERE username = 'admin' AND purpose = 'escrow-share'");
        raw.update("DELETE FROM wrapped_clinic_keys WHERE username = 'desk'");

        List<VerificationProblem> problems = problems();
        assertThat(problems).allSatisfy(problem -> assertThat(problem.code()).isEqualTo(ProblemCode.CLINIC_KEY_COPY));
        assertThat(problems).extracting(VerificationProblem::chain, VerificationProblem::reason).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(patient.value(), "a copy of the clinic's directory key is held for "
                        + "this patient, whose role may not hold it"),
                org.assertj.core.groups.Tuple.tuple("doctor/dr.kim", "a share of the clinic's escrow key is held for this "
                        + "doctor, whose role may not hold it"),
                org.assertj.core.groups.Tuple.tuple("staff/desk", "this receptionist lacks the copy of the clinic's "
                        + "directory key every member of staff holds"));
    }

    // ---- copies of record keys

    @Test
    void aRecordKeyForADoctorThePatientDidNotAdmitIsCaught() throws Exception {
        RecordId record = addRecordAsLee();
        long height = recordHeight(record);
        raw.update("INSERT INTO record_keys (record_id, version, object, principal, wrapped_key) SELECT record_id, "
                + "version, object, 'doctor/dr.kim', wrapped_key FROM record_keys WHERE principal = ?", patient.value());

        assertThat(problems()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(ProblemCode.RECORD_KEY_UNAUTHORIZED);
            assertThat(problem.chain()).isEqualTo(patient.value());
            assertThat(problem.height()).isEqualTo(height);
            assertThat(problem.reason()).contains("doctor/dr.kim, whom the patient's chain does not admit");
        });
    }

    @Test
    void aRecordKeyMissingForSomeoneThePatientAdmitsIsCaught() throws Exception {
        RecordId record = addRecordAsLee();
        grant("dr.kim", null);
        assertThat(raw.keyHolders(record.value(), "")).contains("doctor/dr.kim");
        raw.update("DELETE FROM record_keys WHERE principal IN ('doctor/dr.kim', 'escrow')");

        assertThat(problems()).extracting(VerificationProblem::code, VerificationProblem::reason).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(ProblemCode.RECORD_KEY_MISSING, "doctor/dr.kim (a doctor with access) "
                        + "lacks the keys of record " + record.value() + " version 1"),
                org.assertj.core.groups.Tuple.tuple(ProblemCode.RECORD_KEY_MISSING, "escrow (the clinic's escrow key) "
                        + "lacks the keys of record " + record.value() + " version 1"));
    }

    @Test
    void aRecordKeyThatSurvivesItsRecordsDeletionIsCaught() throws Exception {
        RecordId record = addRecordAsLee();
        byte[] copy = wrappedKey(record, patient.value());
        try (Session lee = login("dr.lee", LEE_PASSWORD)) {
            workspace.records().deleteRecord(lee, record, "Written for the wrong patient");
        }
        raw.update("INSERT INTO record_keys (record_id, version, object, principal, wrapped_key) VALUES (?, 1, -1, ?, ?)",
                record.value(), patient.value(), copy);

        assertThat(problems()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(ProblemCode.RECORD_KEY_UNAUTHORIZED);
            assertThat(problem.reason()).contains("which was deleted, is still wrapped for " + patient.value());
        });
    }

    @Test
    void copiesOfAGrantThatEndedAwaitRemovalAndAreNoTampering() throws Exception {
        RecordId record = addRecordAsLee();
        AccessChange granted = grant("dr.kim", clock.instant().plus(Duration.ofDays(1)));
        long grantHeight = raw.count("SELECT max(height) FROM blocks WHERE chain_id = ? AND kind = 'access-granted'",
                patient.value());
        assertThat(granted.keyCopies()).as("the one record's document").isEqualTo(1);
        assertThat(verifyTables(clock.instant())).as("while the grant runs").isEmpty();

        List<VerificationProblem> ended = verifyTables(clock.instant().plus(Duration.ofDays(2)));
        assertThat(ended).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(ProblemCode.RECORD_KEY_AWAITING_REMOVAL);
            assertThat(problem.code().tampering()).isFalse();
            assertThat(problem.chain()).isEqualTo(patient.value());
            assertThat(problem.height()).isEqualTo(grantHeight);
            assertThat(problem.reason()).isEqualTo("1 key copy of doctor/dr.kim, whose grant ended "
                    + clock.instant().plus(Duration.ofDays(1)) + ", awaits removal: it is destroyed the next time the "
                    + "data folder is opened to work in");
        });
        assertThat(new VerificationReport(null, 1, 1, 1, ended).ok()).as("upkeep that is due leaves the folder intact").isTrue();

        clock.advance(Duration.ofDays(2));
        assertThat(workspace.access().removeExpiredKeys()).isEqualTo(granted.keyCopies());
        assertThat(raw.keyHolders(record.value(), "")).doesNotContain("doctor/dr.kim");
        assertThat(verifyTables(clock.instant())).isEmpty();
    }

    @Test
    void aRevokedDoctorKeepsOnlyTheKeysOfWhatTheyWrote() throws Exception {
        RecordId leesRecord = addRecordAsLee();
        grant("dr.kim", null);
        RecordId kimsRecord;
        try (Session kim = login("dr.kim", KIM_PASSWORD)) {
            kimsRecord = workspace.records().addRecord(kim, mrn, new RecordInput("Sprain", null, "Rest",
                    List.of()), List.of()).recordId();
        }
        try (Session session = login(mrn.digits(), PASSPHRASE)) {
            workspace.access().revoke(session, "dr.kim");
        }
        assertThat(raw.keyHolders(kimsRecord.value(), "")).contains("doctor/dr.kim");
        assertThat(raw.keyHolders(leesRecord.value(), "")).doesNotContain("doctor/dr.kim");
        assertThat(problems()).isEmpty();
    }

    // ---- helpers

    private Session login(String username, String password) {
        return workspace.accounts().login(username, password.toCharArray());
    }

    private RecordId addRecordAsLee() {
        try (Session lee = login("dr.lee", LEE_PASSWORD)) {
            return workspace.records().addRecord(lee, mrn, new RecordInput("Asthma", null, "Inhaler",
                    List.of()), List.of()).recordId();
        }
    }

    private AccessChange grant(String doctor, Instant until) {
        try (Session session = login(mrn.digits(), PASSPHRASE)) {
            return workspace.access().grant(session, doctor, until);
        }
    }

    private List<VerificationProblem> problems() {
        return workspace.verify(Progress.NONE).problems();
    }

    /** The tables alone, with the access policy evaluated at {@code now}. */
    private List<VerificationProblem> verifyTables(Instant now) {
        return new TableVerifier(workspace.database(), new ChainStore(), java.time.Clock.fixed(now,
                java.time.ZoneOffset.UTC)).verify();
    }

    private long recordHeight(RecordId record) throws Exception {
        return raw.count("SELECT height FROM blocks WHERE chain_id = ? AND kind = 'record-added' "
                + "AND instr(CAST(payload AS TEXT), ?) > 0", patient.value(), record.value());
    }

    private byte[] wrappedKey(RecordId record, String principal) throws Exception {
        try (Connection connection = raw.connect(); PreparedStatement query = connection.prepareStatement(
                "SELECT wrapped_key FROM record_keys WHERE record_id = ? AND principal = ? AND object = -1")) {
            query.setString(1, record.value());
            query.setString(2, principal);
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getBytes(1);
            }
        }
    }

    /** An account's seal as stored: salt, memory, iterations, parallelism, sealed keys. */
    private Object[] seal(String username) throws Exception {
        try (Connection connection = raw.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT key_salt, key_memory_kib, key_iterations, key_parallelism, "
                     + "sealed_keys FROM accounts WHERE username = '" + username + "'")) {
            assertThat(rows.next()).isTrue();
            return new Object[] {rows.getBytes(1), rows.getInt(2), rows.getInt(3), rows.getInt(4), rows.getBytes(5)};
        }
    }
}
