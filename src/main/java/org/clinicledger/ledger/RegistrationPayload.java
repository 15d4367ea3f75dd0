package org.clinicledger.ledger;

import java.io.IOException;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads a registration's payload, a JSON object, within limits: what a payload that is not one reads as is empty. */
final class RegistrationPayload {

    /** Far above any registration ClinicLedger writes (a few hundred bytes). */
    static final int MAX_BYTES = 16 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistrationPayload() {
    }

    static Optional<JsonNode> parse(byte[] payload) {
        if (payload == null || payload.length > MAX_BYTES) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(payload);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IOException | RuntimeException notJson) {
            return Optional.empty();
        }
    }
}
