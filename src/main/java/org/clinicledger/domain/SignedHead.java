package org.clinicledger.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A chain's state at one size, signed by a clinic machine's node key: the Merkle root over the
 * hashes of its first {@code size} blocks. Receipts carry one; a later head proves it only extends it.
 * Each head names the one before it on its chain ({@code previousHead}, null for the first), so that
 * no head can be dropped unnoticed. The node also signs the head in the C2SP checkpoint form
 * ({@code checkpointSignature}; null for heads written before schema 12), which is how it leaves
 * the machine.
 */
public record SignedHead(ChainId chain, long size, byte[] root, Instant signedAt, String nodeKeyId, byte[] signature,
        byte[] previousHead, byte[] checkpointSignature) {

    public SignedHead {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(signedAt, "signedAt");
        Objects.requireNonNull(nodeKeyId, "nodeKeyId");
        Objects.requireNonNull(signature, "signature");
    }
}
