package org.clinicledger.store;

import java.time.Instant;

import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.SignedHead;

/**
 * A row of {@code signed_heads} as stored.
 *
 * @param previousHead the hash of the chain's head before this one, or null for a chain's first head
 *     (and for heads written before schema 9)
 * @param checkpointSignature the node's signature over the head as a C2SP checkpoint, or null for
 *     heads written before schema 12
 */
public record HeadRow(String chain, long size, byte[] root, long signedAtMillis, String nodeKeyId, byte[] signature,
        byte[] previousHead, byte[] checkpointSignature) {

    public static HeadRow of(SignedHead head) {
        return new HeadRow(head.chain().value(), head.size(), head.root(), head.signedAt().toEpochMilli(),
                head.nodeKeyId(), head.signature(), head.previousHead(), head.checkpointSignature());
    }

    public SignedHead toSignedHead() {
        return new SignedHead(ChainId.parse(chain), size, root, Instant.ofEpochMilli(signedAtMillis), nodeKeyId, signature,
                previousHead, checkpointSignature);
    }
}
