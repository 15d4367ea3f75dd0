package org.clinicledger.ledger;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.crypto.CanonicalJson;
import org.clinicledger.crypto.Ed25519;
import org.clinicledger.crypto.Hex;

/**
 * Each machine's witness key: the key it cosigns checkpoints with, its own and never its node key
 * (a C2SP cosigner key serves one cosigner name, and the node key already signs checkpoints as
 * their log). It is derived from the node key's seed under a label of its own, so {@code node.key}
 * stays the one secret file, and the node key vouches for it by signing the witness public key
 * under {@value #AUTHORIZATION_DOMAIN}; the clinic key in turn authorized the node key. A witness key
 * is therefore trusted exactly as far as the machine is. See {@code docs/decisions/0024}.
 */
final class WitnessKey {

    /** The HKDF label the witness key is derived under. */
    static final String DERIVATION_LABEL = "clinicledger/witness-key/v1";
    static final String AUTHORIZATION_DOMAIN = "clinicledger/witness-authorization/v1";

    private WitnessKey() {
    }

    /** The witness key of the machine whose node key is {@code node}; the caller destroys it. */
    static SigningKey of(SigningKey node) {
        return node.derive(DERIVATION_LABEL);
    }

    /** The node key's authorization of {@code witness} as its machine's witness key. */
    static byte[] authorize(SigningKey node, SigningKey witness) {
        return node.sign(signedBytes(node.keyId(), witness.publicKey()));
    }

    /** Whether {@code authorization} is the node key's over {@code witnessPublicKey}. */
    static boolean authorizes(byte[] nodePublicKey, byte[] witnessPublicKey, byte[] authorization) {
        return Ed25519.verify(nodePublicKey, signedBytes(BlockCodec.keyId(nodePublicKey), witnessPublicKey),
                authorization);
    }

    private static byte[] signedBytes(String nodeKeyId, byte[] witnessPublicKey) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        fields.put("node", nodeKeyId);
        fields.put("witnessKey", Hex.encode(witnessPublicKey));
        return CanonicalJson.encode(AUTHORIZATION_DOMAIN, fields);
    }
}
