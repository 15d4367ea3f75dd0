package org.clinicledger.ledger;

import java.util.List;

import org.clinicledger.domain.Block;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.SignedHead;

/** What one append wrote: the event's blocks (one or two) and the chains' new signed heads. */
public record AppendedEvent(String eventId, List<Block> blocks, List<SignedHead> heads) {

    public AppendedEvent {
        blocks = List.copyOf(blocks);
        heads = List.copyOf(heads);
    }

    /**
     * When the event's block on the chain of a {@code party} was written, in milliseconds since the
     * epoch: the time a row kept beside the chains for this event stores, and is verified against.
     */
    public long timeOn(PartyKind party) {
        return blocks.stream().filter(block -> block.chain().party() == party).findFirst()
                .orElseThrow(() -> new IllegalStateException("The event has no block on a " + party.code() + "'s chain"))
                .createdAt().toEpochMilli();
    }
}
