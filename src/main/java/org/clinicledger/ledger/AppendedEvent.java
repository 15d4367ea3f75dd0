package org.clinicledger.ledger;

import java.util.List;

import org.clinicledger.domain.Block;
import org.clinicledger.domain.SignedHead;

/** What one append wrote: the event's blocks (one or two) and the chains' new signed heads. */
public record AppendedEvent(String eventId, List<Block> blocks, List<SignedHead> heads) {

    public AppendedEvent {
        blocks = List.copyOf(blocks);
        heads = List.copyOf(heads);
    }
}
