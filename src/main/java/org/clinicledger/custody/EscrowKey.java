package org.clinicledger.custody;

import org.clinicledger.crypto.X25519;

/**
 * The clinic's escrow key pair, opened for one write (a key recovery) and wiped when closed. It
 * stays inside custody: what it unwraps is re-wrapped here and never handed out.
 */
public final class EscrowKey implements AutoCloseable {

    private final X25519.KeyPair pair;

    /** Takes the private key, which it wipes. */
    EscrowKey(byte[] privateKey) {
        try {
            this.pair = X25519.KeyPair.fromPrivate(privateKey);
        } finally {
            java.util.Arrays.fill(privateKey, (byte) 0);
        }
    }

    X25519.KeyPair pair() {
        return pair;
    }

    @Override
    public void close() {
        pair.destroy();
    }
}
