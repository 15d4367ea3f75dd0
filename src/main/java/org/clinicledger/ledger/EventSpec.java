package org.clinicledger.ledger;

import java.util.Objects;

import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;

/**
 * One event to append: its kind, who signs it, and the chain (or two chains) it is written to,
 * each with its own payload. Use the factory methods.
 */
public record EventSpec(
        BlockKind kind,
        SigningKey author,
        ChainId chain,
        byte[] payload,
        ChainId counterpartChain,
        byte[] counterpartPayload,
        byte[] subjectKey) {

    public EventSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(payload, "payload");
        if (kind == BlockKind.REGISTRATION) {
            throw new IllegalArgumentException("Registrations start a chain: use Ledger.register");
        }
        if ((counterpartChain == null) != (counterpartPayload == null)) {
            throw new IllegalArgumentException("A counterpart needs both a chain and a payload");
        }
        if (chain.equals(counterpartChain)) {
            throw new IllegalArgumentException("An event's two blocks must be on different chains");
        }
        if (kind == BlockKind.KEY_RECOVERED && counterpartChain == null) {
            throw new IllegalArgumentException("A key recovery is written on the person's and the administrator's chains");
        }
        if (kind.carriesSubjectKey() != (subjectKey != null)) {
            throw new IllegalArgumentException(kind + (subjectKey == null ? " needs" : " takes no") + " subject key");
        }
    }

    /** An event that concerns one party only. */
    public static EventSpec single(BlockKind kind, SigningKey author, ChainId chain, byte[] payload) {
        return new EventSpec(kind, author, chain, payload, null, null, null);
    }

    /** An event that concerns two parties: one block on each chain, naming each other. */
    public static EventSpec between(BlockKind kind, SigningKey author, ChainId chain, byte[] payload,
            ChainId counterpart, byte[] counterpartPayload) {
        return new EventSpec(kind, author, chain, payload, counterpart, counterpartPayload, null);
    }

    /** The chain's owner, signing with the current key, names the key it signs with from now on. */
    public static EventSpec keyRotation(SigningKey currentKey, ChainId chain, byte[] newPublicKey) {
        return new EventSpec(BlockKind.KEY_ROTATED, currentKey, chain, new byte[0], null, null, newPublicKey.clone());
    }

    /**
     * An administrator gives the person of {@code recovered} the signing key {@code newPublicKey}:
     * the person's block names it (it signs their chain from then on), the administrator's block
     * names none; both carry {@code payload} ({@link KeyRecoveries#payload}).
     */
    public static EventSpec keyRecovery(SigningKey administrator, ChainId recovered, ChainId administratorChain,
            byte[] payload, byte[] newPublicKey) {
        return keyRecovery(administrator, recovered, payload, administratorChain, payload, newPublicKey);
    }

    /**
     * A key recovery whose block on the person's chain carries more than the administrator's: a
     * recovered patient's details sealed for their new key ({@link KeyRecoveries#withOwnDetails}).
     */
    public static EventSpec keyRecovery(SigningKey administrator, ChainId recovered, byte[] onRecovered,
            ChainId administratorChain, byte[] onAdministrator, byte[] newPublicKey) {
        return new EventSpec(BlockKind.KEY_RECOVERED, administrator, recovered, onRecovered, administratorChain,
                onAdministrator, newPublicKey.clone());
    }
}
