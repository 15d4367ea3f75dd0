package org.clinicledger.ledger;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.crypto.CanonicalJson;
import org.clinicledger.crypto.Ed25519;
import org.clinicledger.crypto.Hex;
import org.clinicledger.domain.ChainId;

/**
 * One key vouching for another: the signature, by an already authorized key, over the chain id and
 * the public key a registration names. It travels in the registration's payload (field
 * {@link RegistrationFields#AUTHORIZATION}), so the block's hash and the registered key's own
 * signature cover it too. Following these from any registration back to the clinic key is what
 * lets a verifier without any password tell the clinic's keys from keys someone made up; which
 * authorizer may vouch for which chain is {@link BlockAuthority}'s table.
 *
 * @param keyId the authorizing key's id
 * @param signature its Ed25519 signature over {@link #signedBytes(String, byte[])}
 */
public record KeyAuthorization(String keyId, byte[] signature) {

    static final String DOMAIN = "clinicledger/key-authorization/v1";
    private static final String KEY = "key";
    private static final String SIGNATURE = "signature";

    /** {@code authorizer}'s authorization of {@code subjectKey} as the key of {@code chain}. */
    public static KeyAuthorization sign(SigningKey authorizer, ChainId chain, byte[] subjectKey) {
        return new KeyAuthorization(authorizer.keyId(), authorizer.sign(signedBytes(chain.value(), subjectKey)));
    }

    /** Whether this authorization was made by {@code authorizerPublicKey} for exactly this chain and key. */
    boolean verifies(byte[] authorizerPublicKey, String chain, byte[] subjectKey) {
        return Ed25519.verify(authorizerPublicKey, signedBytes(chain, subjectKey), signature);
    }

    /** The authorization in a registration's payload, if it carries one of the right shape. */
    static Optional<KeyAuthorization> read(JsonNode payload) {
        JsonNode node = payload == null ? null : payload.get(RegistrationFields.AUTHORIZATION);
        if (node == null || !node.isObject() || node.size() != 2 || !node.path(KEY).isTextual()
                || !node.path(SIGNATURE).isTextual()) {
            return Optional.empty();
        }
        try {
            byte[] signature = Hex.decode(node.get(SIGNATURE).textValue());
            return signature.length == Ed25519.SIGNATURE_LENGTH
                    ? Optional.of(new KeyAuthorization(node.get(KEY).textValue(), signature)) : Optional.empty();
        } catch (IllegalArgumentException notHex) {
            return Optional.empty();
        }
    }

    /** Adds this authorization to a registration payload under construction. */
    public ObjectNode addTo(ObjectNode payload) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put(KEY, keyId);
        node.put(SIGNATURE, Hex.encode(signature));
        payload.set(RegistrationFields.AUTHORIZATION, node);
        return payload;
    }

    private static byte[] signedBytes(String chain, byte[] subjectKey) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        fields.put("chain", chain);
        fields.put("subjectKey", Hex.encode(subjectKey));
        return CanonicalJson.encode(DOMAIN, fields);
    }
}
