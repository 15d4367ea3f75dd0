package org.clinicledger.clinic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.clinicledger.clinic.AccountServiceTest.MovableClock;
import org.clinicledger.domain.AccessChange;
import org.clinicledger.domain.LoginFailedException;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.testing.RawTables;
import org.clinicledger.testing.TestClinic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sign-in delay against a real clinic (real SQLite, real Argon2id at its lowest cost) on a
 * clock the tests move: guessing is slowed, nobody is kept out longer than a minute, emergency
 * access is never blocked, names without accounts behave alike, and concurrent attempts are
 * decided one at a time.
 */
class LoginThrottleTest {

    private static final String WRONG = LoginFailedException.WRONG_USERNAME_OR_PASSWORD;
    private static final String ADMIN_PASSWORD = "admin password 1";

    @TempDir
    Path temp;

    private Path data;
    private MovableClock clock;
    private Workspace workspace;
    private AccountService accounts;
    private org.clinicledger.domain.MedicalRecordNumber mrn;
    private org.clinicledger.domain.EscrowConfirmation sheet;

    @BeforeEach
    void openClinic() {
        data = temp.resolve("clinic");
        TestClinic clinic = new TestClinic(data);
        mrn = clinic.mrn;
        sheet = clinic.sheet();
        clinic.workspace.close();
        clock = new MovableClock(Instant.now().plusSeconds(5));
        workspace = Workspace.open(data, false, clock, KeyDerivationTuning.minimum());
        accounts = workspace.accounts();
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    private String attempt(String username, String password) {
        return attempt(accounts, username, password);
    }

    /** What signing in says: its refusal, or "in" (the session closed at once). */
    private static String attempt(AccountService service, String username, String password) {
        try (Session session = service.login(username, password.toCharArray())) {
            return "in";
        } catch (LoginFailedException e) {
            return e.getMessage();
        }
    }

    private Long delayedUntil(String username) throws Exception {
        return new RawTables(data).count("SELECT count(*) FROM accounts WHERE username = ? AND locked_until IS NOT NULL",
                username) == 0 ? null : longValue("SELECT locked_until FROM accounts WHERE username = ?", username);
    }

    private long longValue(String sql, String parameter) throws Exception {
        try (var connection = new RawTables(data).connect(); var query = connection.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private long failedLogins(String username) throws Exception {
        return longValue("SELECT failed_logins FROM accounts WHERE username = ?", username);
    }

    private static String wrongThenWait(int seconds) {
        return WRONG + " Wait " + seconds + (seconds == 1 ? " second" : " seconds") + " before trying again.";
    }

    private static String waiting(int seconds) {
        return "Too many wrong passwords: wait " + seconds + (seconds == 1 ? " second" : " seconds") + ", then try again.";
    }

    @Test
    void theDelayStartsAtTheThirdWrongPasswordAndDoublesUpToAMinute() {
        assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1_000, Integer.MAX_VALUE)).extracting(LoginThrottle::delayAfter)
                .extracting(Duration::toSeconds)
                .containsExactly(0L, 0L, 1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L, 60L);
        assertThat(LoginThrottle.waitMessage(Duration.ofMillis(1))).isEqualTo(waiting(1));
        assertThat(LoginThrottle.waitMessage(Duration.ofMillis(59_001))).isEqualTo(waiting(60));
    }

    @Test
    void fiftyWrongPasswordsForTheAdministratorKeepThemOutAMinuteAtMostAndEmergencyAccessStillOpens() throws Exception {
        List<String> said = new ArrayList<>();
        long longestWait = 0;
        long wait = 0;
        // The attacker tries again the moment each delay ends, and in between too.
        for (int i = 0; i < 50; i++) {
            clock.advance(Duration.ofMillis(wait));
            said.add(attempt("admin", "guess number " + i));
            long until = delayedUntil("admin");
            wait = until - clock.instant().toEpochMilli();
            longestWait = Math.max(longestWait, wait);
            if (wait > 0) {
                assertThat(attempt("admin", "guess in the delay " + i)).isEqualTo(waiting((int) (wait / 1000)));
                assertThat(delayedUntil("admin")).as("trying during the delay does not extend it").isEqualTo(until);
            }
        }
        assertThat(said.subList(0, 10)).containsExactly(WRONG, WRONG, wrongThenWait(1), wrongThenWait(2),
                wrongThenWait(4), wrongThenWait(8), wrongThenWait(16), wrongThenWait(32), wrongThenWait(60),
                wrongThenWait(60));
        assertThat(said.subList(10, 50)).containsOnly(wrongThenWait(60));
        assertThat(longestWait).isEqualTo(60_000);
        assertThat(failedLogins("admin")).as("only the attempts outside a delay count").isEqualTo(50);

        // The rightful administrator arrives just after the attacker's last guess.
        clock.advance(Duration.ofMillis(1));
        assertThat(attempt("admin", ADMIN_PASSWORD)).isEqualTo(waiting(60));
        clock.advance(Duration.ofMillis(59_999));
        Session admin = accounts.login("admin", ADMIN_PASSWORD.toCharArray());
        try (admin) {
            assertThat(failedLogins("admin")).as("the right password forgets the count").isZero();
            assertThat(delayedUntil("admin")).isNull();
            AccessChange opened = workspace.access().emergency(admin, mrn, "Unconscious in the waiting room",
                    sheet);
            assertThat(opened.patient()).isEqualTo(mrn.digits());
        }
        assertThat(attempt("admin", "one more guess")).as("the count starts again").isEqualTo(WRONG);
    }

    @Test
    void duringADelayEvenTheRightPasswordIsRefusedUncheckedAndNothingIsCounted() throws Exception {
        for (int i = 0; i < 3; i++) {
            attempt("dr.lee", "wrong password");
        }
        long until = delayedUntil("dr.lee");
        clock.advance(Duration.ofMillis(400));
        assertThat(attempt("dr.lee", TestClinic.LEE_PASSWORD)).isEqualTo(waiting(1));
        assertThat(attempt("dr.lee", "wrong password")).isEqualTo(waiting(1));
        assertThat(failedLogins("dr.lee")).isEqualTo(3);
        assertThat(delayedUntil("dr.lee")).isEqualTo(until);

        clock.advance(Duration.ofMillis(600));
        assertThat(attempt("dr.lee", TestClinic.LEE_PASSWORD)).isEqualTo("in");
        assertThat(failedLogins("dr.lee")).isZero();
    }

    @Test
    void namesWithoutAccountsGetExactlyTheSameMessagesAndDelays() throws Exception {
        // Wrong guesses at varying moments, and a quiet day, for a real name and a made-up one alike.
        List<Duration> pauses = List.of(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ofMillis(500),
                Duration.ofMillis(600), Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(10),
                Duration.ofSeconds(40), Duration.ofMinutes(2), Duration.ofSeconds(61), Duration.ofDays(1).plusMinutes(2),
                Duration.ZERO, Duration.ZERO, Duration.ZERO);
        List<String> known = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (Duration pause : pauses) {
            clock.advance(pause);
            for (var attempt : List.of(Map.entry("dr.kim", known), Map.entry("dr.nobody", unknown))) {
                attempt.getValue().add(attempt(attempt.getKey(), "wrong password"));
            }
        }
        assertThat(unknown).isEqualTo(known);
        assertThat(known).containsExactly(WRONG, WRONG, wrongThenWait(1), waiting(1), wrongThenWait(2), wrongThenWait(4),
                waiting(1), wrongThenWait(8), wrongThenWait(16), wrongThenWait(32), wrongThenWait(60),
                // After a day the count starts again, for both.
                WRONG, WRONG, wrongThenWait(1), waiting(1));

        // Typed differently, a made-up name is the same count; the table never holds the name.
        assertThat(attempt("  DR.Nobody ", "wrong password")).isEqualTo(waiting(1));
        RawTables tables = new RawTables(data);
        assertThat(tables.count("SELECT count(*) FROM unknown_logins WHERE name_hash = ?",
                LoginThrottle.unknownNameHash("dr.nobody"))).isEqualTo(1);
        assertThat(tables.count("SELECT count(*) FROM unknown_logins WHERE instr(name_hash, 'nobody') > 0")).isZero();
    }

    @Test
    void anAdministratorClearsAnAccountsDelay() throws Exception {
        for (int i = 0; i < 12; i++) {
            attempt("dr.lee", "wrong password");
            clock.advance(Duration.ofSeconds(60));
        }
        assertThat(attempt("dr.lee", "wrong password")).isEqualTo(wrongThenWait(60));
        assertThat(attempt("dr.lee", TestClinic.LEE_PASSWORD)).isEqualTo(waiting(60));

        try (Session desk = accounts.login("desk", TestClinic.DESK_PASSWORD.toCharArray())) {
            assertThatThrownBy(() -> accounts.clearSignInDelay(desk, "dr.lee")).isInstanceOf(RefusedException.class)
                    .hasMessage("Only an administrator can clear a sign-in delay.");
        }
        assertThat(failedLogins("dr.lee")).isEqualTo(13);
        try (Session admin = accounts.login("admin", ADMIN_PASSWORD.toCharArray())) {
            assertThatThrownBy(() -> accounts.clearSignInDelay(admin, "dr.who")).isInstanceOf(RefusedException.class)
                    .hasMessage("There is no account with the username dr.who.");
            assertThat(accounts.clearSignInDelay(admin, " DR.LEE ")).isTrue();
            assertThat(accounts.clearSignInDelay(admin, "dr.lee")).as("nothing left to clear").isFalse();
        }
        assertThat(failedLogins("dr.lee")).isZero();
        assertThat(delayedUntil("dr.lee")).isNull();
        assertThat(attempt("dr.lee", TestClinic.LEE_PASSWORD)).as("at once, on the same clock").isEqualTo("in");
    }

    @Test
    void attemptsAtOnceFromTwoProcessesAreDecidedOneAtATime() throws Exception {
        for (int i = 0; i < 5; i++) {
            attempt("dr.kim", "wrong password");
            clock.advance(Duration.ofMinutes(1));
        }
        // Two workspaces on the folder, as two processes would have: each its own connections.
        try (Workspace other = Workspace.open(data, false, clock, KeyDerivationTuning.minimum())) {
            List<AccountService> services = List.of(accounts, other.accounts());
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<String>> outcomes = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    AccountService service = services.get(i % 2);
                    String password = "wrong password " + i;
                    Callable<String> signIn = () -> {
                        start.await();
                        return attempt(service, "dr.kim", password);
                    };
                    outcomes.add(pool.submit(signIn));
                }
                start.countDown();
                List<String> said = new ArrayList<>();
                for (Future<String> outcome : outcomes) {
                    said.add(outcome.get(60, TimeUnit.SECONDS));
                }
                // Exactly one attempt was checked; every other was refused by the delay that one set.
                assertThat(said).as(said.toString()).containsOnlyOnce(wrongThenWait(8))
                        .filteredOn(text -> !text.equals(wrongThenWait(8))).containsOnly(waiting(8)).hasSize(7);
                assertThat(failedLogins("dr.kim")).isEqualTo(6);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
