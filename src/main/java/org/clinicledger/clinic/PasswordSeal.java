package org.clinicledger.clinic;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

import org.clinicledger.crypto.Aead;
import org.clinicledger.crypto.Argon2id;
import org.clinicledger.crypto.Argon2id.PasswordCost;
import org.clinicledger.crypto.AuthenticationFailedException;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.store.AccountStore.SealedKeysRow;

/**
 * How an account's private keys are kept: AES-256-GCM under a key that Argon2id derives from the
 * password with a fresh salt, the username bound as associated data so that a seal moved to another
 * account does not open. Opening the seal is the password check; no password hash is stored. The same
 * for every role, patients included.
 */
final class PasswordSeal {

    static final String KEYS_LABEL = "clinicledger/account-keys/v1";
    static final int SEALING_KEY_LENGTH = Aead.KEY_LENGTH;

    private PasswordSeal() {
    }

    static SealedKeysRow seal(AccountKeys keys, String username, char[] password, PasswordCost cost,
            SecureRandom random) {
        byte[] privateKeys = keys.privateKeys();
        try {
            return seal(privateKeys, username, password, cost, random);
        } finally {
            Arrays.fill(privateKeys, (byte) 0);
        }
    }

    /** Seals {@code privateKeys} (which the caller still owns and wipes) under {@code password}. */
    static SealedKeysRow seal(byte[] privateKeys, String username, char[] password, PasswordCost cost,
            SecureRandom random) {
        byte[] salt = Argon2id.newSalt(random);
        byte[] key = Argon2id.deriveKey(password, salt, cost, SEALING_KEY_LENGTH);
        try {
            byte[] sealed = Aead.seal(key, privateKeys, label(KEYS_LABEL, username), random).encoded();
            return new SealedKeysRow(salt, cost.memoryKiB(), cost.iterations(), cost.parallelism(), sealed);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** The private keys, which the caller wipes, or null when the password does not open the seal. */
    static byte[] unseal(String username, SealedKeysRow sealed, char[] password) {
        PasswordCost cost = storedCost(sealed);
        byte[] key = null;
        try {
            key = Argon2id.deriveKey(password, sealed.salt(), cost, SEALING_KEY_LENGTH);
            byte[] privateKeys = Aead.open(key, Aead.Sealed.decode(sealed.sealed()), label(KEYS_LABEL, username));
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
    static PasswordCost storedCost(SealedKeysRow sealed) {
        try {
            return new PasswordCost(sealed.memoryKiB(), sealed.iterations(), sealed.parallelism());
        } catch (IllegalArgumentException e) {
            throw new RefusedException("The stored password settings of this account are damaged: " + e.getMessage());
        }
    }

    /** Associated data: a label naming what is sealed, a 0x00, then whose it is (a username or an MRN). */
    static byte[] label(String label, String owner) {
        return (label + "\0" + owner).getBytes(StandardCharsets.UTF_8);
    }
}
