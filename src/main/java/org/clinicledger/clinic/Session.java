package org.clinicledger.clinic;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

import org.clinicledger.custody.AccountKeys;
import org.clinicledger.custody.DirectorySeal;
import org.clinicledger.domain.Account;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.Role;
import org.clinicledger.ledger.SigningKey;

/**
 * A logged-in person: their account and their private keys, unsealed by their password, and the
 * clinic's directory key when their role unlocks it. Closing it (logging out, or the window
 * locking after idle time) overwrites every private key with zeros; the services refuse a closed
 * session from then on. Safe to share between threads.
 */
public final class Session implements AutoCloseable {

    /** What a closed session says when it is used: the person must log in again. */
    public static final String ENDED = "This session has ended: log in again.";

    private final Account account;
    private final AccountKeys keys;
    private final byte[] directoryKey;
    private Instant lastActivity;
    private boolean closed;
    /** The patients' demographics this person has decrypted; created at the first search, dropped on close. */
    private PatientDirectory patientDirectory;
    /** The record versions whose diagnosis a chart showed this person, each logged once per session ({@code id/version}). */
    private final Set<String> chartReads = new HashSet<>();

    /** Takes ownership of the keys and the directory key (null when not granted), which it destroys on close. */
    Session(Account account, AccountKeys keys, byte[] directoryKey, Instant now) {
        this.account = Objects.requireNonNull(account, "account");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.directoryKey = directoryKey;
        this.lastActivity = Objects.requireNonNull(now, "now");
    }

    public Account account() {
        return account;
    }

    public String username() {
        return account.username();
    }

    public Role role() {
        return account.role();
    }

    public ChainId chain() {
        return account.chain();
    }

    /** Whether this person can read the clinic's directory (names, specialties): every member of staff. */
    public boolean hasDirectoryAccess() {
        return directoryKey != null;
    }

    /** When the person last did something through this session. */
    public synchronized Instant lastActivity() {
        return lastActivity;
    }

    /** Notes activity at {@code now} (the services do this on every use; the window may on input). */
    public synchronized void recordActivity(Instant now) {
        if (now.isAfter(lastActivity)) {
            lastActivity = now;
        }
    }

    /** Whether the session has been idle for {@code idle} or longer at {@code now}, or has been closed. */
    public synchronized boolean isExpired(Duration idle, Instant now) {
        return closed || !now.isBefore(lastActivity.plus(idle));
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /**
     * Logs out: overwrites the private keys and the directory key with zeros and forgets the
     * decrypted directory. Closing twice is harmless.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        keys.destroy();
        if (directoryKey != null) {
            Arrays.fill(directoryKey, (byte) 0);
        }
        if (patientDirectory != null) {
            patientDirectory.clear();
            patientDirectory = null;
        }
    }

    /**
     * Claims the logging of this person reading version {@code version} of the record in a list (a
     * chart, their chain): true the first time in this session, false when a list logged it already.
     * Two lists read at once so log it once; {@link #releaseChartRead} gives the claim back when the
     * write that was to log it did not commit.
     */
    synchronized boolean claimChartRead(String recordId, int version) {
        return chartReads.add(recordId + "/" + version);
    }

    /** Gives back a claim whose record-viewed block was not written. */
    synchronized void releaseChartRead(String recordId, int version) {
        chartReads.remove(recordId + "/" + version);
    }

    /** Refuses a closed session and otherwise notes activity at {@code now}. */
    synchronized void use(Instant now) {
        requireOpen();
        recordActivity(now);
    }

    /** The key this person signs blocks with. */
    synchronized SigningKey signingKey() {
        requireOpen();
        return keys.signingKey();
    }

    /** This person's key pairs, for custody to open what was wrapped for them. */
    synchronized AccountKeys keys() {
        requireOpen();
        return keys;
    }

    /** A copy of the directory key, which the caller wipes; refused when this person has none. */
    synchronized byte[] directoryKey() {
        requireOpen();
        if (directoryKey == null) {
            throw new RefusedException("Your account cannot read the clinic's directory.");
        }
        return directoryKey.clone();
    }

    /** Seals {@code text} with the clinic's directory key under {@code associatedData}; refused without one. */
    byte[] sealWithDirectoryKey(String text, byte[] associatedData, SecureRandom random) {
        byte[] directoryKey = directoryKey();
        byte[] plaintext = text.getBytes(StandardCharsets.UTF_8);
        try {
            return DirectorySeal.seal(directoryKey, plaintext, associatedData, random);
        } finally {
            Arrays.fill(directoryKey, (byte) 0);
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** This session's copy of the decrypted patient directory, made at first use. */
    synchronized PatientDirectory patientDirectory() {
        requireOpen();
        if (patientDirectory == null) {
            patientDirectory = new PatientDirectory();
        }
        return patientDirectory;
    }

    private void requireOpen() {
        if (closed) {
            throw new RefusedException(ENDED);
        }
    }

    /** Names the account only; never a key. */
    @Override
    public String toString() {
        return "Session[" + account.username() + ", " + account.role().code() + (closed ? ", closed" : "") + "]";
    }
}
