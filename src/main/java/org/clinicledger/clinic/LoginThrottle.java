package org.clinicledger.clinic;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import org.clinicledger.crypto.Hex;
import org.clinicledger.crypto.Sha256;
import org.clinicledger.custody.Labels;
import org.clinicledger.domain.LoginFailedException;
import org.clinicledger.store.AccountStore;
import org.clinicledger.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lockout after wrong passwords: after {@value #LOCK_AFTER_FAILURES} in a row an account is
 * locked for 30 s, twice as long after each further one, at most 15 minutes. A name without an
 * account is counted and locked exactly alike, so that the lockout does not tell which names exist.
 */
final class LoginThrottle {

    /** Consecutive wrong passwords after which an account is locked. */
    static final int LOCK_AFTER_FAILURES = 5;
    /** The first lock; each further wrong password doubles it. */
    static final Duration FIRST_LOCK = Duration.ofSeconds(30);
    static final Duration LONGEST_LOCK = Duration.ofMinutes(15);
    /** How long wrong logins under a name without an account are remembered once any lock has ended. */
    static final Duration FORGET_UNKNOWN_LOGINS = Duration.ofDays(1);

    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);

    private final Database database;
    private final AccountStore accounts;

    LoginThrottle(Database database, AccountStore accounts) {
        this.database = database;
        this.accounts = accounts;
    }

    /** When wrong logins under a name without an account keep it locked, if they do. */
    Long unknownLoginLockedUntil(String nameHash) {
        return database.read("look up the wrong logins", work -> accounts.unknownLoginLockedUntil(work, nameHash));
    }

    /** A successful login forgets the wrong ones before it. */
    void forgetFailures(String username) {
        database.write("note a successful login", work -> {
            accounts.clearFailedLogins(work, username);
            return null;
        });
    }

    static void refuseWhileLocked(Long lockedUntil, Instant now) {
        if (lockedUntil != null && now.toEpochMilli() < lockedUntil) {
            throw new LoginFailedException(lockedMessage(Duration.ofMillis(lockedUntil - now.toEpochMilli())));
        }
    }

    RuntimeException recordWrongPassword(String username, Instant now) {
        int failures = database.write("count a wrong password", work -> {
            int count = accounts.incrementFailedLogins(work, username);
            if (count >= LOCK_AFTER_FAILURES) {
                accounts.lockUntil(work, username, now.plus(lockDuration(count)).toEpochMilli());
            }
            return count;
        });
        if (failures >= LOCK_AFTER_FAILURES) {
            LOG.warn("Account {} locked for {} s after {} wrong passwords in a row", username,
                    lockDuration(failures).toSeconds(), failures);
            return new LoginFailedException(lockedMessage(lockDuration(failures)));
        }
        LOG.info("Wrong password for account {} ({} in a row)", username, failures);
        return new LoginFailedException(LoginFailedException.WRONG_USERNAME_OR_PASSWORD);
    }

    /**
     * Counts a login under a name that has no account as {@link #recordWrongPassword} counts a
     * wrong password, with the same lock and the same messages: the lockout must not be a way to
     * find out which names exist.
     */
    RuntimeException recordUnknownLogin(String nameHash, Instant now) {
        int failures = database.write("count a wrong login", work -> {
            int count = accounts.incrementUnknownLogins(work, nameHash, now.toEpochMilli(),
                    now.minus(FORGET_UNKNOWN_LOGINS).toEpochMilli());
            if (count >= LOCK_AFTER_FAILURES) {
                accounts.lockUnknownLogins(work, nameHash, now.plus(lockDuration(count)).toEpochMilli());
            }
            return count;
        });
        LOG.info("Login refused for an unknown username ({} in a row)", failures);
        return new LoginFailedException(failures >= LOCK_AFTER_FAILURES ? lockedMessage(lockDuration(failures))
                : LoginFailedException.WRONG_USERNAME_OR_PASSWORD);
    }

    /** What {@code unknown_logins} keys a typed name by: never the name itself. */
    static String unknownNameHash(String typed) {
        String name = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
        return Hex.encode(Sha256.digest(Labels.bind(Labels.UNKNOWN_LOGIN, name)));
    }

    /** 30 s at the fifth wrong password in a row, doubling with each one after, at most 15 minutes. */
    static Duration lockDuration(int failures) {
        int doublings = Math.min(failures - LOCK_AFTER_FAILURES, 16);
        Duration lock = FIRST_LOCK.multipliedBy(1L << Math.max(0, doublings));
        return lock.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : lock;
    }

    static String lockedMessage(Duration remaining) {
        long minutes = Math.max(1, (remaining.toMillis() + 59_999) / 60_000);
        return "Too many wrong passwords: try again in " + minutes + (minutes == 1 ? " minute." : " minutes.");
    }
}
