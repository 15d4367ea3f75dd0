package org.clinicledger.clinic;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import org.clinicledger.crypto.Hex;
import org.clinicledger.crypto.Sha256;
import org.clinicledger.custody.Labels;
import org.clinicledger.domain.LoginFailedException;
import org.clinicledger.store.AccountStore;
import org.clinicledger.store.AccountStore.LoginCount;
import org.clinicledger.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slows down guessing without ever locking anyone out. The {@value #FREE_WRONG_PASSWORDS} first wrong
 * passwords in a row cost nothing; each one after sets a sign-in delay of 1 s, doubling with every
 * further one up to {@link #LONGEST_DELAY}. While a delay runs every attempt, the right password's
 * too, is refused unchecked and changes nothing, so typing wrong passwords cannot make it longer;
 * once it has passed, the right password gets in and forgets the count. Someone typing wrong
 * passwords under another's name can thus make them wait at most a minute per attempt of theirs.
 *
 * <p>An attempt is admitted, and counted as wrong until the password proves otherwise, in one
 * write before the password is checked: two sign-ins at once, in this process or another, cannot
 * both slip through the same gap between delays. A name without an account is counted in
 * {@code unknown_logins}, keyed by a hash of the name, by the same rules and with the same
 * messages, so that the delays do not tell which names exist. Counts whose last delay ended
 * {@link #FORGET_AFTER} ago start again from nothing, for names with and without accounts alike.
 */
final class LoginThrottle {

    /** Wrong passwords in a row that set no delay. */
    static final int FREE_WRONG_PASSWORDS = 2;
    /** The delay after the first wrong password beyond the free ones; each further one doubles it. */
    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    /** No delay is longer: the most anyone can make the rightful user wait. */
    static final Duration LONGEST_DELAY = Duration.ofSeconds(60);
    /** How long a count is kept once its last delay has ended. */
    static final Duration FORGET_AFTER = Duration.ofDays(1);

    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);

    private final Database database;
    private final AccountStore accounts;

    LoginThrottle(Database database, AccountStore accounts) {
        this.database = database;
        this.accounts = accounts;
    }

    /**
     * An admitted attempt: counted as the {@code wrongInARow}th wrong password until the password is
     * found right.
     */
    record Attempt(int wrongInARow) {

        /** What to tell whoever typed a wrong password, with the delay it has set. */
        LoginFailedException wrong() {
            Duration delay = delayAfter(wrongInARow);
            return new LoginFailedException(delay.isZero() ? LoginFailedException.WRONG_USERNAME_OR_PASSWORD
                    : LoginFailedException.WRONG_USERNAME_OR_PASSWORD + " Wait " + seconds(delay)
                            + " before trying again.");
        }
    }

    /**
     * Admits an attempt to sign in to the account {@code username}, or refuses it while a delay runs.
     *
     * @throws LoginFailedException saying how long to wait, when a delay runs
     */
    Attempt admit(String username, Instant now) {
        Attempt attempt = database.write("count a sign-in attempt", work -> {
            LoginCount before = accounts.loginCount(work, username).orElse(new LoginCount(0, null));
            LoginCount after = admitted(before, now);
            accounts.putLoginCount(work, username, after);
            return new Attempt(after.wrongInARow());
        });
        if (attempt.wrongInARow() > FREE_WRONG_PASSWORDS) {
            LOG.info("Sign-in attempt {} in a row for account {}; a wrong password waits {} s", attempt.wrongInARow(),
                    username, delayAfter(attempt.wrongInARow()).toSeconds());
        }
        return attempt;
    }

    /**
     * Admits an attempt under a name without an account exactly as {@link #admit} does for an account.
     *
     * @param nameHash {@link #unknownNameHash} of what was typed
     */
    Attempt admitUnknown(String nameHash, Instant now) {
        return database.write("count a sign-in attempt", work -> {
            LoginCount before = accounts.unknownLoginCount(work, nameHash).orElse(new LoginCount(0, null));
            LoginCount after = admitted(before, now);
            accounts.putUnknownLoginCount(work, nameHash, after, now.toEpochMilli(),
                    now.minus(FORGET_AFTER).toEpochMilli());
            return new Attempt(after.wrongInARow());
        });
    }

    /** A right password forgets the wrong ones before it, the attempt's own included. */
    void forgetFailures(String username) {
        database.write("note a successful sign-in", work -> accounts.clearFailedLogins(work, username));
    }

    /**
     * The count after admitting one more attempt, counted as wrong and setting the delay a wrong
     * password sets; refused while {@code before}'s delay runs.
     */
    static LoginCount admitted(LoginCount before, Instant now) {
        Long until = before.delayedUntilMillis();
        if (until != null && now.toEpochMilli() < until) {
            throw new LoginFailedException(waitMessage(Duration.ofMillis(until - now.toEpochMilli())));
        }
        // The delay's end doubles as the time of the last wrong password, for names with accounts and without.
        boolean forgotten = until == null || now.minus(FORGET_AFTER).toEpochMilli() > until;
        int wrong = (forgotten ? 0 : before.wrongInARow()) + 1;
        return new LoginCount(wrong, now.plus(delayAfter(wrong)).toEpochMilli());
    }

    /** None for the first {@value #FREE_WRONG_PASSWORDS}; then 1 s, 2 s, 4 s … at most {@link #LONGEST_DELAY}. */
    static Duration delayAfter(int wrongInARow) {
        int doublings = wrongInARow - FREE_WRONG_PASSWORDS - 1;
        if (doublings < 0) {
            return Duration.ZERO;
        }
        Duration delay = FIRST_DELAY.multipliedBy(1L << Math.min(doublings, 16));
        return delay.compareTo(LONGEST_DELAY) > 0 ? LONGEST_DELAY : delay;
    }

    static String waitMessage(Duration remaining) {
        return "Too many wrong passwords: wait " + seconds(remaining) + ", then try again.";
    }

    /** Whole seconds, rounded up so that whoever waits that long is let in. */
    private static String seconds(Duration duration) {
        long seconds = Math.max(1, (duration.toMillis() + 999) / 1000);
        return seconds + (seconds == 1 ? " second" : " seconds");
    }

    /** What {@code unknown_logins} keys a typed name by: never the name itself. */
    static String unknownNameHash(String typed) {
        String name = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
        return Hex.encode(Sha256.digest(Labels.bind(Labels.UNKNOWN_LOGIN, name)));
    }

}
