package org.clinicledger.domain;

import java.util.Objects;

/**
 * One thing verification found wrong: where, why as a stable code, and in plain words.
 *
 * @param chain the chain concerned, as written in chain ids, or the table name for a derived table
 * @param height the block height concerned, or -1 when the problem is not about one block
 */
public record VerificationProblem(String chain, long height, ProblemCode code, String reason) {

    public VerificationProblem {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return (height < 0 ? chain : chain + " #" + height) + ": " + reason + " [" + code.code() + "]";
    }
}
