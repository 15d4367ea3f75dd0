package org.clinicledger.custody;

import java.security.SecureRandom;
import java.util.Arrays;

import org.clinicledger.crypto.AuthenticationFailedException;
import org.clinicledger.crypto.Ed25519;
import org.clinicledger.crypto.KeyWrap;
import org.clinicledger.domain.RefusedException;

/**
 * The node key of a replica machine travels in its export wrapped for the one person who
 * exported it (decision 0022): only their password, on the new machine, unwraps it. The wrapping
 * is bound to the machine's chain and the person's name.
 */
public final class ReplicaKeys {

    private ReplicaKeys() {
    }

    /** {@code keys}' seed wrapped for {@code holder}'s agreement key. */
    public static byte[] wrap(Ed25519.KeyPair keys, AccountKeys holder, String chain, String username,
            SecureRandom random) {
        byte[] seed = keys.privateKey();
        try {
            return KeyWrap.wrap(seed, holder.agreementPublicKey(), context(chain, username), random).encoded();
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /**
     * The replica's key pair, unwrapped by {@code holder}.
     *
     * @throws RefusedException when the wrapping is not for this person or was changed
     */
    public static Ed25519.KeyPair unwrap(byte[] wrapped, AccountKeys holder, String chain, String username) {
        byte[] seed = null;
        try {
            seed = KeyWrap.unwrap(KeyWrap.WrappedKey.decode(wrapped), holder.agreement(), context(chain, username));
            return Ed25519.KeyPair.fromSeed(seed);
        } catch (AuthenticationFailedException | IllegalArgumentException e) {
            throw new RefusedException("The machine key in this export is not for " + username
                    + ", or it was changed: only the person who exported it can start a machine from it.");
        } finally {
            if (seed != null) {
                Arrays.fill(seed, (byte) 0);
            }
        }
    }

    private static byte[] context(String chain, String username) {
        return Labels.bind(Labels.REPLICA_NODE_KEY, chain, username);
    }
}
