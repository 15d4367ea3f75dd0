package org.clinicledger.ledger;

import java.util.List;

/**
 * How a chain stands today against a checkpoint someone kept: still extending it (with the
 * consistency proof from the checkpoint to the chain's newest signed head), shorter than it
 * (rolled back), or holding other blocks under it (rewritten).
 *
 * @param sizeToday how many blocks the chain has now (0 when there is no such chain)
 * @param headSize the size of the newest signed head the consistency proof leads to
 * @param consistencyPath the RFC 9162 consistency proof from the checkpoint to that head
 */
public record CheckpointStanding(Verdict verdict, long sizeToday, long headSize, List<byte[]> consistencyPath) {

    /** What the chain did since the checkpoint. */
    public enum Verdict {
        /** The chain today extends the checkpoint: nothing it covers was changed. */
        EXTENDS,
        /** The chain is shorter than the checkpoint: blocks it covered are gone. */
        ROLLED_BACK,
        /** The chain's first blocks no longer hash to the checkpoint's root. */
        REWRITTEN,
        /** The folder has no such chain. */
        NO_SUCH_CHAIN
    }

    public CheckpointStanding {
        consistencyPath = List.copyOf(consistencyPath);
    }
}
