package org.clinicledger.domain;

import java.util.List;
import java.util.Objects;

/**
 * The answer to "does this receipt (and this copy) match the clinic's ledger?", in plain words:
 * an outcome, one headline sentence, and the sentences saying exactly what was checked and what
 * the receipt covers.
 */
public record ReceiptVerdict(Outcome outcome, String headline, List<String> details) {

    /** What the check found. */
    public enum Outcome {
        /** Everything the receipt says holds in this ledger today. */
        MATCHES,
        /** Something the receipt or the copy says does not hold. */
        DOES_NOT_MATCH,
        /** The chain the receipt names is shorter now than when the receipt was printed. */
        ROLLED_BACK,
        /** The chain the receipt names holds other blocks now under the receipt's checkpoint. */
        REWRITTEN
    }

    public ReceiptVerdict {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(headline, "headline");
        details = List.copyOf(details);
    }

    public boolean matches() {
        return outcome == Outcome.MATCHES;
    }
}
