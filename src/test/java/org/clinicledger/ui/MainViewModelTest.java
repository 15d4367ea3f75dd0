package org.clinicledger.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.clinicledger.clinic.KeyDerivationTuning;
import org.clinicledger.clinic.Session;
import org.clinicledger.clinic.Workspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who is signed in, signing out and the idle lock, without a window. */
class MainViewModelTest {

    private static final String PASSWORD = "correct horse battery";

    /** A clock the test moves by hand; the services and the window read the same one. */
    private static final class HandClock extends Clock {
        private Instant now = Instant.parse("2026-11-23T09:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
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

    @TempDir
    Path temp;

    private final HandClock clock = new HandClock();
    private Workspace workspace;
    private MainViewModel model;

    @BeforeEach
    void setUp() {
        workspace = Workspace.open(temp.resolve("data"), true, clock, KeyDerivationTuning.minimum());
        workspace.accounts().setUp("Riverside", "admin", PASSWORD.toCharArray());
        model = new MainViewModel(workspace.root(), workspace.clinic().profile().orElseThrow(), clock,
                Duration.ofMinutes(10));
    }

    private Session login() {
        return workspace.accounts().login("admin", PASSWORD.toCharArray());
    }

    @Test
    void showsWhoIsSignedInAndSigningOutWipesTheSession() {
        assertThat(model.signedInTextProperty().get()).isEmpty();
        Session session = login();
        model.signedIn(session);
        assertThat(model.sessionProperty().get()).isSameAs(session);
        assertThat(model.signedInTextProperty().get()).isEqualTo("Signed in: admin (administrator)");

        model.signOut();
        assertThat(session.isClosed()).isTrue();
        assertThat(model.sessionProperty().get()).isNull();
        assertThat(model.signedInTextProperty().get()).isEmpty();
        assertThat(model.lastUsernameProperty().get()).as("nobody is offered after signing out").isEmpty();
        assertThat(model.signInNoticeProperty().get()).isEmpty();
    }

    @Test
    void aSecondSessionEndsTheFirst() {
        Session first = login();
        model.signedIn(first);
        Session second = login();
        model.signedIn(second);
        assertThat(first.isClosed()).isTrue();
        assertThat(second.isClosed()).isFalse();
        model.close();
        assertThat(second.isClosed()).isTrue();
    }

    @Test
    void locksOnlyAfterTheIdleLimitAndActivityPostponesIt() {
        Session session = login();
        model.signedIn(session);

        clock.advance(Duration.ofMinutes(4));
        assertThat(model.lockIfIdle()).isEqualTo(Duration.ofMinutes(6));
        model.recordActivity();
        clock.advance(Duration.ofMinutes(9));
        assertThat(model.lockIfIdle()).isEqualTo(Duration.ofMinutes(1));
        assertThat(session.isClosed()).isFalse();

        clock.advance(Duration.ofMinutes(1));
        assertThat(model.lockIfIdle()).isZero();
        assertThat(session.isClosed()).isTrue();
        assertThat(model.sessionProperty().get()).isNull();
        assertThat(model.lastUsernameProperty().get()).as("nobody is offered after the idle lock").isEmpty();
        assertThat(model.signInNoticeProperty().get()).isEqualTo("The window locked after 10 minutes of inactivity. "
                + "Sign in again to continue.");

        // Signing in again forgets the notice.
        model.signedIn(login());
        assertThat(model.signInNoticeProperty().get()).isEmpty();
    }

    @Test
    void workThroughTheServicesCountsAsActivity() {
        Session session = login();
        model.signedIn(session);
        clock.advance(Duration.ofMinutes(8));
        workspace.registrations().searchPatients(session, "anyone");
        clock.advance(Duration.ofMinutes(8));
        assertThat(model.lockIfIdle()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void nobodySignedInHasNothingToLock() {
        assertThat(model.lockIfIdle()).isZero();
        model.recordActivity();
        model.signOut();
        assertThat(model.signInNoticeProperty().get()).isEmpty();
    }

    @Test
    void afterSetUpTheNewAdministratorIsOffered() {
        model.clinicSetUp("admin");
        assertThat(model.lastUsernameProperty().get()).isEqualTo("admin");
        assertThat(model.signInNoticeProperty().get()).contains("Sign in as admin");
    }

    @Test
    void describesIdleLimitsInWholeUnits() {
        assertThat(MainViewModel.describe(Duration.ofMinutes(10))).isEqualTo("10 minutes");
        assertThat(MainViewModel.describe(Duration.ofMinutes(1))).isEqualTo("1 minute");
        assertThat(MainViewModel.describe(Duration.ofSeconds(90))).isEqualTo("90 seconds");
        assertThat(MainViewModel.describe(Duration.ofSeconds(1))).isEqualTo("1 second");
    }
}
