package org.clinicledger.domain;

import java.util.Objects;

/** One block's place: its chain and height (the height is the block's id within the chain). */
public record ChainPosition(ChainId chain, long height) {

    public ChainPosition {
        Objects.requireNonNull(chain, "chain");
        if (height < 0) {
            throw new IllegalArgumentException("Negative height " + height);
        }
    }

    @Override
    public String toString() {
        return chain + "#" + height;
    }
}
