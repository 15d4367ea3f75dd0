package org.clinicledger.store;

import java.time.Instant;

import org.clinicledger.domain.Block;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.ChainPosition;

/**
 * A row of {@code blocks} exactly as stored, without interpretation: verification must be able to
 * hash and report on a row whose values were tampered into something no valid block could hold.
 * The counterpart columns are each null when the block has no counterpart; they are kept apart,
 * as stored, so that a value in one of them without the other is still hashed and caught.
 */
public record BlockRow(
        String chain,
        long height,
        byte[] previousHash,
        long createdAtMillis,
        String kind,
        String authorKeyId,
        String counterpartChain,
        Long counterpartHeight,
        String eventId,
        byte[] subjectKey,
        byte[] payload,
        byte[] signature,
        byte[] hash) {

    public static BlockRow of(Block block) {
        ChainPosition counterpart = block.counterpart();
        return new BlockRow(block.chain().value(), block.height(), block.previousHash(),
                block.createdAt().toEpochMilli(), block.kind().code(), block.authorKeyId(),
                counterpart == null ? null : counterpart.chain().value(),
                counterpart == null ? null : counterpart.height(),
                block.eventId(), block.subjectKey(), block.payload(), block.signature(), block.hash());
    }

    /** The typed block; throws IllegalArgumentException when a value is not one a block can hold. */
    public Block toBlock() {
        return new Block(ChainId.parse(chain), height, previousHash, Instant.ofEpochMilli(createdAtMillis),
                BlockKind.fromCode(kind), authorKeyId,
                counterpartChain == null ? null : new ChainPosition(ChainId.parse(counterpartChain), counterpartHeight),
                eventId, subjectKey, payload, signature, hash);
    }
}
