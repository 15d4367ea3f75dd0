package org.clinicledger.ledger;

import com.fasterxml.jackson.databind.JsonNode;

import org.clinicledger.domain.ChainId;

/**
 * Reading the members of a block's JSON payload strictly: a member that is missing, of the wrong
 * type or not of its form is an {@link IllegalArgumentException} worded for a verification problem
 * ("its payload has no by", "its account is not a chain id").
 */
final class PayloadFields {

    private PayloadFields() {
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("its payload has no " + field);
        }
        return value.textValue();
    }

    static ChainId chain(JsonNode node, String field) {
        String value = text(node, field);
        try {
            return ChainId.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("its " + field + " is not a chain id");
        }
    }

    /** A SHA-256 hash in lower-case hex. */
    static String hash(JsonNode node, String field) {
        String value = text(node, field);
        if (!value.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("its " + field + " is not a SHA-256 hash");
        }
        return value;
    }
}
