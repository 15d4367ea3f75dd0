package org.clinicledger.ledger;

import org.clinicledger.crypto.Cosignature;
import org.clinicledger.crypto.Ed25519;
import org.clinicledger.crypto.SignedNote;
import org.clinicledger.crypto.TlogCheckpoint;
import org.clinicledger.domain.Checkpoint;
import org.clinicledger.domain.ClinicFingerprint;
import org.clinicledger.store.HeadRow;

/**
 * A signed head in the form that leaves the machine: a C2SP {@code tlog-checkpoint} in a C2SP
 * {@code signed-note}, signed by the node key that signed the head. Origins and key names name the
 * clinic by its fingerprint, so a checkpoint of one clinic can never pass for another's:
 * <ul>
 *   <li>origin {@code clinicledger/<clinic fingerprint>/<chain id>}, e.g.
 *       {@code clinicledger/ABCD…/patient/3f2a…};</li>
 *   <li>key name {@code clinicledger/<clinic fingerprint>/node/<node key id>}.</li>
 * </ul>
 * The origin has no scheme and no spaces or '+', as the spec asks.
 */
public final class Checkpoints {

    private static final String PREFIX = "clinicledger/";

    private Checkpoints() {
    }

    /** The checkpoint origin of {@code chain} in the clinic {@code clinic}. */
    public static String origin(ClinicFingerprint clinic, String chain) {
        return PREFIX + clinic.value() + "/" + chain;
    }

    /**
     * The chain an origin names, when it is one of {@code clinic}'s origins.
     *
     * @throws IllegalArgumentException when it is not
     */
    public static String chainOf(ClinicFingerprint clinic, String origin) {
        String prefix = origin(clinic, "");
        if (!origin.startsWith(prefix)) {
            throw new IllegalArgumentException("the checkpoint is not of this clinic's ledger");
        }
        return origin.substring(prefix.length());
    }

    /** The verifier key of a node key of the clinic {@code clinic}. */
    public static SignedNote.VerifierKey verifierKey(ClinicFingerprint clinic, byte[] nodePublicKey) {
        return SignedNote.VerifierKey.of(PREFIX + clinic.value() + "/node/" + BlockCodec.keyId(nodePublicKey),
                nodePublicKey);
    }

    /**
     * The cosigner key of the witness of the machine whose node key is {@code nodeKeyId}: named
     * {@code clinicledger/<clinic fingerprint>/witness/<node key id>}, type 0x04 ({@link Cosignature}).
     */
    public static Cosignature.VerifierKey witnessKey(ClinicFingerprint clinic, String nodeKeyId,
            byte[] witnessPublicKey) {
        return Cosignature.VerifierKey.of(PREFIX + clinic.value() + "/witness/" + nodeKeyId, witnessPublicKey);
    }

    /** The checkpoint body of a stored head. */
    static TlogCheckpoint body(ClinicFingerprint clinic, HeadRow head) {
        return new TlogCheckpoint(origin(clinic, head.chain()), head.size(), head.root());
    }

    /** The node's signature over the head as a checkpoint: what {@code checkpoint_signature} holds. */
    static byte[] sign(SigningKey node, ClinicFingerprint clinic, HeadRow head) {
        return node.sign(bytes(body(clinic, head)));
    }

    /** Whether {@code head}'s checkpoint signature is the node's over the head as a checkpoint. */
    static boolean verifies(byte[] nodePublicKey, ClinicFingerprint clinic, HeadRow head) {
        return head.checkpointSignature() != null
                && Ed25519.verify(nodePublicKey, bytes(body(clinic, head)), head.checkpointSignature());
    }

    /** The whole signed note of a stored head whose checkpoint signature verifies. */
    static Checkpoint note(ClinicFingerprint clinic, HeadRow head, byte[] nodePublicKey) {
        if (!verifies(nodePublicKey, clinic, head)) {
            throw new IllegalStateException("The head over " + head.size() + " blocks of " + head.chain()
                    + " carries no valid checkpoint signature");
        }
        TlogCheckpoint body = body(clinic, head);
        String note = body.text() + "\n" + SignedNote.signatureLine(verifierKey(clinic, nodePublicKey),
                head.checkpointSignature());
        return new Checkpoint(body.origin(), body.size(), body.root(), note);
    }

    private static byte[] bytes(TlogCheckpoint body) {
        return body.text().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
