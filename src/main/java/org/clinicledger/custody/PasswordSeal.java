package org.clinicledger.custody;

import java.security.SecureRandom;
import java.util.Arrays;

import org.clinicledger.crypto.Aead;
import org.clinicledger.crypto.Argon2id.PasswordCost;
import org.clinicledger.crypto.Argon2id;
import org.clinicledger.crypto.AuthenticationFailedException;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.store.AccountStore.SealedKeysRow;

/**
 * How an account's private keys are kept: AES-256-GCM under a key that Argon2id derives from the
 * password with a fresh salt, the username bound as associated data so that a seal moved to another
 * account does not open. Opening the seal is the password check; no password hash is stored. The same
 * for every role, patients included.
 */
public final class PasswordSeal {

    public static final int SEALING_KEY_LENGTH = Aead.KEY_LENGTH;

    private PasswordSeal() {
    }

    public static SealedKeysRow seal(AccountKeys keys, String username, char[] password, PasswordCost cost,
            SecureRandom random) {
        byte[] privateKeys = keys.privateKeys();
        try {
            return seal(privateKeys, username, password, cost, random);
        } finally {
            Arrays.fill(privateKeys, (byte) 0);
        }
    }

    /** Seals {@code privateKeys} (which the caller still owns and wipes) under {@code password}. */
    public static SealedKeysRow seal(byte[] privateKeys, String username, char[] password, PasswordCost cost,
            SecureRandom random) {
        byte[] salt = Argon2id.newSalt(random);
        byte[] key = Argon2id.deriveKey(password, salt, cost, SEALING_KEY_LENGTH);
        try {
            byte[] sealed = Aead.seal(key, privateKeys, Labels.bind(Labels.ACCOUNT_KEYS, username), random).encoded();
            return new SealedKeysRow(salt, cost.memoryKiB(), cost.iterations(), cost.parallelism(), sealed);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** The private keys, which the caller wipes, or null when the password does not open the seal. */
    public static byte[] unseal(String username, SealedKeysRow sealed, char[] password) {
        PasswordCost cost = storedCost(sealed);
        byte[] key = null;
        try {
            key = Argon2id.deriveKey(password, sealed.salt(), cost, SEALING_KEY_LENGTH);
            byte[] privateKeys = Aead.open(key, Aead.Sealed.decode(sealed.sealed()), Labels.bind(Labels.ACCOUNT_KEYS, username));
            if (privateKeys.length != AccountKeys.PRIVATE_KEYS_LENGTH) {
                Arrays.fill(privateKeys, (byte) 0);
                throw new RefusedException("The keys of account " + username + " are damaged.");
            }
            return privateKeys;
        } catch (AuthenticationFailedException e) {
            return null;
        } catch (IllegalArgumentException e) {
            // A password that is not Unicode text cannot be the right one; it counts as wrong.
            return null;
        } finally {
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
        }
    }

    /** The Argon2id cost a seal was made with. */
    public static PasswordCost storedCost(SealedKeysRow sealed) {
        try {
            return new PasswordCost(sealed.memoryKiB(), sealed.iterations(), sealed.parallelism());
        } catch (IllegalArgumentException e) {
            throw new RefusedException("The stored password settings of this account are damaged: " + e.getMessage());
        }
    }

    /**
     * Does the work of one {@link #unseal} at {@code cost} without anything to open: what a login
     * under a name without an account costs, so that the time taken does not tell whether it exists.
     */
    public static void spendAsLongAsAnUnseal(char[] password, PasswordCost cost, SecureRandom random) {
        byte[] key = null;
        try {
            key = Argon2id.deriveKey(password, Argon2id.newSalt(random), cost, SEALING_KEY_LENGTH);
            Aead.open(key, Aead.Sealed.decode(new byte[Aead.OVERHEAD + AccountKeys.PRIVATE_KEYS_LENGTH]), new byte[0]);
        } catch (AuthenticationFailedException | IllegalArgumentException expected) {
            // Nothing was meant to open: the work was the point.
        } finally {
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
        }
    }
}
