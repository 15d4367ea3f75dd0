package org.clinicledger.ledger;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.crypto.CanonicalJson;

/**
 * The payloads of the blocks about records: added, amended, deleted and viewed. They carry ids,
 * version numbers, the record hash, vault addresses and hashes; never any content.
 */
public final class RecordEvents {

    public static final String FORMAT = "clinicledger/record-event/v1";
    public static final String DELETE_FORMAT = "clinicledger/record-deleted/v1";
    public static final String VIEW_FORMAT = "clinicledger/record-viewed/v1";

    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordEvents() {
    }

    /** What a record-added or record-amended block says about the version it records. */
    public record Written(String recordId, int version, String recordHash, String document, List<String> attachments,
            int supersedes) {
        public Written {
            attachments = List.copyOf(attachments);
        }
    }

    /** The payload of a record-added or record-amended block. */
    public static byte[] written(Written written) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("format", FORMAT);
        root.put("record", written.recordId());
        root.put("version", written.version());
        root.put("recordHash", written.recordHash());
        root.put("document", written.document());
        ArrayNode attachments = root.putArray("attachments");
        written.attachments().forEach(attachments::add);
        root.put("supersedes", written.supersedes());
        return CanonicalJson.encode(root);
    }

    /** The payload of a record-deleted tombstone: the record, its versions, and the SHA-256 of the sealed reason. */
    public static byte[] deleted(String recordId, List<Integer> versions, String sealedReasonHash) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("format", DELETE_FORMAT);
        root.put("record", recordId);
        ArrayNode list = root.putArray("versions");
        versions.forEach(list::add);
        root.put("reason", sealedReasonHash);
        return CanonicalJson.encode(root);
    }

    /** The payload of a record-viewed block; {@code attachment} is the index read, or null for the record itself. */
    public static byte[] viewed(String recordId, int version, Integer attachment) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("format", VIEW_FORMAT);
        root.put("record", recordId);
        root.put("version", version);
        if (attachment != null) {
            root.put("attachment", attachment);
        }
        return CanonicalJson.encode(root);
    }

    /**
     * Reads a record-added or record-amended payload.
     *
     * @throws IllegalArgumentException when it is not one
     */
    public static Written readWritten(byte[] payload) {
        JsonNode root = parse(payload);
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException("the payload is not a " + FORMAT + " event");
        }
        List<String> attachments = new ArrayList<>();
        JsonNode list = root.path("attachments");
        if (!list.isArray()) {
            throw new IllegalArgumentException("the payload lists no attachments");
        }
        list.forEach(item -> attachments.add(item.asText()));
        return new Written(requireText(root, "record"), root.path("version").asInt(), requireText(root, "recordHash"),
                requireText(root, "document"), attachments, root.path("supersedes").asInt());
    }

    /** What a tombstone says: the record, and the SHA-256 (hex) of the sealed reason. */
    public record Deleted(String recordId, String reasonHash) {
    }

    /**
     * Reads a record-deleted tombstone's payload.
     *
     * @throws IllegalArgumentException when the payload is not a tombstone
     */
    public static Deleted readDeleted(byte[] payload) {
        JsonNode root = parse(payload);
        if (!DELETE_FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException("the payload is not a " + DELETE_FORMAT + " event");
        }
        return new Deleted(requireText(root, "record"), requireText(root, "reason"));
    }

    private static JsonNode parse(byte[] payload) {
        try {
            JsonNode root = JSON.readTree(payload);
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("the payload is not a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw new IllegalArgumentException("the payload is not JSON", e);
        }
    }

    private static String requireText(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("the payload has no '" + field + "'");
        }
        return value.textValue();
    }

    /** What a record-viewed block says was read: a version, and the attachment's index or null for the record itself. */
    public record Viewed(String recordId, int version, Integer attachment) {
    }

    /**
     * Reads a record-viewed payload.
     *
     * @throws IllegalArgumentException when it is not one
     */
    public static Viewed readViewed(byte[] payload) {
        JsonNode root = parse(payload);
        if (!VIEW_FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException("the payload is not a " + VIEW_FORMAT + " event");
        }
        JsonNode attachment = root.get("attachment");
        return new Viewed(requireText(root, "record"), root.path("version").asInt(),
                attachment == null || !attachment.isInt() ? null : attachment.intValue());
    }
}
