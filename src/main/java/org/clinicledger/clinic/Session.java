package org.clinicledger.clinic;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

import org.clinicledger.crypto.Ed25519;
import org.clinicledger.crypto.X25519;
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
    private final Ed25519.KeyPair signingKeys;
    private final SigningKey signingKey;
    private final X25519.KeyPair agreementKeys;
    private final byte[] directoryKey;
    private Instant lastActivity;
    private boolean closed;
    /** The patients' demographics this person has decrypted; created at the first search, dropped on close. */
    private PatientDirectory patientDirectory;

    /** Takes ownership of the key pairs and the directory key (null when not granted), which it destroys on close. */
    Session(Account account, Ed25519.KeyPair signingKeys, X25519.KeyPair agreementKeys, byte[] directoryKey,
            Instant now) {
        this.account = Objects.requireNonNull(account, "account");
        this.signingKeys = Objects.requireNonNull(signingKeys, "signingKeys");
        this.signingKey = new SigningKey(signingKeys);
        this.agreementKeys = Objects.requireNonNull(agreementKeys, "agreementKeys");
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
        signingKeys.destroy();
        agreementKeys.destroy();
        if (directoryKey != null) {
            Arrays.fill(directoryKey, (byte) 0);
        }
        if (patientDirectory != null) {
            patientDirectory.clear();
            patientDirectory = null;
        }
    }

    /** Refuses a closed session and otherwise notes activity at {@code now}. */
    synchronized void use(Instant now) {
        requireOpen();
        recordActivity(now);
    }

    /** The key this person signs blocks with. */
    synchronized SigningKey signingKey() {
        requireOpen();
        return signingKey;
    }

    /** A copy of the Ed25519 seed, for sealing it anew; the caller wipes it. */
    synchronized byte[] signingSeed() {
        requireOpen();
        return signingKeys.privateKey();
    }

    /** The X25519 key pair that opens keys wrapped for this person. */
    synchronized X25519.KeyPair agreementKeys() {
        requireOpen();
        return agreementKeys;
    }

    /** A copy of the directory key, which the caller wipes; refused when this person has none. */
    synchronized byte[] directoryKey() {
        requireOpen();
        if (directoryKey == null) {
            throw new RefusedException("Your account cannot read the clinic's directory.");
        }
        return directoryKey.clone();
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
