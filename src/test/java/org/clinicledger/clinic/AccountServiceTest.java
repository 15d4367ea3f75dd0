package org.clinicledger.clinic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.clinicledger.crypto.Argon2id.PasswordCost;
import org.clinicledger.custody.AccountKeys;
import org.clinicledger.domain.Account;
import org.clinicledger.domain.AccountDetails;
import org.clinicledger.domain.EscrowConfirmation;
import org.clinicledger.domain.Block;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.LoginFailedException;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.Role;
import org.clinicledger.domain.VerificationReport;
import org.clinicledger.testing.DataFolderScan;
import org.clinicledger.testing.TestKeys;
import org.clinicledger.testing.TestLedger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Set-up, accounts, login and passwords against real SQLite files and real cryptography,
 * at the minimum Argon2id cost so the suite stays fast.
 */
class AccountServiceTest {

    private static final String WRONG = LoginFailedException.WRONG_USERNAME_OR_PASSWORD;

    @TempDir
    Path temp;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T09:00:00Z"));
    private Path data;
    private Workspace workspace;
    private AccountService accounts;

    @BeforeEach
    void open() {
        data = temp.resolve("data");
        workspace = Workspace.open(data, true, clock, KeyDerivationTuning.minimum());
        accounts = workspace.accounts();
    }

    private static char[] pw(String text) {
        return text.toCharArray();
    }

    private Account setUp() {
        return accounts.setUp("Hillside Clinic", "admin", pw("admin password 1")).administrator();
    }

    private Session admin() {
        return accounts.login("admin", pw("admin password 1"));
    }

    // ---- set-up

    @Test
    void setUpMakesTheClinicItsKeysAndTheFirstAdministratorOnAStaffChain() {
        assertThat(accounts.isSetUp()).isFalse();
        Account admin = setUp();

        assertThat(admin.username()).isEqualTo("admin");
        assertThat(admin.role()).isEqualTo(Role.ADMINISTRATOR);
        assertThat(admin.chain()).isEqualTo(new ChainId(PartyKind.STAFF, "admin"));
        assertThat(accounts.isSetUp()).isTrue();
        assertThat(workspace.clinic().profile().orElseThrow().name()).isEqualTo("Hillside Clinic");
        assertThat(accounts.account("ADMIN")).contains(admin);

        try (Session session = admin()) {
            assertThat(session.role()).isEqualTo(Role.ADMINISTRATOR);
            assertThat(session.chain()).isEqualTo(admin.chain());
            assertThat(session.hasDirectoryAccess()).isTrue();
            Block registration = TestLedger.of(workspace).registration(admin.chain()).orElseThrow();
            assertThat(registration.subjectKey()).isEqualTo(session.signingKey().publicKey());
            JsonNode payload = json(registration.payload());
            assertThat(payload.get("role").asText()).isEqualTo("administrator");
            assertThat(payload.get("agreementKey").asText()).hasSize(64);
            assertThat(payload.get("clinicEscrowKey").asText()).hasSize(64);
            assertThat(payload.get("details").isNull()).isTrue();
        }
        VerificationReport report = workspace.verify(Progress.NONE);
        assertThat(report.problems()).isEmpty();
        assertThat(report.chains()).as("the clinic's, the node's and the administrator's").isEqualTo(3);
        assertThat(report.clinicKey()).isEqualTo(workspace.clinic().fingerprint().orElseThrow());
    }

    @Test
    void setUpIsRefusedWhenTheClinicExistsAndChangesNothing() {
        setUp();
        assertThatThrownBy(() -> accounts.setUp("Other Clinic", "boss", pw("boss password 1")))
                .isInstanceOf(RefusedException.class)
                .hasMessage("This data folder already belongs to the clinic \u201cHillside Clinic\u201d; "
                        + "set-up is done only once.");
        assertThat(accounts.account("boss")).isEmpty();
        assertThat(workspace.clinic().profile().orElseThrow().name()).isEqualTo("Hillside Clinic");
    }

    @Test
    void aClinicAnEarlierVersionOnlyNamedIsCompletedBySetUp() throws Exception {
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + data.resolve("clinicledger.db"));
             var statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO clinic (id, name, created_at) VALUES (1, 'Named Earlier', '2026-01-02T03:04:05Z')");
        }
        assertThat(accounts.isSetUp()).isFalse();
        accounts.requireNotSetUp();
        setUp();
        assertThat(accounts.isSetUp()).isTrue();
        assertThat(workspace.clinic().profile().orElseThrow().createdAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        assertThatThrownBy(() -> accounts.requireNotSetUp()).isInstanceOf(RefusedException.class);
    }

    @Test
    void setUpRefusesBadInputWithPlainMessagesAndWritesNothing() {
        assertThatThrownBy(() -> accounts.setUp("Clinic", "admin", pw("short")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("A password needs at least 10 characters; this one has 5.");
        assertThatThrownBy(() -> accounts.setUp("Clinic", "admin", pw("aaaaaaaaaaaa")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cannot be one character repeated");
        assertThatThrownBy(() -> accounts.setUp("Clinic", "no spaces allowed", pw("admin password 1")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("A username has 3 to 32 characters");
        assertThatThrownBy(() -> accounts.setUp("   ", "admin", pw("admin password 1")))
                .isInstanceOf(InvalidInputException.class).hasMessage("Enter the clinic's name.");
        assertThat(accounts.isSetUp()).isFalse();
        assertThat(workspace.clinic().profile()).isEmpty();
    }

    // ---- login

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameMessage() {
        setUp();
        assertThatThrownBy(() -> accounts.login("admin", pw("not the password")))
                .isInstanceOf(LoginFailedException.class).hasMessage(WRONG);
        assertThatThrownBy(() -> accounts.login("nobody", pw("admin password 1")))
                .isInstanceOf(LoginFailedException.class).hasMessage(WRONG);
        assertThatThrownBy(() -> accounts.login("not a username!", pw("admin password 1")))
                .isInstanceOf(LoginFailedException.class).hasMessage(WRONG);
        assertThatThrownBy(() -> accounts.login(null, pw("admin password 1")))
                .isInstanceOf(LoginFailedException.class).hasMessage(WRONG);
        assertThatThrownBy(() -> accounts.login("admin", new char[] {'\uD800', 'x'}))
                .as("a password that is not text is simply wrong")
                .isInstanceOf(LoginFailedException.class).hasMessage(WRONG);
    }

    @Test
    void aWrongPasswordAndAnUnknownUserTakeAboutTheSameTime() {
        setUp();
        long[] wrong = new long[5];
        long[] unknown = new long[5];
        for (int i = 0; i < wrong.length; i++) {
            // Alternate, so that a slow moment of the machine affects both alike.
            unknown[i] = timeFailedLogin("nobody" + i);
            wrong[i] = timeFailedLogin("admin");
            if (i % 2 == 1) {
                // Before the third wrong password in a row sets a delay.
                try (Session reset = admin()) {
                    assertThat(reset.isClosed()).isFalse();
                }
            }
        }
        long wrongMedian = median(wrong);
        long unknownMedian = median(unknown);
        // Both are one Argon2id derivation and one count of the failure in the database.
        assertThat(unknownMedian).as("unknown %d ms, wrong %d ms", unknownMedian / 1_000_000, wrongMedian / 1_000_000)
                .isBetween(wrongMedian / 2, wrongMedian * 2);
    }

    private long timeFailedLogin(String username) {
        long start = System.nanoTime();
        assertThatThrownBy(() -> accounts.login(username, pw("not the password"))).hasMessage(WRONG);
        return System.nanoTime() - start;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    @Test
    void aSuccessfulLoginForgetsEarlierWrongPasswords() throws Exception {
        setUp();
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> accounts.login("admin", pw("wrong password"))).hasMessage(WRONG);
        }
        admin().close();
        assertThat(failedLogins("admin")).isZero();
        assertThat(lockedUntil("admin")).isNull();
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> accounts.login("admin", pw("wrong password"))).hasMessage(WRONG);
        }
        assertThat(failedLogins("admin")).isEqualTo(2);
        assertThatThrownBy(() -> accounts.login("admin", pw("wrong password")))
                .hasMessage(WRONG + " Wait 1 second before trying again.");
    }

    // ---- passwords

    @Test
    void changingThePasswordKeepsTheKeysAndRetiresTheOldPassword() throws Exception {
        setUp();
        byte[] signingKey;
        byte[] agreementKey;
        try (Session before = admin()) {
            signingKey = before.signingKey().publicKey();
            agreementKey = before.keys().agreementPublicKey();
        }
        accounts.changePassword("admin", pw("admin password 1"), pw("a brand new password"));

        assertThatThrownBy(this::admin).isInstanceOf(LoginFailedException.class).hasMessage(WRONG);
        try (Session after = accounts.login("admin", pw("a brand new password"))) {
            assertThat(after.signingKey().publicKey()).isEqualTo(signingKey);
            assertThat(after.keys().agreementPublicKey()).isEqualTo(agreementKey);
            assertThat(after.hasDirectoryAccess()).isTrue();
        }
        assertThat(workspace.verify(Progress.NONE).ok()).isTrue();
    }

    @Test
    void changingThePasswordNeedsTheOldOneAndAGoodNewOne() throws Exception {
        setUp();
        assertThatThrownBy(() -> accounts.changePassword("admin", pw("wrong password"), pw("a brand new password")))
                .isInstanceOf(LoginFailedException.class).hasMessage(WRONG);
        assertThat(failedLogins("admin")).as("a wrong old password counts towards the sign-in delay").isEqualTo(1);
        assertThatThrownBy(() -> accounts.changePassword("admin", pw("admin password 1"), pw("too short")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at least 10 characters");
        assertThatThrownBy(() -> accounts.changePassword("admin", pw("admin password 1"), pw("admin password 1")))
                .isInstanceOf(InvalidInputException.class).hasMessage("The new password must differ from the old one.");
        admin().close();
    }

    @Test
    void aLowerStoredCostIsRaisedToTheClinicsCostAtTheNextLogin() throws Exception {
        setUp();
        try (Session admin = admin()) {
            accounts.addAccount(admin, Role.DOCTOR, "dr.lee", pw("doctor password 1"), AccountDetails.NONE);
        }
        assertThat(storedCost("dr.lee")).isEqualTo(PasswordCost.DEFAULT);

        PasswordCost higher = new PasswordCost(24 * 1024, 3, 1);
        AccountService retuned = Workspace.open(data, false, clock, KeyDerivationTuning.fixed(higher)).accounts();
        try (Session admin = retuned.login("admin", pw("admin password 1"))) {
            retuned.retunePasswordCost(admin);
        }
        assertThat(clinicCost()).isEqualTo(higher);
        assertThat(storedCost("admin")).as("the administrator logged in before the cost rose").isEqualTo(PasswordCost.DEFAULT);

        byte[] sealedBefore = sealedKeys("dr.lee");
        try (Session doctor = accounts.login("dr.lee", pw("doctor password 1"))) {
            assertThat(doctor.role()).isEqualTo(Role.DOCTOR);
        }
        assertThat(storedCost("dr.lee")).isEqualTo(higher);
        assertThat(sealedKeys("dr.lee")).isNotEqualTo(sealedBefore);
        try (Session again = accounts.login("dr.lee", pw("doctor password 1"))) {
            assertThat(again.chain().value()).isEqualTo("doctor/dr.lee");
        }

        // Re-tuning on a slower machine never lowers the clinic's cost.
        try (Session admin = admin()) {
            accounts.retunePasswordCost(admin);
        }
        assertThat(clinicCost()).isEqualTo(higher);
        assertThat(storedCost("admin")).isEqualTo(higher);
    }

    // ---- sessions

    @Test
    void aClosedSessionWipesItsKeysAndIsRefused() {
        setUp();
        Session session = admin();
        AccountKeys keys = session.keys();
        byte[] seed = TestKeys.seed(keys);
        assertThat(seed).isNotEqualTo(new byte[32]);
        Arrays.fill(seed, (byte) 0);

        session.close();
        session.close();
        assertThat(session.isClosed()).isTrue();
        assertThatThrownBy(keys::privateKeys).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(session::keys).isInstanceOf(RefusedException.class).hasMessage(Session.ENDED);
        assertThatThrownBy(session::directoryKey).isInstanceOf(RefusedException.class).hasMessage(Session.ENDED);
        assertThatThrownBy(() -> accounts.addAccount(session, Role.DOCTOR, "dr.lee", pw("doctor password 1"),
                AccountDetails.NONE)).isInstanceOf(RefusedException.class).hasMessage(Session.ENDED);
        assertThat(session.isExpired(Duration.ofHours(1), clock.instant())).isTrue();
        assertThat(session.toString()).isEqualTo("Session[admin, administrator, closed]");
    }

    @Test
    void aSessionExpiresAfterIdleTimeAndUseKeepsItAlive() {
        setUp();
        try (Session session = admin()) {
            Instant start = clock.instant();
            assertThat(session.lastActivity()).isEqualTo(start);
            clock.advance(Duration.ofMinutes(4));
            assertThat(session.isExpired(Duration.ofMinutes(5), clock.instant())).isFalse();
            accounts.details(session, "admin");
            assertThat(session.lastActivity()).isEqualTo(start.plus(Duration.ofMinutes(4)));
            clock.advance(Duration.ofMinutes(5));
            assertThat(session.isExpired(Duration.ofMinutes(5), clock.instant())).isTrue();
            session.recordActivity(clock.instant());
            assertThat(session.isExpired(Duration.ofMinutes(5), clock.instant())).isFalse();
            session.recordActivity(start);
            assertThat(session.lastActivity()).as("activity never moves back").isEqualTo(clock.instant());
        }
    }

    // ---- adding accounts

    @Test
    void anAdministratorAddsStaffWhoseDetailsOnlyStaffCanRead() {
        setUp();
        Account doctor;
        try (Session admin = admin()) {
            accounts.addAccount(admin, Role.RECEPTIONIST, "Front.Desk", pw("reception password"),
                    new AccountDetails("Rosa Front", null, null));
            doctor = accounts.addAccount(admin, Role.DOCTOR, "dr.lee", pw("doctor password 1"),
                    new AccountDetails("  Dr   Ana Lee ", "Cardiology", "GMC-7654321"));
        }
        assertThat(doctor.chain().value()).isEqualTo("doctor/dr.lee");
        assertThat(accounts.account("front.desk").orElseThrow().chain().value()).isEqualTo("staff/front.desk");

        try (Session reception = accounts.login("front.desk", pw("reception password"))) {
            assertThat(reception.role()).isEqualTo(Role.RECEPTIONIST);
            assertThat(accounts.details(reception, "dr.lee"))
                    .isEqualTo(new AccountDetails("Dr Ana Lee", "Cardiology", "GMC-7654321"));
            assertThat(accounts.details(reception, "admin")).isEqualTo(AccountDetails.NONE);
        }
        try (Session lee = accounts.login("dr.lee", pw("doctor password 1"))) {
            assertThat(lee.hasDirectoryAccess()).isTrue();
            assertThat(accounts.details(lee, "front.desk").name()).isEqualTo("Rosa Front");
            Block registration = TestLedger.of(workspace).registration(doctor.chain()).orElseThrow();
            JsonNode payload = json(registration.payload());
            assertThat(payload.get("role").asText()).isEqualTo("doctor");
            assertThat(payload.get("addedBy").asText()).isEqualTo("staff/admin");
            assertThat(payload.get("details").asText()).hasSize(64);
            assertThat(new String(registration.payload(), StandardCharsets.UTF_8)).doesNotContain("Lee", "Cardiology");
        }
        assertThat(workspace.verify(Progress.NONE).ok()).isTrue();
    }

    @Test
    void aNewAdministratorGetsAShareOnlyWithASecondHoldersConfirmation() throws Exception {
        String sheet = accounts.setUp("Hillside Clinic", "admin", pw("admin password 1")).recoverySheet().words();
        try (Session admin = admin()) {
            assertThatThrownBy(() -> accounts.addAccount(admin, Role.ADMINISTRATOR, "second", pw("second admin pass"),
                    AccountDetails.NONE)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("no single holder can make one");
            accounts.addAccount(admin, Role.ADMINISTRATOR, "second", pw("second admin pass"), AccountDetails.NONE,
                    new EscrowConfirmation.RecoverySheetWords(sheet));
        }
        try (Session second = accounts.login("second", pw("second admin pass"))) {
            // The two administrators' shares make a third.
            accounts.addAccount(second, Role.ADMINISTRATOR, "third", pw("third admin pass"), AccountDetails.NONE,
                    new EscrowConfirmation.SecondAdministrator("admin", pw("admin password 1")));
        }
        try (Session third = accounts.login("third", pw("third admin pass"))) {
            accounts.addAccount(third, Role.ADMINISTRATOR, "fourth", pw("fourth admin pass"), AccountDetails.NONE,
                    new EscrowConfirmation.SecondAdministrator("second", pw("second admin pass")));
        }
        assertThat(workspace.verify(Progress.NONE).ok()).isTrue();
        execute("DELETE FROM wrapped_clinic_keys WHERE username = 'fourth' AND purpose = 'escrow-share'");
        try (Session fourth = accounts.login("fourth", pw("fourth admin pass"))) {
            assertThatThrownBy(() -> accounts.addAccount(fourth, Role.ADMINISTRATOR, "fifth", pw("fifth admin pass"),
                    AccountDetails.NONE, new EscrowConfirmation.RecoverySheetWords(sheet)))
                    .isInstanceOf(RefusedException.class).hasMessageContaining("no share of the clinic's escrow key");
        }
    }

    @Test
    void whoMayAddWhomIsEnforced() {
        setUp();
        try (Session admin = admin()) {
            accounts.addAccount(admin, Role.RECEPTIONIST, "desk", pw("reception password"), AccountDetails.NONE);
            accounts.addAccount(admin, Role.DOCTOR, "dr.lee", pw("doctor password 1"), AccountDetails.NONE);
            assertThatThrownBy(() -> accounts.addAccount(admin, Role.PATIENT, "mrn-1", pw("patient password"),
                    AccountDetails.NONE)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("when the patient is registered");
            assertThatThrownBy(() -> accounts.addAccount(admin, Role.RECEPTIONIST, "desk2", pw("reception password"),
                    new AccountDetails("Rosa", "Cardiology", null))).isInstanceOf(InvalidInputException.class)
                    .hasMessage("Only a doctor's account has a specialty and a licence number.");
            assertThatThrownBy(() -> accounts.addAccount(admin, Role.DOCTOR, "DR.LEE", pw("doctor password 2"),
                    AccountDetails.NONE)).isInstanceOf(RefusedException.class)
                    .hasMessageStartingWith("The username dr.lee is taken");
        }
        try (Session desk = accounts.login("desk", pw("reception password"))) {
            assertThat(accounts.addAccount(desk, Role.DOCTOR, "dr.kim", pw("doctor password 2"), AccountDetails.NONE)
                    .role()).isEqualTo(Role.DOCTOR);
            assertThatThrownBy(() -> accounts.addAccount(desk, Role.ADMINISTRATOR, "boss", pw("boss password 1"),
                    AccountDetails.NONE)).isInstanceOf(RefusedException.class)
                    .hasMessage("A receptionist can add doctors only; ask an administrator to add a administrator.");
        }
        try (Session lee = accounts.login("dr.lee", pw("doctor password 1"))) {
            assertThatThrownBy(() -> accounts.addAccount(lee, Role.DOCTOR, "dr.new", pw("doctor password 3"),
                    AccountDetails.NONE)).isInstanceOf(RefusedException.class)
                    .hasMessage("Only an administrator can add accounts.");
        }
        assertThat(accounts.account("boss")).isEmpty();
        assertThat(accounts.account("dr.new")).isEmpty();
        assertThat(accounts.account("mrn-1")).isEmpty();
        assertThat(accounts.account("desk2")).isEmpty();
    }

    @Test
    void aSetUpClinicWithSeveralAccountsVerifiesIntact() {
        String sheet = accounts.setUp("Hillside Clinic", "admin", pw("admin password 1")).recoverySheet().words();
        try (Session admin = admin()) {
            accounts.addAccount(admin, Role.RECEPTIONIST, "desk", pw("reception password"), AccountDetails.NONE);
            accounts.addAccount(admin, Role.DOCTOR, "dr.lee", pw("doctor password 1"),
                    new AccountDetails("Ana Lee", "Cardiology", "L-1"));
            accounts.addAccount(admin, Role.ADMINISTRATOR, "second", pw("second admin pass"), AccountDetails.NONE,
                    new EscrowConfirmation.RecoverySheetWords(sheet));
        }
        VerificationReport report = workspace.verify(Progress.NONE);
        assertThat(report.problems()).isEmpty();
        assertThat(report.chains()).isEqualTo(6);
        assertThat(report.blocks()).isEqualTo(6);
    }

    // ---- what is on disk

    @Test
    void privateKeysAreNeverStoredInClear() throws Exception {
        setUp();
        byte[] seed;
        byte[] agreement;
        try (Session admin = admin()) {
            seed = TestKeys.seed(admin.keys());
            agreement = TestKeys.agreement(admin.keys()).privateKey();
        }
        assertThat(DataFolderScan.forBytes(data, List.of(seed, agreement)).findings()).isEmpty();
    }

    @Test
    void aRoleChangedInTheAccountsTableAloneIsRefusedAtLogin() throws Exception {
        setUp();
        try (Session admin = admin()) {
            accounts.addAccount(admin, Role.RECEPTIONIST, "desk", pw("reception password"), AccountDetails.NONE);
        }
        execute("UPDATE accounts SET role = 'administrator' WHERE username = 'desk'");
        assertThatThrownBy(() -> accounts.login("desk", pw("reception password")))
                .isInstanceOf(RefusedException.class)
                .hasMessageStartingWith("The account desk does not match its chain in the ledger");
    }

    @Test
    void sealedKeysMovedToAnotherAccountDoNotOpen() throws Exception {
        setUp();
        try (Session admin = admin()) {
            accounts.addAccount(admin, Role.RECEPTIONIST, "desk", pw("reception password"), AccountDetails.NONE);
        }
        // Give "desk" the administrator's seal, salt and all: the username bound into it stops it opening.
        execute("UPDATE accounts SET (key_salt, sealed_keys) = (SELECT key_salt, sealed_keys FROM accounts "
                + "WHERE username = 'admin') WHERE username = 'desk'");
        assertThatThrownBy(() -> accounts.login("desk", pw("admin password 1")))
                .isInstanceOf(LoginFailedException.class).hasMessage(WRONG);
    }

    // ---- helpers

    private static JsonNode json(byte[] bytes) {
        try {
            return new ObjectMapper().readTree(bytes);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + data.resolve("clinicledger.db"));
    }

    private void execute(String sql) throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    private int failedLogins(String username) throws Exception {
        try (Connection connection = connect();
             PreparedStatement query = connection.prepareStatement("SELECT failed_logins FROM accounts WHERE username = ?")) {
            query.setString(1, username);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private Long lockedUntil(String username) throws Exception {
        try (Connection connection = connect();
             PreparedStatement query = connection.prepareStatement("SELECT locked_until FROM accounts WHERE username = ?")) {
            query.setString(1, username);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                long value = rows.getLong(1);
                return rows.wasNull() ? null : value;
            }
        }
    }

    private PasswordCost storedCost(String username) throws Exception {
        try (Connection connection = connect();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT key_memory_kib, key_iterations, key_parallelism FROM accounts WHERE username = ?")) {
            query.setString(1, username);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return new PasswordCost(rows.getInt(1), rows.getInt(2), rows.getInt(3));
            }
        }
    }

    private byte[] sealedKeys(String username) throws Exception {
        try (Connection connection = connect();
             PreparedStatement query = connection.prepareStatement("SELECT sealed_keys FROM accounts WHERE username = ?")) {
            query.setString(1, username);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getBytes(1);
            }
        }
    }

    private PasswordCost clinicCost() throws Exception {
        try (Connection connection = connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT password_memory_kib, password_iterations, "
                     + "password_parallelism FROM clinic_settings")) {
            rows.next();
            return new PasswordCost(rows.getInt(1), rows.getInt(2), rows.getInt(3));
        }
    }



    /** A clock that stands still until a test moves it. */
    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
