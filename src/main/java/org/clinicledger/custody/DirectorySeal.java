package org.clinicledger.custody;

import java.security.SecureRandom;
import java.util.Optional;

import org.clinicledger.crypto.Aead;
import org.clinicledger.crypto.AuthenticationFailedException;
import org.clinicledger.crypto.Hex;
import org.clinicledger.crypto.Sha256;

/**
 * Sealing with the clinic's directory key (AES-256-GCM): what every member of staff may read but
 * the disk must never hold in plaintext — names, demographics, the reasons for a deletion, a
 * referral or an emergency access. The associated data ({@link Labels#bind}) names what is sealed
 * and whose it is, so that a seal copied onto another row does not open.
 */
public final class DirectorySeal {

    private DirectorySeal() {
    }

    /** Seals {@code plaintext}, which the caller still owns and wipes. */
    public static byte[] seal(byte[] directoryKey, byte[] plaintext, byte[] associatedData, SecureRandom random) {
        return Aead.seal(directoryKey, plaintext, associatedData, random).encoded();
    }

    /** The plaintext, which the caller wipes, or empty when the seal does not open with this key and data. */
    public static Optional<byte[]> open(byte[] directoryKey, byte[] sealed, byte[] associatedData) {
        try {
            return Optional.of(Aead.open(directoryKey, Aead.Sealed.decode(sealed), associatedData));
        } catch (AuthenticationFailedException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * What the founding block commits to for {@code directoryKey}: SHA-256 (hex) under its label.
     * Whoever holds a copy can check it is the clinic's, not one someone wrapped for them.
     */
    public static String commitment(byte[] directoryKey) {
        return Hex.encode(Sha256.digest(Labels.bind(Labels.DIRECTORY_KEY_COMMITMENT), new byte[1], directoryKey));
    }

    /** A fresh random directory key, made once at set-up. */
    public static byte[] newKey(SecureRandom random) {
        return Aead.newKey(random);
    }
}
