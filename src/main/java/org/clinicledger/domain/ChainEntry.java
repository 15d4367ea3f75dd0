package org.clinicledger.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One block of a person's own chain as they browse it: where it is, when, what kind of event, the
 * other party, and, for blocks about a record, which record. No content: blocks hold none.
 *
 * @param counterpart the other party's chain, or null when the event concerns this chain alone
 * @param actor whose key signed the block: the chain's owner or, for an event another party wrote
 *     to this chain, that party's chain; null when the key is not known
 * @param recordId the record a record block names, or null
 * @param recordVersion the version a record block names, or 0
 * @param attachment for a record-viewed block, the index of the attachment read, or null
 * @param hash the block hash, lower-case hex
 * @param confirmedBy for an emergency-access block, the second holder its payload names; else null
 */
public record ChainEntry(ChainId chain, long height, Instant createdAt, BlockKind kind, ChainId counterpart,
        ChainId actor, String recordId, int recordVersion, Integer attachment, String hash, Confirmer confirmedBy) {

    /**
     * Who confirmed an emergency access besides the administrator: another administrator (their
     * chain), or the clinic's recovery sheet ({@link #RECOVERY_SHEET}).
     */
    public record Confirmer(ChainId administrator) {
        public static final Confirmer RECOVERY_SHEET = new Confirmer(null);

        public boolean bySheet() {
            return administrator == null;
        }
    }

    public ChainEntry {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(hash, "hash");
    }
}
