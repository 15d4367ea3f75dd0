package org.clinicledger.clinic;

import java.security.SecureRandom;
import java.util.Arrays;

import org.clinicledger.crypto.Ed25519;
import org.clinicledger.crypto.X25519;
import org.clinicledger.ledger.SigningKey;

/**
 * An account's two key pairs while they are being made or used: Ed25519 to sign the blocks of the
 * account's chain, X25519 to receive wrapped keys. {@link #destroy()} wipes both private keys.
 */
final class AccountKeys {

    /** The Ed25519 seed followed by the X25519 private key: what is sealed under the password. */
    static final int PRIVATE_KEYS_LENGTH = Ed25519.SEED_LENGTH + X25519.PRIVATE_KEY_LENGTH;

    final Ed25519.KeyPair signing;
    final SigningKey signingKey;
    final X25519.KeyPair agreement;

    private AccountKeys(Ed25519.KeyPair signing, X25519.KeyPair agreement) {
        this.signing = signing;
        this.signingKey = new SigningKey(signing);
        this.agreement = agreement;
    }

    static AccountKeys generate(SecureRandom random) {
        return new AccountKeys(Ed25519.KeyPair.generate(random), X25519.KeyPair.generate(random));
    }

    /** Takes the unsealed bytes, which it wipes. */
    static AccountKeys fromPrivateKeys(byte[] privateKeys) {
        byte[] seed = Arrays.copyOfRange(privateKeys, 0, Ed25519.SEED_LENGTH);
        byte[] agreement = Arrays.copyOfRange(privateKeys, Ed25519.SEED_LENGTH, PRIVATE_KEYS_LENGTH);
        try {
            return new AccountKeys(Ed25519.KeyPair.fromSeed(seed), X25519.KeyPair.fromPrivate(agreement));
        } finally {
            Arrays.fill(seed, (byte) 0);
            Arrays.fill(agreement, (byte) 0);
            Arrays.fill(privateKeys, (byte) 0);
        }
    }

    /** The seed and the X25519 private key, in one new array that the caller wipes. */
    byte[] privateKeys() {
        return joined(signing.privateKey(), agreement.privateKey());
    }

    /** The private keys a logged-in session holds, in the same layout, in one new array that the caller wipes. */
    static byte[] privateKeysOf(Session session) {
        return joined(session.signingSeed(), session.agreementKeys().privateKey());
    }

    /** The Ed25519 seed followed by the X25519 private key, in one new array; wipes both inputs. */
    private static byte[] joined(byte[] seed, byte[] agreementKey) {
        byte[] both = new byte[PRIVATE_KEYS_LENGTH];
        System.arraycopy(seed, 0, both, 0, Ed25519.SEED_LENGTH);
        System.arraycopy(agreementKey, 0, both, Ed25519.SEED_LENGTH, X25519.PRIVATE_KEY_LENGTH);
        Arrays.fill(seed, (byte) 0);
        Arrays.fill(agreementKey, (byte) 0);
        return both;
    }

    void destroy() {
        signing.destroy();
        agreement.destroy();
    }
}
