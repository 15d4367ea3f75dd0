package org.clinicledger.ledger;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

import org.clinicledger.crypto.Ed25519;
import org.clinicledger.crypto.Hkdf;

/** An Ed25519 key pair with the key id that blocks name it by. */
public final class SigningKey {

    private final Ed25519.KeyPair keys;
    private final String keyId;

    public SigningKey(Ed25519.KeyPair keys) {
        this.keys = Objects.requireNonNull(keys);
        this.keyId = BlockCodec.keyId(keys.publicKey());
    }

    public String keyId() {
        return keyId;
    }

    public byte[] publicKey() {
        return keys.publicKey();
    }

    byte[] sign(byte[] message) {
        return keys.sign(message);
    }

    /**
     * A key of its own for another purpose, derived from this key's seed with HKDF-SHA256 under
     * {@code label}: a second key without a second secret to keep. Nothing about the derived key
     * tells its public half from any other, nor leads back to this key.
     */
    SigningKey derive(String label) {
        byte[] seed = keys.privateKey();
        byte[] derived = null;
        try {
            derived = Hkdf.derive(seed, null, label.getBytes(StandardCharsets.UTF_8), Ed25519.SEED_LENGTH);
            return new SigningKey(Ed25519.KeyPair.fromSeed(derived));
        } finally {
            Arrays.fill(seed, (byte) 0);
            if (derived != null) {
                Arrays.fill(derived, (byte) 0);
            }
        }
    }

    /** Zeroes the private key; the key cannot sign afterwards. */
    public void destroy() {
        keys.destroy();
    }

    @Override
    public String toString() {
        return "SigningKey[" + keyId + "]";
    }
}
