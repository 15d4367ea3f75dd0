package org.clinicledger.ledger;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.crypto.Hex;
import org.clinicledger.crypto.MerkleTree;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.ClinicFingerprint;
import org.clinicledger.domain.SignedHead;

/**
 * What one machine remembers of one clinic: the newest signed head it has seen of every chain, and
 * the rollbacks an administrator accepted ({@link RollbackAcceptance}). Immutable; read from and
 * written to a JSON file outside the data folder, which this class parses strictly (a known format,
 * known fields, bounded size and depth, no duplicate names, no type information) and refuses with a
 * plain sentence when it is anything else: a damaged memory must never pass for an empty one.
 */
public final class HeadMemory {

    public static final String FORMAT = "clinicledger/rollback-memory/v1";
    /** Larger than any clinic's memory (about 600 bytes a chain): a file beyond it is not one. */
    public static final int MAX_BYTES = 64 * 1024 * 1024;
    /** Acceptances kept; the oldest go first. */
    public static final int MAX_ACCEPTANCES = 100;

    private static final Set<String> FIELDS = Set.of("format", "clinic", "chains", "acceptances");
    private static final Set<String> HEAD_FIELDS = Set.of("chain", "size", "root", "signedAt", "nodeKey", "signature",
            "previousHead", "seenAt");
    private static final Set<String> ACCEPTANCE_FIELDS = Set.of("statement", "signature");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(8).maxStringLength(MAX_BYTES).maxNumberLength(20).build());
    }

    /** A head as this machine saw it, and when. */
    public record Seen(SignedHead head, Instant seenAt) {
    }

    private final ClinicFingerprint clinic;
    private final Map<String, Seen> chains;
    private final List<RollbackAcceptance> acceptances;

    private HeadMemory(ClinicFingerprint clinic, Map<String, Seen> chains, List<RollbackAcceptance> acceptances) {
        this.clinic = clinic;
        this.chains = Collections.unmodifiableMap(new TreeMap<>(chains));
        this.acceptances = List.copyOf(acceptances);
    }

    /** Nothing seen yet of {@code clinic}. */
    public static HeadMemory empty(ClinicFingerprint clinic) {
        return new HeadMemory(clinic, Map.of(), List.of());
    }

    public ClinicFingerprint clinic() {
        return clinic;
    }

    /** The newest head seen of each chain, by chain id. */
    public Map<String, Seen> chains() {
        return chains;
    }

    public List<RollbackAcceptance> acceptances() {
        return acceptances;
    }

    /**
     * This memory with {@code seen} added: a chain's head is replaced only by one at least as large,
     * so that a process that saw less (another command, racing) never makes the memory forget.
     */
    public HeadMemory remembering(Map<String, Seen> seen) {
        Map<String, Seen> merged = new TreeMap<>(chains);
        seen.forEach((chain, head) -> merged.merge(chain, head,
                (old, candidate) -> candidate.head().size() >= old.head().size() ? candidate : old));
        return new HeadMemory(clinic, merged, acceptances);
    }

    /** The memory after an accepted rollback: exactly {@code seen}, and the acceptance kept with the earlier ones. */
    public HeadMemory accepting(Map<String, Seen> seen, RollbackAcceptance acceptance) {
        List<RollbackAcceptance> kept = new ArrayList<>(acceptances);
        kept.add(acceptance);
        while (kept.size() > MAX_ACCEPTANCES) {
            kept.remove(0);
        }
        return new HeadMemory(clinic, seen, kept);
    }

    /** The file's bytes. */
    public byte[] encode() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("format", FORMAT);
        root.put("clinic", clinic.value());
        ArrayNode list = root.putArray("chains");
        for (Seen seen : chains.values()) {
            SignedHead head = seen.head();
            ObjectNode item = list.addObject();
            item.put("chain", head.chain().value());
            item.put("size", head.size());
            item.put("root", Hex.encode(head.root()));
            item.put("signedAt", head.signedAt().toEpochMilli());
            item.put("nodeKey", head.nodeKeyId());
            item.put("signature", Hex.encode(head.signature()));
            if (head.previousHead() == null) {
                item.putNull("previousHead");
            } else {
                item.put("previousHead", Hex.encode(head.previousHead()));
            }
            item.put("seenAt", seen.seenAt().toEpochMilli());
        }
        ArrayNode accepted = root.putArray("acceptances");
        for (RollbackAcceptance acceptance : acceptances) {
            accepted.addObject().<ObjectNode>set("statement", acceptance.statement().deepCopy())
                    .put("signature", Hex.encode(acceptance.signature()));
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("Could not write the memory of the chains", e);
        }
    }

    /**
     * Reads a memory file's bytes.
     *
     * @throws IllegalArgumentException with a plain reason when they are not a memory this version wrote
     */
    public static HeadMemory parse(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("it is larger than " + MAX_BYTES / (1024 * 1024) + " MB");
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("it is not readable JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("it is not a JSON object");
        }
        onlyFields(root, FIELDS, "the file");
        if (!FORMAT.equals(text(root, "format"))) {
            throw new IllegalArgumentException("it is not in the format " + FORMAT);
        }
        ClinicFingerprint clinic;
        try {
            clinic = new ClinicFingerprint(text(root, "clinic"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("it names no valid clinic fingerprint");
        }
        Map<String, Seen> chains = new TreeMap<>();
        for (JsonNode item : array(root, "chains")) {
            Seen seen = head(item);
            if (chains.put(seen.head().chain().value(), seen) != null) {
                throw new IllegalArgumentException("it names the chain " + seen.head().chain() + " twice");
            }
        }
        List<RollbackAcceptance> acceptances = new ArrayList<>();
        for (JsonNode item : array(root, "acceptances")) {
            onlyFields(item, ACCEPTANCE_FIELDS, "an acceptance");
            JsonNode statement = item.get("statement");
            if (statement == null || !statement.isObject()) {
                throw new IllegalArgumentException("an acceptance has no statement");
            }
            acceptances.add(new RollbackAcceptance((ObjectNode) statement, hex(item, "signature", 64)));
        }
        if (acceptances.size() > MAX_ACCEPTANCES) {
            throw new IllegalArgumentException("it holds more than " + MAX_ACCEPTANCES + " acceptances");
        }
        return new HeadMemory(clinic, chains, acceptances);
    }

    private static Seen head(JsonNode item) {
        onlyFields(item, HEAD_FIELDS, "a chain's entry");
        ChainId chain;
        try {
            chain = ChainId.parse(text(item, "chain"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a chain's entry names no valid chain");
        }
        long size = number(item, "size");
        if (size < 1) {
            throw new IllegalArgumentException("the entry of " + chain + " has no valid size");
        }
        JsonNode previous = item.get("previousHead");
        byte[] previousHead = previous == null || previous.isNull() ? null
                : hex(item, "previousHead", MerkleTree.HASH_LENGTH);
        SignedHead head = new SignedHead(chain, size, hex(item, "root", MerkleTree.HASH_LENGTH),
                Instant.ofEpochMilli(number(item, "signedAt")), text(item, "nodeKey"), hex(item, "signature", 64),
                previousHead, null);
        return new Seen(head, Instant.ofEpochMilli(number(item, "seenAt")));
    }

    private static void onlyFields(JsonNode node, Set<String> allowed, String what) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(what + " is not a JSON object");
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException(what + " has an unknown field");
            }
        });
    }

    private static Iterable<JsonNode> array(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw new IllegalArgumentException("it has no list of " + field);
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("a value '" + field + "' is missing or not text");
        }
        return value.textValue();
    }

    private static long number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw new IllegalArgumentException("a value '" + field + "' is missing or not a whole number");
        }
        return value.longValue();
    }

    private static byte[] hex(JsonNode node, String field, int length) {
        String text = text(node, field);
        try {
            byte[] bytes = Hex.decode(text);
            if (bytes.length == length) {
                return bytes;
            }
        } catch (IllegalArgumentException e) {
            // Reported below.
        }
        throw new IllegalArgumentException("a value '" + field + "' is not " + length + " bytes in hex");
    }
}
