package org.clinicledger.custody;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.clinicledger.crypto.AuthenticationFailedException;
import org.clinicledger.crypto.Ed25519;
import org.clinicledger.crypto.Hkdf;
import org.clinicledger.crypto.KeyWrap;
import org.clinicledger.crypto.Shamir;
import org.clinicledger.crypto.X25519;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.UnitOfWork;
import org.clinicledger.ledger.SigningKey;
import org.clinicledger.store.AccountStore;
import org.clinicledger.store.AccountStore.ClinicKeyPurpose;

/**
 * The clinic's escrow key, which receives a copy of every record key, and the one place it is
 * opened. Its private key exists on the machine only split two of N (Shamir over GF(2^8),
 * {@link Shamir}): each administrator holds one share, its x in the clear and its value wrapped for
 * them and bound to the purpose {@code escrow-share}, their username and x; the printed recovery sheet holds the whole key and counts
 * as two shares. Opening needs two holders: the acting administrator's share and either a second
 * administrator's share or the sheet ({@link #open}). The key rebuilt is checked against the escrow
 * public key the founding block commits to, and wiped when the {@link Opened} is closed. No
 * single account can open it, and so none can read a record through it alone.
 */
public final class EscrowKey {

    /** How many holders open the escrow key. */
    public static final int THRESHOLD = 2;

    /** Who confirms an opening, besides the acting administrator. */
    public sealed interface Confirmation permits Holder, Sheet {
    }

    /** An administrator holding a share: their username and their unsealed keys, which the caller still owns. */
    public record Holder(String username, AccountKeys keys) implements Confirmation {
        public Holder {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(keys, "keys");
        }
    }

    /** The recovery sheet's words as typed. */
    public record Sheet(String words) implements Confirmation {
        public Sheet {
            Objects.requireNonNull(words, "words");
        }

        @Override
        public String toString() {
            return "Sheet[…]";
        }
    }

    private final AccountStore accounts;
    private final RecipientKeys committed;
    private final SecureRandom random;

    public EscrowKey(AccountStore accounts, RecipientKeys committed, SecureRandom random) {
        this.accounts = accounts;
        this.committed = committed;
        this.random = random;
    }

    /**
     * Opens the escrow key inside the caller's unit of work: unwraps {@code first}'s share and
     * {@code second}'s (or parses the sheet), combines them, and checks the result against the
     * founding block's escrow public key. The caller closes the result, which wipes everything.
     *
     * @throws InvalidInputException for mistyped sheet words, or the same administrator twice
     * @throws RefusedException when a holder holds no share, or the shares or sheet do not give this
     *     clinic's escrow key
     */
    public Opened open(UnitOfWork work, Holder first, Confirmation second) {
        Objects.requireNonNull(second, "second");
        List<byte[]> points = new ArrayList<>(THRESHOLD);
        try {
            if (second instanceof Holder other && other.username().equals(first.username())) {
                throw new InvalidInputException("The second holder must be another administrator, not "
                        + first.username() + " again.");
            }
            byte[] sheetKey = second instanceof Sheet sheet ? RecoveryWords.parse(sheet.words()) : null;
            points.add(share(work, first, "You hold"));
            if (second instanceof Holder other) {
                points.add(share(work, other, other.username() + " holds"));
            } else {
                // The sheet is the polynomial's value at x = 0: the key itself.
                byte[] point = new byte[sheetKey.length + 1];
                System.arraycopy(sheetKey, 0, point, 1, sheetKey.length);
                Arrays.fill(sheetKey, (byte) 0);
                points.add(point);
            }
            return new Opened(work, points, second);
        } catch (RuntimeException e) {
            points.forEach(point -> Arrays.fill(point, (byte) 0));
            throw e;
        }
    }

    private byte[] share(UnitOfWork work, Holder holder, String whoHolds) {
        byte[] wrapped = accounts.wrappedKey(work, holder.username(), ClinicKeyPurpose.ESCROW_SHARE)
                .orElseThrow(() -> new RefusedException(whoHolds + " no share of the clinic's escrow key"
                        + (whoHolds.startsWith("You") ? "" : ": ask another administrator, or use the recovery sheet")
                        + "."));
        byte[] value = null;
        try {
            int x = wrapped.length == 0 ? 0 : wrapped[0] & 0xff;
            if (x == 0) {
                throw new IllegalArgumentException("no share at x = 0");
            }
            value = KeyWrap.unwrap(KeyWrap.WrappedKey.decode(Arrays.copyOfRange(wrapped, 1, wrapped.length)),
                    holder.keys().agreement(), context(holder.username(), x));
            byte[] share = new byte[value.length + 1];
            share[0] = (byte) x;
            System.arraycopy(value, 0, share, 1, value.length);
            return share;
        } catch (AuthenticationFailedException | IllegalArgumentException e) {
            throw new RefusedException("The share of the clinic's escrow key held for " + holder.username()
                    + " fails its integrity check: it was changed outside ClinicLedger.");
        } finally {
            if (value != null) {
                Arrays.fill(value, (byte) 0);
            }
        }
    }

    /** The escrow key opened by two holders; closing wipes it, the two points and the confirming key made here. */
    public final class Opened implements AutoCloseable {
        private final List<byte[]> points;
        private final X25519.KeyPair escrow;
        private final Optional<String> confirmingAdministrator;
        private final SigningKey sheetKey;
        private final SigningKey confirmer;

        private Opened(UnitOfWork work, List<byte[]> points, Confirmation second) {
            this.points = points;
            byte[] privateKey;
            try {
                privateKey = Shamir.interpolate(points, 0);
            } catch (IllegalArgumentException twoSharesAtOnePoint) {
                throw notTheKey(second);
            }
            try {
                this.escrow = X25519.KeyPair.fromPrivate(privateKey);
                if (!MessageDigest.isEqual(escrow.publicKey(), committed.escrow(work))) {
                    escrow.destroy();
                    throw notTheKey(second);
                }
                if (second instanceof Holder other) {
                    confirmingAdministrator = Optional.of(other.username());
                    sheetKey = null;
                    confirmer = other.keys().signingKey();
                } else {
                    confirmingAdministrator = Optional.empty();
                    sheetKey = new SigningKey(recoverySigningPair(privateKey));
                    confirmer = sheetKey;
                }
            } finally {
                Arrays.fill(privateKey, (byte) 0);
            }
        }

        /** The administrator who confirmed, or empty when the recovery sheet did. */
        public Optional<String> confirmingAdministrator() {
            return confirmingAdministrator;
        }

        /**
         * The key that signs the confirmation: the second administrator's, or the recovery sheet's,
         * whose public half the founding block commits to.
         */
        public SigningKey confirmer() {
            return confirmer;
        }

        /** The escrow key pair: for custody only. */
        X25519.KeyPair keyPair() {
            return escrow;
        }

        /**
         * Gives {@code username} a new share, wrapped for their registered public key, at the next x
         * not in use, inside the caller's write: two holders rebuilt the polynomial, and any point
         * of it is a share that combines with every other.
         */
        public void giveShare(UnitOfWork work, String username, byte[] agreementPublicKey) {
            int x = 1 + (int) accounts.clinicKeyCopies(work).stream()
                    .filter(copy -> ClinicKeyPurpose.ESCROW_SHARE.code().equals(copy.purpose())).count();
            if (x > Shamir.MAX_SHARES) {
                throw new RefusedException("The clinic has " + Shamir.MAX_SHARES + " shares of its escrow key; no "
                        + "more administrators can hold one.");
            }
            giveShareAt(work, username, agreementPublicKey, x);
        }

        /**
         * Wraps {@code username}'s share anew, at the same x, for the public key their keys were
         * recovered to: the copy their lost key opened opens nothing now. Someone who held no share
         * gets none.
         */
        public void reshare(UnitOfWork work, String username, byte[] agreementPublicKey) {
            Optional<byte[]> held = accounts.wrappedKey(work, username, ClinicKeyPurpose.ESCROW_SHARE);
            int x = held.map(stored -> stored.length == 0 ? 0 : stored[0] & 0xff).orElse(0);
            if (x == 0) {
                return;
            }
            giveShareAt(work, username, agreementPublicKey, x);
        }

        /** Stores the polynomial's value at {@code x}, wrapped for {@code username}. */
        private void giveShareAt(UnitOfWork work, String username, byte[] agreementPublicKey, int x) {
            byte[] share = Shamir.interpolate(points, x);
            byte[] point = new byte[share.length + 1];
            point[0] = (byte) x;
            System.arraycopy(share, 0, point, 1, share.length);
            Arrays.fill(share, (byte) 0);
            try {
                storeShare(work, username, agreementPublicKey, point);
            } finally {
                Arrays.fill(point, (byte) 0);
            }
        }

        @Override
        public void close() {
            points.forEach(point -> Arrays.fill(point, (byte) 0));
            escrow.destroy();
            if (sheetKey != null) {
                sheetKey.destroy();
            }
        }
    }

    private static RefusedException notTheKey(Confirmation second) {
        return new RefusedException(second instanceof Sheet
                ? "These recovery sheet words are well formed but are not this clinic's: compare the clinic "
                        + "fingerprint printed on the sheet with the one in Help \u25b8 About."
                : "The two shares do not give the clinic's escrow key: a share was changed outside ClinicLedger. "
                        + "Verify the data folder.");
    }

    // ---- set-up

    /** A new escrow key's first share (x = 1) for the founding administrator, and the sheet's words; {@link #close()} wipes both. */
    public static final class Founding implements AutoCloseable {
        private final byte[] firstShare;
        private final String words;
        private final byte[] recoverySigningPublicKey;

        private Founding(byte[] escrowPrivateKey, SecureRandom random) {
            byte[][] polynomial = Shamir.polynomial(escrowPrivateKey, THRESHOLD, random);
            try {
                firstShare = Shamir.share(polynomial, 1);
            } finally {
                Shamir.wipe(polynomial);
            }
            words = RecoveryWords.encode(escrowPrivateKey);
            Ed25519.KeyPair signing = recoverySigningPair(escrowPrivateKey);
            recoverySigningPublicKey = signing.publicKey();
            signing.destroy();
        }

        /** The recovery sheet's words: shown once, never stored. */
        public String recoverySheetWords() {
            return words;
        }

        /** The public key of the sheet's signing key, which the founding block commits to. */
        public byte[] recoverySigningPublicKey() {
            return recoverySigningPublicKey.clone();
        }

        @Override
        public void close() {
            Arrays.fill(firstShare, (byte) 0);
        }
    }

    /** Splits a new clinic's escrow private key, which the caller still owns. */
    static Founding found(byte[] escrowPrivateKey, SecureRandom random) {
        return new Founding(escrowPrivateKey, random);
    }

    /** Stores the founding administrator's share, inside the set-up's write. */
    void giveFoundingShare(UnitOfWork work, Founding founding, String username, byte[] agreementPublicKey) {
        storeShare(work, username, agreementPublicKey, founding.firstShare);
    }

    /**
     * Stores a share as its x byte, in the clear (x is no secret), followed by its 32 value bytes
     * wrapped under a context that binds the purpose, the holder's username and x.
     */
    private void storeShare(UnitOfWork work, String username, byte[] agreementPublicKey, byte[] share) {
        int x = share[0] & 0xff;
        byte[] value = Arrays.copyOfRange(share, 1, share.length);
        try {
            byte[] wrapped = KeyWrap.wrap(value, agreementPublicKey, context(username, x), random).encoded();
            byte[] stored = new byte[wrapped.length + 1];
            stored[0] = (byte) x;
            System.arraycopy(wrapped, 0, stored, 1, wrapped.length);
            // A share given anew after a key recovery replaces the one only the lost key opened.
            accounts.putWrappedKey(work, username, ClinicKeyPurpose.ESCROW_SHARE, stored);
        } finally {
            Arrays.fill(value, (byte) 0);
        }
    }

    /** The recovery sheet's Ed25519 key pair, derived from the escrow private key; the caller destroys it. */
    private static Ed25519.KeyPair recoverySigningPair(byte[] escrowPrivateKey) {
        byte[] seed = Hkdf.derive(escrowPrivateKey, null, Labels.RECOVERY_SIGNING.getBytes(
                java.nio.charset.StandardCharsets.UTF_8), Ed25519.SEED_LENGTH);
        try {
            return Ed25519.KeyPair.fromSeed(seed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /** A share is bound to its purpose and its holder's username, so shares cannot be swapped between accounts. */
    private static byte[] context(String username, int x) {
        return Labels.bind(Labels.CLINIC_KEY, ClinicKeyPurpose.ESCROW_SHARE.code(), username, Integer.toString(x));
    }

}
