package org.clinicledger.domain;

/**
 * One thing verification found wrong, in plain words.
 *
 * @param chain the chain concerned, as written in chain ids, or the table name for a derived table
 * @param height the block height concerned, or -1 when the problem is not about one block
 */
public record VerificationProblem(String chain, long height, String reason) {

    @Override
    public String toString() {
        return height < 0 ? chain + ": " + reason : chain + " #" + height + ": " + reason;
    }
}
