package org.clinicledger.store;

import java.time.Instant;

import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.SignedHead;

/** A row of {@code signed_heads} as stored. */
public record HeadRow(String chain, long size, byte[] root, long signedAtMillis, String nodeKeyId, byte[] signature) {

    public static HeadRow of(SignedHead head) {
        return new HeadRow(head.chain().value(), head.size(), head.root(), head.signedAt().toEpochMilli(),
                head.nodeKeyId(), head.signature());
    }

    public SignedHead toSignedHead() {
        return new SignedHead(ChainId.parse(chain), size, root, Instant.ofEpochMilli(signedAtMillis), nodeKeyId, signature);
    }
}
