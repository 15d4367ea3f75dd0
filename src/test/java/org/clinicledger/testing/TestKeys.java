package org.clinicledger.testing;

import java.util.Arrays;

import org.clinicledger.crypto.Ed25519;
import org.clinicledger.crypto.X25519;
import org.clinicledger.custody.AccountKeys;

/** An account's X25519 pair and Ed25519 seed rebuilt from its private keys, for tests that open copies by hand. */
public final class TestKeys {

    private TestKeys() {
    }

    public static X25519.KeyPair agreement(AccountKeys keys) {
        byte[] both = keys.privateKeys();
        try {
            return X25519.KeyPair.fromPrivate(Arrays.copyOfRange(both, Ed25519.SEED_LENGTH, both.length));
        } finally {
            Arrays.fill(both, (byte) 0);
        }
    }

    public static byte[] seed(AccountKeys keys) {
        byte[] both = keys.privateKeys();
        try {
            return Arrays.copyOfRange(both, 0, Ed25519.SEED_LENGTH);
        } finally {
            Arrays.fill(both, (byte) 0);
        }
    }
}
