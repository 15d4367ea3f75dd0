package org.clinicledger.custody;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

import org.clinicledger.crypto.Aead;
import org.clinicledger.crypto.AuthenticationFailedException;
import org.clinicledger.crypto.KeyWrap;

/**
 * Sealing for one person alone: what they may read of themselves but the clinic keeps sealed for
 * staff — a patient's own demographics. A fresh AES-256-GCM key seals the plaintext and is wrapped
 * for the person's X25519 key ({@link KeyWrap}); the encoding is the {@value KeyWrap.WrappedKey#ENCODED_LENGTH}
 * bytes of the wrapped key followed by the seal. Both are bound to the person's MRN, so a copy
 * moved onto another patient's chain does not open.
 *
 * <p>Anyone with the public key can make such a seal: what makes one trustworthy is the signed
 * block it travels in, not the seal.
 */
public final class OwnSeal {

    private OwnSeal() {
    }

    /** Seals {@code plaintext}, which the caller still owns and wipes, for the holder of {@code agreementPublicKey}. */
    public static byte[] seal(byte[] plaintext, byte[] agreementPublicKey, String mrn, SecureRandom random) {
        byte[] key = Aead.newKey(random);
        try {
            byte[] wrapped = KeyWrap.wrap(key, agreementPublicKey,
                    Labels.bind(Labels.PATIENT_OWN_DEMOGRAPHICS_KEY, mrn), random).encoded();
            byte[] sealed = Aead.seal(key, plaintext, Labels.bind(Labels.PATIENT_OWN_DEMOGRAPHICS, mrn), random)
                    .encoded();
            byte[] out = Arrays.copyOf(wrapped, wrapped.length + sealed.length);
            System.arraycopy(sealed, 0, out, wrapped.length, sealed.length);
            return out;
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * The plaintext, which the caller wipes, or empty when {@code sealed} was not made for
     * {@code keys} and {@code mrn} or has been changed.
     */
    public static Optional<byte[]> open(byte[] sealed, AccountKeys keys, String mrn) {
        int split = KeyWrap.WrappedKey.ENCODED_LENGTH;
        if (sealed == null || sealed.length <= split) {
            return Optional.empty();
        }
        byte[] key = null;
        try {
            key = KeyWrap.unwrap(KeyWrap.WrappedKey.decode(Arrays.copyOfRange(sealed, 0, split)), keys.agreement(),
                    Labels.bind(Labels.PATIENT_OWN_DEMOGRAPHICS_KEY, mrn));
            return Optional.of(Aead.open(key, Aead.Sealed.decode(Arrays.copyOfRange(sealed, split, sealed.length)),
                    Labels.bind(Labels.PATIENT_OWN_DEMOGRAPHICS, mrn)));
        } catch (AuthenticationFailedException | IllegalArgumentException e) {
            return Optional.empty();
        } finally {
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
        }
    }
}
