package org.clinicledger.ui;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

import org.clinicledger.clinic.Session;
import org.clinicledger.domain.AccountCounts;
import org.clinicledger.domain.ClinicProfile;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.Role;
import org.clinicledger.ui.common.Texts;

/**
 * State the whole window shares: the clinic (absent until first-run set-up), the data folder, and
 * who is signed in. The session ends when the person signs out, when the window stays idle for
 * the idle limit, and when the application stops; ending it wipes the person's keys.
 */
public final class MainViewModel {

    /** How long the window may stay untouched before it locks. */
    public static final Duration DEFAULT_IDLE_LIMIT = Duration.ofMinutes(10);

    private final Path dataFolder;
    private final Clock clock;
    private final Duration idleLimit;
    private final ObjectProperty<ClinicProfile> clinic = new SimpleObjectProperty<>(this, "clinic");
    private final BooleanBinding needsSetup = clinic.isNull();
    private final ObjectProperty<AccountCounts> accountCounts = new SimpleObjectProperty<>(this, "accountCounts",
            AccountCounts.NONE);
    private final ReadOnlyObjectWrapper<Session> session = new ReadOnlyObjectWrapper<>(this, "session");
    private final ReadOnlyStringWrapper signInNotice = new ReadOnlyStringWrapper(this, "signInNotice", "");
    private final ReadOnlyStringWrapper lastUsername = new ReadOnlyStringWrapper(this, "lastUsername", "");
    private final StringBinding statusText;
    private final StringBinding signedInText;

    public MainViewModel(Path dataFolder, ClinicProfile initialClinic) {
        this(dataFolder, initialClinic, Clock.systemUTC(), DEFAULT_IDLE_LIMIT);
    }

    /** @param idleLimit how long without input before the window locks; positive */
    public MainViewModel(Path dataFolder, ClinicProfile initialClinic, Clock clock, Duration idleLimit) {
        this.dataFolder = dataFolder;
        this.clock = Objects.requireNonNull(clock, "clock");
        if (idleLimit.isNegative() || idleLimit.isZero()) {
            throw new IllegalArgumentException("The idle limit must be positive: " + idleLimit);
        }
        this.idleLimit = idleLimit;
        clinic.set(initialClinic);
        statusText = Bindings.createStringBinding(
                () -> Texts.format("main.status",
                        clinic.get() == null ? Texts.get("main.noClinicSetUp") : clinic.get().name(),
                        dataFolder),
                clinic);
        signedInText = Bindings.createStringBinding(() -> session.get() == null ? ""
                : Texts.format("main.signedIn", shownName(session.get()), session.get().role().code()), session);
    }

    /** A patient's username is their MRN: shown with its dashes, as on every other screen. */
    private static String shownName(Session session) {
        return session.role() == Role.PATIENT ? new MedicalRecordNumber(session.username()).formatted()
                : session.username();
    }

    public ObjectProperty<ClinicProfile> clinicProperty() {
        return clinic;
    }

    /** Read in the background when the tabs appear; shown by Reception, Doctor and Patient. */
    public ObjectProperty<AccountCounts> accountCountsProperty() {
        return accountCounts;
    }

    public BooleanBinding needsSetupProperty() {
        return needsSetup;
    }

    public StringBinding statusTextProperty() {
        return statusText;
    }

    public Path dataFolder() {
        return dataFolder;
    }

    public Duration idleLimit() {
        return idleLimit;
    }

    /** The signed-in person's session, or null while nobody is signed in. */
    public ReadOnlyObjectProperty<Session> sessionProperty() {
        return session.getReadOnlyProperty();
    }

    /** "Signed in: admin (administrator)", or empty. */
    public StringBinding signedInTextProperty() {
        return signedInText;
    }

    /** What the sign-in screen says first, such as why the window locked; empty for nothing. */
    public ReadOnlyStringProperty signInNoticeProperty() {
        return signInNotice.getReadOnlyProperty();
    }

    /**
     * The username the sign-in screen offers: the administrator just set up, or the person a replica
     * was made for; empty once anyone has signed in, so that signing out or the idle lock names nobody.
     */
    public ReadOnlyStringProperty lastUsernameProperty() {
        return lastUsername.getReadOnlyProperty();
    }

    /** After first-run set-up: offers the new administrator's username on the sign-in screen. */
    public void clinicSetUp(String administrator) {
        lastUsername.set(administrator == null ? "" : administrator);
        signInNotice.set(Texts.format("main.clinicSetUp", lastUsername.get()));
    }

    /** After the folder became a replica from an export file: offers that person's username on the sign-in screen. */
    public void replicaMade(String username) {
        lastUsername.set(username);
        signInNotice.set(Texts.format("main.replicaMade", username));
    }

    /** Takes over a session that has just been opened; ends any earlier one. */
    public void signedIn(Session opened) {
        Objects.requireNonNull(opened, "opened");
        Session earlier = session.get();
        if (earlier != null && earlier != opened) {
            earlier.close();
        }
        // The sign-in screen forgets who signed in: on a shared desk it would show the last person's
        // username, a patient's MRN, to whoever comes next.
        lastUsername.set("");
        signInNotice.set("");
        session.set(opened);
    }

    /** Ends the session (its keys are wiped) and goes back to the sign-in screen. */
    public void signOut() {
        Session ending = session.get();
        if (ending == null) {
            return;
        }
        ending.close();
        signInNotice.set("");
        session.set(null);
    }

    /** Notes that the person did something in the window. */
    public void recordActivity() {
        Session current = session.get();
        if (current != null) {
            current.recordActivity(clock.instant());
        }
    }

    /**
     * Locks the window when the session has been idle for the idle limit: the session ends and the
     * sign-in screen says why, naming nobody. The services note activity too, so background
     * work counts as being busy.
     *
     * @return how long until the session can next be idle long enough, or zero once nobody is signed in
     */
    public Duration lockIfIdle() {
        Session current = session.get();
        if (current == null) {
            return Duration.ZERO;
        }
        Instant now = clock.instant();
        if (!current.isExpired(idleLimit, now)) {
            Duration left = Duration.between(now, current.lastActivity().plus(idleLimit));
            return left.isNegative() || left.isZero() ? Duration.ofMillis(1) : left;
        }
        current.close();
        signInNotice.set(Texts.format("main.locked", describe(idleLimit)));
        session.set(null);
        return Duration.ZERO;
    }

    /** Ends the session when the application stops. */
    public void close() {
        signOut();
    }

    /** "10 minutes", "1 minute", "90 seconds". */
    static String describe(Duration duration) {
        long seconds = Math.max(1, duration.toSeconds());
        if (seconds % 60 == 0) {
            long minutes = seconds / 60;
            return Texts.format("main.idleMinutes", minutes);
        }
        return Texts.format("main.idleSeconds", seconds);
    }
}
