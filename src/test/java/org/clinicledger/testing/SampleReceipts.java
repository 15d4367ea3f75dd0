package org.clinicledger.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.clinicledger.crypto.Ed25519;
import org.clinicledger.crypto.Sha256;
import org.clinicledger.domain.Checkpoint;
import org.clinicledger.domain.ClinicFingerprint;
import org.clinicledger.domain.Receipt;

/**
 * Receipts with made-up but well-formed values: a checkpoint note in the C2SP shape, signed with
 * Ed25519 by a fixed test key, so that what is printed and scanned looks like what the clinic makes.
 */
public final class SampleReceipts {

    public static final ClinicFingerprint CLINIC = new ClinicFingerprint("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
    public static final String RECORD_HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    public static final String BLOCK_HASH = "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752";
    private static final byte[] SEED = new byte[Ed25519.SEED_LENGTH];

    private SampleReceipts() {
    }

    public static Receipt receipt() {
        return receipt("Riverside Family Clinic", "Dr. Amara Okafor");
    }

    public static Receipt receipt(String clinicName, String doctor) {
        return receipt(clinicName, doctor, "clinicledger/" + CLINIC.value() + "/patient/123456782", 1);
    }

    /** A receipt whose checkpoint has {@code signatures} signature lines (the node's and cosigners'). */
    public static Receipt receipt(String clinicName, String doctor, String origin, int signatures) {
        Checkpoint checkpoint = checkpoint(origin, 12, signatures);
        return new Receipt(clinicName, CLINIC, "123456782", "5f2c8e4a-1b7d-4c3e-9a60-2f1d8b7c6e55", 2,
                Instant.parse("2026-11-23T09:30:15.123Z"), doctor, RECORD_HASH, BLOCK_HASH, 11, checkpoint);
    }

    public static Checkpoint checkpoint(String origin, long size, int signatures) {
        byte[] root = Sha256.digest(("root of " + size).getBytes(StandardCharsets.UTF_8));
        String text = origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
        StringBuilder note = new StringBuilder(text).append('\n');
        byte[] signature = Ed25519.sign(SEED, text.getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < signatures; i++) {
            byte[] keyHashAndSignature = new byte[4 + signature.length];
            keyHashAndSignature[0] = (byte) i;
            System.arraycopy(signature, 0, keyHashAndSignature, 4, signature.length);
            note.append("\u2014 clinicledger/").append(CLINIC.value()).append("/node/n-").append(i + 1).append(' ')
                    .append(Base64.getEncoder().encodeToString(keyHashAndSignature)).append('\n');
        }
        return new Checkpoint(origin, size, root, note.toString());
    }
}
