package org.clinicledger.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a hash someone typed occurs in this ledger, without anything personal: what kind of hash
 * it is, which kind of chain, the block's height or the head's size, the block's kind and its date.
 *
 * @param height the block's height; for a checkpoint root, the number of blocks it covers
 */
public record HashFinding(Kind kind, PartyKind party, long height, String blockKind, Instant at) {

    /** What the hash is. */
    public enum Kind {
        /** The SHA-256 of a record version's canonical document (the patient's copy). */
        RECORD_HASH("record hash"),
        /** The hash of a block. */
        BLOCK_HASH("block hash"),
        /** The Merkle root of a signed head (a checkpoint). */
        CHECKPOINT_ROOT("checkpoint root");

        private final String words;

        Kind(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    public HashFinding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(at, "at");
    }

    /** One plain sentence: what the hash is and what it covers. */
    public String describe() {
        String chain = "a " + party.code() + "'s chain";
        return switch (kind) {
            case RECORD_HASH -> "It is a record hash: the " + blockKind + " block at height " + height + " of " + chain
                    + " names it, dated " + UtcTime.format(at) + ".";
            case BLOCK_HASH -> "It is a block hash: the " + blockKind + " block at height " + height + " of " + chain
                    + ", dated " + UtcTime.format(at) + ".";
            case CHECKPOINT_ROOT -> "It is a checkpoint root: the Merkle root of the first " + height + " blocks of "
                    + chain + ", signed " + UtcTime.format(at) + ".";
        };
    }
}
