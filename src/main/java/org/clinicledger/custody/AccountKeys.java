package org.clinicledger.custody;

import java.security.SecureRandom;
import java.util.Arrays;

import org.clinicledger.crypto.Ed25519;
import org.clinicledger.crypto.X25519;
import org.clinicledger.ledger.SigningKey;

/**
 * An account's two key pairs while they are being made or used: Ed25519 to sign the blocks of the
 * account's chain, X25519 to receive wrapped keys. The X25519 private key never leaves custody;
 * {@link #destroy()} wipes both private keys.
 */
public final class AccountKeys {

    /** The Ed25519 seed followed by the X25519 private key: what is sealed under the password. */
    public static final int PRIVATE_KEYS_LENGTH = Ed25519.SEED_LENGTH + X25519.PRIVATE_KEY_LENGTH;

    private final Ed25519.KeyPair signing;
    private final SigningKey signingKey;
    private final X25519.KeyPair agreement;

    private AccountKeys(Ed25519.KeyPair signing, X25519.KeyPair agreement) {
        this.signing = signing;
        this.signingKey = new SigningKey(signing);
        this.agreement = agreement;
    }

    public static AccountKeys generate(SecureRandom random) {
        return new AccountKeys(Ed25519.KeyPair.generate(random), X25519.KeyPair.generate(random));
    }

    /** Takes the unsealed bytes, which it wipes. */
    public static AccountKeys fromPrivateKeys(byte[] privateKeys) {
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

    /** The key this account signs its chain's blocks with. */
    public SigningKey signingKey() {
        return signingKey;
    }

    public byte[] signingPublicKey() {
        return signing.publicKey();
    }

    /** The X25519 public key that keys are wrapped for. */
    public byte[] agreementPublicKey() {
        return agreement.publicKey();
    }

    /** The pair that unwraps what was wrapped for this account: for custody only. */
    X25519.KeyPair agreement() {
        return agreement;
    }

    /** The seed and the X25519 private key, in one new array that the caller wipes. */
    public byte[] privateKeys() {
        byte[] seed = signing.privateKey();
        byte[] agreementKey = agreement.privateKey();
        byte[] both = new byte[PRIVATE_KEYS_LENGTH];
        System.arraycopy(seed, 0, both, 0, Ed25519.SEED_LENGTH);
        System.arraycopy(agreementKey, 0, both, Ed25519.SEED_LENGTH, X25519.PRIVATE_KEY_LENGTH);
        Arrays.fill(seed, (byte) 0);
        Arrays.fill(agreementKey, (byte) 0);
        return both;
    }

    public void destroy() {
        signing.destroy();
        agreement.destroy();
    }
}
