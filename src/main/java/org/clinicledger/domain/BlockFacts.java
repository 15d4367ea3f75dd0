package org.clinicledger.domain;

import java.time.Instant;

/**
 * One block as the table stores it, in the terms anyone may see without a password (the same that
 * verification reports): where it is, when and what kind, which key signed it, the other party's
 * block, its hashes, and how large its payload is. Nothing is decrypted; values a valid block could
 * not hold are shown as stored, since a block worth looking at is often a tampered one.
 *
 * @param counterpart the other party's chain and block ({@code chain#height}), or null
 */
public record BlockFacts(String chain, long height, Instant createdAt, String kind, String authorKeyId,
        String counterpart, String previousHash, String hash, int payloadBytes) {
}
