package org.clinicledger.custody;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

import org.clinicledger.crypto.AuthenticationFailedException;
import org.clinicledger.crypto.Ed25519;
import org.clinicledger.crypto.KeyWrap;
import org.clinicledger.crypto.X25519;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.UnitOfWork;
import org.clinicledger.ledger.SigningKey;
import org.clinicledger.store.AccountStore.ClinicKeyPurpose;
import org.clinicledger.store.AccountStore;

/**
 * The clinic's three keys of its own and who holds them. The directory key (AES-256) encrypts what
 * staff need to search, such as names, and is wrapped for every member of staff; the escrow key
 * pair (X25519) receives a copy of every record key, and its private key exists only split, one
 * share per administrator and whole on the printed recovery sheet ({@link EscrowKey}); the clinic
 * key (Ed25519) is the ledger's root of trust, whose fingerprint is the clinic's identity, and its
 * seed is wrapped for every administrator. Each copy is bound to its purpose and its holder's
 * username, so copies cannot be swapped between accounts.
 */
public final class ClinicKeys {

    private final AccountStore accounts;
    private final RecipientKeys committed;
    private final EscrowKey escrowKey;
    private final SecureRandom random;

    public ClinicKeys(AccountStore accounts, RecipientKeys committed, EscrowKey escrowKey, SecureRandom random) {
        this.accounts = accounts;
        this.committed = committed;
        this.escrowKey = escrowKey;
        this.random = random;
    }

    /** The keys made at set-up, held until they are wrapped for the first administrator; {@link #close()} wipes them. */
    public static final class Founding implements AutoCloseable {
        private final X25519.KeyPair escrow;
        private final byte[] directoryKey;
        private final Ed25519.KeyPair clinic;
        private final SigningKey clinicKey;
        private final EscrowKey.Founding escrowSplit;

        private Founding(X25519.KeyPair escrow, byte[] directoryKey, Ed25519.KeyPair clinic, SecureRandom random) {
            this.escrow = escrow;
            this.directoryKey = directoryKey;
            this.clinic = clinic;
            this.clinicKey = new SigningKey(clinic);
            byte[] escrowPrivateKey = escrow.privateKey();
            try {
                this.escrowSplit = EscrowKey.found(escrowPrivateKey, random);
            } finally {
                Arrays.fill(escrowPrivateKey, (byte) 0);
            }
        }

        /** The recovery sheet's words, holding the whole escrow private key: shown once, never stored. */
        public String recoverySheetWords() {
            return escrowSplit.recoverySheetWords();
        }

        /** The public key that signs for the recovery sheet, which the founding block commits to. */
        public byte[] recoverySigningPublicKey() {
            return escrowSplit.recoverySigningPublicKey();
        }

        /** What the founding block commits to for the directory key. */
        public String directoryKeyCommitment() {
            return DirectorySeal.commitment(directoryKey);
        }

        /** The clinic key: the root that authorizes this machine's key and the first administrator's. */
        public SigningKey clinicKey() {
            return clinicKey;
        }

        /** What the founding administrator's registration block commits to, and every record key is wrapped for. */
        public byte[] escrowPublicKey() {
            return escrow.publicKey();
        }

        @Override
        public void close() {
            escrow.destroy();
            escrowSplit.close();
            clinic.destroy();
            Arrays.fill(directoryKey, (byte) 0);
        }
    }

    /** A new clinic's escrow key pair, directory key and clinic key. */
    public Founding found() {
        return new Founding(X25519.KeyPair.generate(random), DirectorySeal.newKey(random),
                Ed25519.KeyPair.generate(random), random);
    }

    /**
     * Stores the founding keys' copies for the first administrator, inside the set-up's write: the
     * directory key, the clinic key and the escrow key's first share.
     */
    public void giveFoundingCopies(UnitOfWork work, Founding founding, String username, AccountKeys holder) {
        byte[] clinicPrivateKey = founding.clinic.privateKey();
        try {
            store(work, username, holder.agreementPublicKey(), founding.directoryKey, clinicPrivateKey);
            escrowKey.giveFoundingShare(work, founding.escrowSplit, username, holder.agreementPublicKey());
        } finally {
            Arrays.fill(clinicPrivateKey, (byte) 0);
        }
    }

    /**
     * Gives a new member of staff a copy of the directory key, inside the caller's write.
     *
     * @param directoryKey the giver's copy, which the caller still owns and wipes
     */
    public void giveCopies(UnitOfWork work, byte[] directoryKey, String username, byte[] agreementPublicKey) {
        store(work, username, agreementPublicKey, directoryKey, null);
    }

    /**
     * Gives a new administrator copies of the directory key and of the clinic key (unwrapped from
     * {@code giver}'s copy), and a share of the escrow key, which only an escrow key opened by two
     * holders can make; inside the caller's write.
     *
     * @param directoryKey the giver's copy, which the caller still owns and wipes
     */
    public void giveAdministratorCopies(UnitOfWork work, byte[] directoryKey, String username,
            byte[] agreementPublicKey, EscrowKey.Holder giver, EscrowKey.Opened escrow) {
        byte[] clinicPrivateKey = unwrapHeld(work, giver.username(), giver.keys(), ClinicKeyPurpose.CLINIC_SIGNING,
                "so it cannot add an administrator");
        try {
            store(work, username, agreementPublicKey, directoryKey, clinicPrivateKey);
            escrow.giveShare(work, username, agreementPublicKey);
        } finally {
            Arrays.fill(clinicPrivateKey, (byte) 0);
        }
    }

    private void store(UnitOfWork work, String username, byte[] agreementPublicKey, byte[] directoryKey,
            byte[] clinicPrivateKey) {
        accounts.insertWrappedKey(work, username, ClinicKeyPurpose.DIRECTORY,
                wrap(directoryKey, ClinicKeyPurpose.DIRECTORY, username, agreementPublicKey));
        if (clinicPrivateKey != null) {
            accounts.insertWrappedKey(work, username, ClinicKeyPurpose.CLINIC_SIGNING,
                    wrap(clinicPrivateKey, ClinicKeyPurpose.CLINIC_SIGNING, username, agreementPublicKey));
        }
    }

    /**
     * The directory key from {@code username}'s copy, which the caller wipes; empty when they hold
     * none. A copy that is not of the key the founding block commits to is refused: anyone can wrap
     * a key of their own for a public key, and what the holder then sealed they could read.
     */
    public Optional<byte[]> directoryKey(UnitOfWork work, String username, AccountKeys holder) {
        Optional<byte[]> key = accounts.wrappedKey(work, username, ClinicKeyPurpose.DIRECTORY)
                .map(wrapped -> unwrap(wrapped, ClinicKeyPurpose.DIRECTORY, username, holder.agreement()));
        if (key.isPresent() && !committed.directoryKeyCommitment(work).equals(DirectorySeal.commitment(key.get()))) {
            Arrays.fill(key.get(), (byte) 0);
            throw new RefusedException("The copy of the clinic's directory key held for " + username + " is not the "
                    + "clinic's: the data folder was changed outside ClinicLedger. Verify it and restore it from a "
                    + "backup.");
        }
        return key;
    }

    /**
     * Gives a person whose keys were recovered new copies of what their role holds, wrapped for
     * their new agreement key in place of the copies their old key opened: the directory key (from
     * the recovering administrator's session) for every member of staff and, for an administrator,
     * the clinic key from the recovering administrator's copy. The escrow copy an administrator
     * holds is not replaced here: it is the escrow key's own custody that gives it anew.
     *
     * @param directoryKey the recovering administrator's copy, which the caller still owns and wipes
     */
    public void replaceCopies(UnitOfWork work, byte[] directoryKey, String username, byte[] agreementPublicKey,
            boolean administrator, String recoveringName, AccountKeys recovering) {
        accounts.putWrappedKey(work, username, ClinicKeyPurpose.DIRECTORY,
                wrap(directoryKey, ClinicKeyPurpose.DIRECTORY, username, agreementPublicKey));
        if (administrator) {
            byte[] clinicPrivateKey = unwrapHeld(work, recoveringName, recovering, ClinicKeyPurpose.CLINIC_SIGNING,
                    "so it cannot recover an administrator's keys");
            try {
                accounts.putWrappedKey(work, username, ClinicKeyPurpose.CLINIC_SIGNING,
                        wrap(clinicPrivateKey, ClinicKeyPurpose.CLINIC_SIGNING, username, agreementPublicKey));
            } finally {
                Arrays.fill(clinicPrivateKey, (byte) 0);
            }
        }
    }

    private byte[] unwrapHeld(UnitOfWork work, String username, AccountKeys holder, ClinicKeyPurpose purpose,
            String consequence) {
        byte[] wrapped = accounts.wrappedKey(work, username, purpose)
                .orElseThrow(() -> new RefusedException("Your account holds no copy of the clinic's "
                        + purpose.code() + " key, " + consequence + "."));
        return unwrap(wrapped, purpose, username, holder.agreement());
    }

    private byte[] wrap(byte[] clinicKey, ClinicKeyPurpose purpose, String username, byte[] recipientPublicKey) {
        return KeyWrap.wrap(clinicKey, recipientPublicKey, context(purpose, username), random).encoded();
    }

    private static byte[] unwrap(byte[] wrapped, ClinicKeyPurpose purpose, String username, X25519.KeyPair holder) {
        try {
            return KeyWrap.unwrap(KeyWrap.WrappedKey.decode(wrapped), holder, context(purpose, username));
        } catch (AuthenticationFailedException | IllegalArgumentException e) {
            throw new RefusedException("The clinic's " + purpose.code() + " key held for " + username
                    + " fails its integrity check: it was changed outside ClinicLedger.");
        }
    }

    /** Binds a wrapped clinic key to what it is and whose copy it is, so copies cannot be swapped. */
    private static byte[] context(ClinicKeyPurpose purpose, String username) {
        return Labels.bind(Labels.CLINIC_KEY, purpose.code(), username);
    }
}
