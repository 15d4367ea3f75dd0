package org.clinicledger.domain;

import java.util.List;

/**
 * Shows that one block is in a chain of {@code head.size()} blocks without revealing the others:
 * the block's hash, its height, and the sibling hashes up to the signed head's root (RFC 9162).
 */
public record InclusionProof(ChainId chain, long height, byte[] blockHash, List<byte[]> path, SignedHead head) {

    public InclusionProof {
        path = List.copyOf(path);
    }
}
