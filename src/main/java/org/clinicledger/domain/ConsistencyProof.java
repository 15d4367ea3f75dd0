package org.clinicledger.domain;

import java.util.List;

/** Shows that a chain's newer signed head only extends an older one: nothing was rewritten or removed. */
public record ConsistencyProof(ChainId chain, SignedHead older, SignedHead newer, List<byte[]> path) {

    public ConsistencyProof {
        path = List.copyOf(path);
    }
}
