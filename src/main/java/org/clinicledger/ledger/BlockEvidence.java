package org.clinicledger.ledger;

import java.util.List;

import org.clinicledger.domain.Block;
import org.clinicledger.domain.Checkpoint;
import org.clinicledger.domain.ClinicFingerprint;

/**
 * Everything that proves one block was in its chain, for someone who trusts only the clinic's
 * fingerprint: the block's exact hashed bytes, the chain's newest signed checkpoint that covers it,
 * the RFC 9162 inclusion path to that checkpoint's root, the node key that signed the checkpoint
 * and the clinic key's signature authorizing that node key.
 *
 * @param hashedBytes the bytes whose SHA-256 is the block's hash
 * @param nodeChain the node key's chain ({@code node/<key id>}), which the authorization names
 * @param nodeAuthorization the clinic key's Ed25519 signature over {@link KeyAuthorization}'s bytes
 */
public record BlockEvidence(Block block, byte[] hashedBytes, Checkpoint checkpoint, List<byte[]> inclusionPath,
        byte[] nodePublicKey, String nodeChain, byte[] nodeAuthorization, byte[] clinicPublicKey,
        ClinicFingerprint clinic) {

    public BlockEvidence {
        inclusionPath = List.copyOf(inclusionPath);
    }

    /** The verifier key of the node key, as C2SP signed notes write it. */
    public String verifierKey() {
        return Checkpoints.verifierKey(clinic, nodePublicKey).encoded();
    }
}
