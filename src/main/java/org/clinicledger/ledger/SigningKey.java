package org.clinicledger.ledger;

import java.util.Objects;

import org.clinicledger.crypto.Ed25519;

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

    /** Zeroes the private key; the key cannot sign afterwards. */
    public void destroy() {
        keys.destroy();
    }

    @Override
    public String toString() {
        return "SigningKey[" + keyId + "]";
    }
}
