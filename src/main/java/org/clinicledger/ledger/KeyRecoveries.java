package org.clinicledger.ledger;

import static org.clinicledger.ledger.PayloadFields.chain;
import static org.clinicledger.ledger.PayloadFields.text;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.crypto.CanonicalJson;
import org.clinicledger.crypto.Ed25519;
import org.clinicledger.crypto.Hex;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.PartyKind;

/**
 * The payload of a {@link org.clinicledger.domain.BlockKind#KEY_RECOVERED} event: an administrator
 * gave a person who forgot their password new keys. The same payload goes on both chains of the
 * event, the person's and the administrator's; it is RFC 8785 canonical JSON and holds no plaintext:
 * <pre>
 * {"agreementKey":"hex","authorization":{"key":"…","signature":"hex"},"by":"staff/…",
 *  "chain":"patient/…","format":"clinicledger/key-recovery/v1","reason":"hex","sealedKeys":"hex",
 *  "signingKey":"hex"}
 * </pre>
 * {@code chain} is the person whose keys were replaced, {@code by} the administrator who signed;
 * {@code signingKey} and {@code agreementKey} the person's new Ed25519 and X25519 public keys;
 * {@code sealedKeys} the commitment to the new password seal ({@link SealCommitment}); {@code reason}
 * the reason, sealed with the clinic's directory key (so staff can read it and nobody else), whose
 * size the block's limits bound; {@code authorization} the administrator's {@link KeyAuthorization}
 * of the new signing key for the person's chain, made as for a registration.
 *
 * <p>The block on the person's chain names the new signing key as its subject key too, as a
 * registration and a key rotation do; from it on, that key signs the person's chain and the one
 * before it is retired. When the person is a patient, their block alone also carries
 * {@link OwnDetails#FIELD}: their details sealed for the new key, since the old copy opens only
 * with the keys they lost. The two blocks are compared without it ({@link #shared}).
 */
public final class KeyRecoveries {

    /** The format of the payload; a later, incompatible one gets a new name. */
    public static final String FORMAT = "clinicledger/key-recovery/v1";

    /** The longest sealed reason a payload carries, in bytes: far above what a reason of the limit seals to. */
    static final int MAX_SEALED_REASON = 8 * 1024;

    private KeyRecoveries() {
    }

    /**
     * What a key-recovered payload says.
     *
     * @param sealedReason the reason as sealed with the directory key
     * @param authorization empty when the payload carries none, or none of the right shape
     * @param own a patient's details sealed for the new key ({@link OwnDetails}), on the patient's
     *     block only; null otherwise
     */
    public record Recovery(ChainId chain, ChainId by, byte[] signingKey, byte[] agreementKey, String sealedKeys,
            byte[] sealedReason, Optional<KeyAuthorization> authorization, byte[] own) {
    }

    /**
     * The payload of a recovery of {@code chain}'s keys by {@code administrator}, who vouches for
     * {@code signingKey} with {@code authorizer} (their own signing key).
     */
    public static byte[] payload(ChainId chain, ChainId administrator, SigningKey authorizer, byte[] signingKey,
            byte[] agreementKey, String sealCommitment, byte[] sealedReason) {
        if (chain.equals(administrator) || administrator.party() != PartyKind.STAFF) {
            throw new IllegalArgumentException("A key recovery is made by another person's administrator");
        }
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put(RegistrationFields.AGREEMENT_KEY, Hex.encode(agreementKey));
        payload.put("by", administrator.value());
        payload.put("chain", chain.value());
        payload.put(RegistrationFields.FORMAT, FORMAT);
        payload.put("reason", Hex.encode(sealedReason));
        payload.put(RegistrationFields.SEALED_KEYS, sealCommitment);
        payload.put("signingKey", Hex.encode(signingKey));
        KeyAuthorization.sign(authorizer, chain, signingKey).addTo(payload);
        return CanonicalJson.encode(payload);
    }

    /** The payload for a recovered patient's own chain: {@code payload} with their details sealed for the new key. */
    public static byte[] withOwnDetails(byte[] payload, byte[] own) {
        ObjectNode node = (ObjectNode) CanonicalPayload.read(payload);
        OwnDetails.put(node, own);
        return CanonicalJson.encode(node);
    }

    /**
     * What both blocks of one recovery must say alike: the payload without the patient's own copy,
     * which the patient's block alone carries; a payload that does not read as one, as it is.
     */
    static byte[] shared(byte[] payload) {
        if (readable(payload).map(Recovery::own).isEmpty()) {
            return payload;
        }
        ObjectNode without = (ObjectNode) CanonicalPayload.read(payload);
        without.remove(OwnDetails.FIELD);
        return CanonicalJson.encode(without);
    }

    /** What a key-recovered payload says, if it reads as one. */
    static Optional<Recovery> readable(byte[] payload) {
        try {
            return Optional.of(read(payload));
        } catch (IllegalArgumentException | NullPointerException unreadable) {
            return Optional.empty();
        }
    }

    /**
     * Reads a key-recovered payload, strictly: canonical form, every field present and of its shape.
     *
     * @throws IllegalArgumentException saying what is wrong with a payload that is not one
     */
    public static Recovery read(byte[] payload) {
        JsonNode node = CanonicalPayload.read(payload);
        if (!FORMAT.equals(node.path(RegistrationFields.FORMAT).asText(null))) {
            throw new IllegalArgumentException("its payload is not in the format " + FORMAT);
        }
        ChainId chain = chain(node, "chain");
        ChainId by = chain(node, "by");
        if (by.party() != PartyKind.STAFF) {
            throw new IllegalArgumentException("its by is not a member of staff's chain");
        }
        if (chain.party() == PartyKind.NODE || chain.party() == PartyKind.CLINIC) {
            throw new IllegalArgumentException("its chain is not a person's");
        }
        byte[] signingKey = hex(node, "signingKey", Ed25519.PUBLIC_KEY_LENGTH);
        byte[] agreementKey = hex(node, RegistrationFields.AGREEMENT_KEY, 32);
        String sealedKeys = text(node, RegistrationFields.SEALED_KEYS);
        if (!sealedKeys.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("its sealedKeys is not a commitment to a password seal");
        }
        byte[] reason = hex(node, "reason", -1);
        if (reason.length == 0 || reason.length > MAX_SEALED_REASON) {
            throw new IllegalArgumentException("its reason is not a sealed reason");
        }
        // Whether the new key is vouched for, and by whom, is KeyTrust's to judge.
        Optional<KeyAuthorization> authorization = KeyAuthorization.read(node);
        byte[] own = OwnDetails.read(node).orElse(null);
        if (node.size() != 7 + (node.has(RegistrationFields.AUTHORIZATION) ? 1 : 0) + (own == null ? 0 : 1)) {
            throw new IllegalArgumentException("its payload has members a key recovery does not have");
        }
        return new Recovery(chain, by, signingKey, agreementKey, sealedKeys, reason, authorization, own);
    }

    /** The chain a key-recovered payload names as recovered, if the payload reads as one. */
    static Optional<String> recoveredChain(byte[] payload) {
        return readable(payload).map(recovery -> recovery.chain().value());
    }

    private static byte[] hex(JsonNode node, String field, int length) {
        String value = text(node, field);
        byte[] bytes;
        try {
            bytes = Hex.decode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("its " + field + " is not hex");
        }
        if (length >= 0 && bytes.length != length) {
            throw new IllegalArgumentException("its " + field + " is not " + length + " bytes");
        }
        return bytes;
    }
}
