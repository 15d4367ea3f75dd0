package org.clinicledger.clinic;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.clinicledger.crypto.Hex;
import org.clinicledger.domain.Block;
import org.clinicledger.domain.BlockFacts;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainEntry;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.UnitOfWork;
import org.clinicledger.ledger.AccessEvents;
import org.clinicledger.ledger.RecordEvents;
import org.clinicledger.store.ChainStore.AuthorKeyRow;
import org.clinicledger.store.ChainStore;
import org.clinicledger.store.Database;

/**
 * A person's own chain, block by block, as the Doctor and Patient tabs show it: each block's
 * height, time, kind, the other party, who signed it, the record it names (or, for an emergency
 * access, who confirmed it) and its hash. Reads the
 * blocks only; it checks nothing (verification does) and writes nothing.
 */
public final class ChainBrowser {

    private final Database database;
    private final ChainStore chains;
    private final Clock clock;

    ChainBrowser(Database database, ChainStore chains, Clock clock) {
        this.database = database;
        this.chains = chains;
        this.clock = clock;
    }

    /**
     * The block at {@code height} of {@code chain} as stored, for anyone (the Ledger page shows the
     * block a verification problem names); empty when there is no such block.
     */
    public Optional<BlockFacts> block(String chain, long height) {
        return database.read("read block " + height + " of " + chain, work -> chains.block(work, chain, height))
                .map(row -> new BlockFacts(row.chain(), row.height(), Instant.ofEpochMilli(row.createdAtMillis()),
                        row.kind(), row.authorKeyId(),
                        row.counterpartChain() == null ? null : row.counterpartChain() + "#" + row.counterpartHeight(),
                        row.previousHash() == null ? "" : Hex.encode(row.previousHash()),
                        row.hash() == null ? "" : Hex.encode(row.hash()),
                        row.payload() == null ? 0 : row.payload().length));
    }

    /** The blocks of the signed-in person's own chain, oldest first. */
    public List<ChainEntry> ownChain(Session session) {
        session.use(clock.instant());
        ChainId chain = session.chain();
        List<ChainEntry> entries = new ArrayList<>();
        Map<String, Optional<ChainId>> signers = new HashMap<>();
        return database.read("read the chain " + chain, work -> {
            chains.forEachBlock(work, chain.value(), row -> {
                Block block;
                try {
                    block = row.toBlock();
                } catch (IllegalArgumentException e) {
                    // A row no valid block could hold: verification reports it; the list leaves it out.
                    return;
                }
                ChainId actor = signers.computeIfAbsent(block.authorKeyId(), keyId -> signer(work, keyId))
                        .orElse(null);
                entries.add(entry(block, actor));
            });
            return entries;
        });
    }

    private Optional<ChainId> signer(UnitOfWork work, String keyId) {
        return chains.authorKey(work, keyId).map(AuthorKeyRow::chain).flatMap(ChainBrowser::chainId);
    }

    private static Optional<ChainId> chainId(String value) {
        try {
            return Optional.of(ChainId.parse(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static ChainEntry entry(Block block, ChainId actor) {
        String recordId = null;
        int version = 0;
        Integer attachment = null;
        ChainEntry.Confirmer confirmedBy = null;
        try {
            if (block.kind() == BlockKind.RECORD_ADDED || block.kind() == BlockKind.RECORD_AMENDED) {
                RecordEvents.Written written = RecordEvents.readWritten(block.payload());
                recordId = written.recordId();
                version = written.version();
            } else if (block.kind() == BlockKind.RECORD_DELETED) {
                recordId = RecordEvents.readDeleted(block.payload()).recordId();
            } else if (block.kind() == BlockKind.RECORD_VIEWED) {
                RecordEvents.Viewed viewed = RecordEvents.readViewed(block.payload());
                recordId = viewed.recordId();
                version = viewed.version();
                attachment = viewed.attachment();
            } else if (block.kind() == BlockKind.EMERGENCY_ACCESS) {
                confirmedBy = AccessEvents.confirmedBy(block.payload()).map(ChainEntry.Confirmer::new)
                        .orElse(ChainEntry.Confirmer.RECOVERY_SHEET);
            }
        } catch (IllegalArgumentException e) {
            // A payload that is not what its kind says: shown without a record; verification reports it.
            recordId = null;
            confirmedBy = null;
        }
        return new ChainEntry(block.chain(), block.height(), block.createdAt(), block.kind(),
                block.counterpart() == null ? null : block.counterpart().chain(), actor, recordId, version, attachment,
                Hex.encode(block.hash()), confirmedBy);
    }
}
