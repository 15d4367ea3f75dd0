package org.clinicledger.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One block of a chain, as stored. Every field is covered by the author's signature or by the
 * block's hash (the signature itself is covered by the hash). Byte arrays are never modified
 * after construction; callers must not modify the arrays they pass in or get out.
 *
 * @param previousHash the hash of the block at {@code height - 1}; 32 zero bytes for the genesis
 * @param counterpart the block of the same event on the other party's chain, or null
 * @param eventId the same for both blocks of one event
 * @param subjectKey the owner's new public key, for {@link BlockKind#carriesSubjectKey()} kinds; else null
 * @param payload the event's content for this chain: ids, hashes and ciphertext, never plaintext
 */
public record Block(
        ChainId chain,
        long height,
        byte[] previousHash,
        Instant createdAt,
        BlockKind kind,
        String authorKeyId,
        ChainPosition counterpart,
        String eventId,
        byte[] subjectKey,
        byte[] payload,
        byte[] signature,
        byte[] hash) {

    public static final int HASH_LENGTH = 32;

    public Block {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(authorKeyId, "authorKeyId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(hash, "hash");
    }

    public ChainPosition position() {
        return new ChainPosition(chain, height);
    }
}
