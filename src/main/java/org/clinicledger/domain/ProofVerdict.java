package org.clinicledger.domain;

import java.util.List;
import java.util.Objects;

/**
 * What checking a proof file found: each check in one plain sentence, whether it held, and — when
 * a data folder was given — how the chain there stands against the proof's checkpoint.
 */
public record ProofVerdict(List<Check> checks, Standing standing) {

    /** One check and whether it held. */
    public record Check(boolean holds, String sentence) {
        public Check {
            Objects.requireNonNull(sentence, "sentence");
        }
    }

    /** The chain in the data folder against the checkpoint. */
    public enum Standing {
        /** No data folder was given. */
        NOT_CHECKED,
        /** The chain extends the checkpoint. */
        EXTENDS,
        /** The chain is shorter than the checkpoint. */
        ROLLED_BACK,
        /** The chain's first blocks are not the checkpoint's. */
        REWRITTEN,
        /** The folder has no such chain, or is another clinic's. */
        NOT_FOUND
    }

    public ProofVerdict {
        checks = List.copyOf(checks);
        Objects.requireNonNull(standing, "standing");
    }

    /** Every check held, and the chain, where it was compared, extends the checkpoint. */
    public boolean holds() {
        return !checks.isEmpty() && checks.stream().allMatch(Check::holds)
                && (standing == Standing.NOT_CHECKED || standing == Standing.EXTENDS);
    }
}
