package org.clinicledger.ledger;

import java.io.IOException;
import java.util.Arrays;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.clinicledger.crypto.CanonicalJson;

/**
 * Reads a block payload that must be one JSON object in exactly its canonical form: one event has
 * one encoding, so the signed bytes are exactly the canonical form of what they say. The payload
 * readers that hold to this (access events, key recoveries) share it.
 */
final class CanonicalPayload {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private CanonicalPayload() {
    }

    /**
     * The payload's JSON object.
     *
     * @throws IllegalArgumentException when it is not JSON, not an object, or not canonical
     */
    static JsonNode read(byte[] payload) {
        JsonNode node;
        try {
            node = JSON.readTree(payload);
        } catch (IOException e) {
            throw new IllegalArgumentException("its payload is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("its payload is not a JSON object");
        }
        if (!Arrays.equals(CanonicalJson.encode(node), payload)) {
            throw new IllegalArgumentException("its payload is not in canonical form");
        }
        return node;
    }
}
