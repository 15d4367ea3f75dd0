package org.clinicledger.ledger;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.clinicledger.crypto.Base32;
import org.clinicledger.crypto.Sha256;
import org.clinicledger.domain.ClinicFingerprint;

/**
 * The clinic key, the root every other key is authorized from: its chain, {@code clinic/<key id>},
 * holds the one self-signed registration that needs no authorization, and its fingerprint is the
 * clinic's identity.
 */
public final class ClinicRoot {

    private static final byte[] FINGERPRINT_DOMAIN =
            "clinicledger/clinic-fingerprint/v1\0".getBytes(StandardCharsets.US_ASCII);
    /** 160 bits: finding another key with the same fingerprint takes about 2^160 tries. */
    private static final int FINGERPRINT_BYTES = 20;

    private ClinicRoot() {
    }

    /** The fingerprint of the clinic key whose public half is {@code publicKey}. */
    public static ClinicFingerprint fingerprint(byte[] publicKey) {
        byte[] digest = Sha256.digest(FINGERPRINT_DOMAIN, publicKey);
        return new ClinicFingerprint(Base32.encode(Arrays.copyOf(digest, FINGERPRINT_BYTES)));
    }
}
