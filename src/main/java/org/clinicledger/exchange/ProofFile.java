package org.clinicledger.exchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.crypto.Hex;
import org.clinicledger.crypto.SignedNote;
import org.clinicledger.domain.ClinicFingerprint;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.ledger.ChainProofs;

/**
 * Writes and reads proof files: one UTF-8 JSON object, format {@code clinicledger-proof/1}, laid
 * out in {@code docs/formats/proof.md}. Reading refuses anything but exactly that shape, within
 * fixed limits on size, depth and counts, with one plain sentence.
 */
public final class ProofFile {

    private static final StrictJson STRICT = new StrictJson("ClinicLedger proof file");

    public static final String FORMAT = "clinicledger-proof/1";
    /** Far above any real proof (a few KiB): a block is at most 160 KiB, written in base64. */
    public static final int MAX_BYTES = 256 * 1024;
    /** An inclusion path has one hash per level of the tree: 64 covers any chain. */
    public static final int MAX_PATH = 64;
    static final String ABOUT = "A proof that one version of a health record was in its patient's chain in a "
            + "ClinicLedger clinic, at a checkpoint the clinic's machine signed. Check it with "
            + "'clinicledger verify-proof FILE --copy COPY --clinic FINGERPRINT' or any C2SP signed-note and "
            + "RFC 9162 verifier; docs/formats/proof.md says how.";
    private static final Set<String> FIELDS = Set.of("format", "about", "checkpoint", "verifierKeys", "clinicKey",
            "clinicPublicKey", "nodeKey", "leafIndex", "blockHash", "blockBytes", "inclusionProof", "recordHash",
            "recordId", "version", "patientMrn", "recordedAt");
    private static final Set<String> NODE_FIELDS = Set.of("chain", "publicKey", "authorization");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(4)
                .maxStringLength(MAX_BYTES).maxNumberLength(20).build());
    }

    private ProofFile() {
    }

    /** The file's bytes: indented JSON, fields in the documented order, ending with a newline. */
    public static byte[] encode(RecordProof proof) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("format", FORMAT);
        root.put("about", ABOUT);
        root.put("checkpoint", proof.checkpoint());
        ArrayNode keys = root.putArray("verifierKeys");
        proof.verifierKeys().forEach(keys::add);
        root.put("clinicKey", proof.clinic().value());
        root.put("clinicPublicKey", base64(proof.clinicPublicKey()));
        ObjectNode node = root.putObject("nodeKey");
        node.put("chain", proof.nodeChain());
        node.put("publicKey", base64(proof.nodePublicKey()));
        node.put("authorization", base64(proof.nodeAuthorization()));
        root.put("leafIndex", proof.leafIndex());
        root.put("blockHash", Hex.encode(proof.blockHash()));
        root.put("blockBytes", base64(proof.blockBytes()));
        ArrayNode path = root.putArray("inclusionProof");
        proof.inclusionProof().forEach(hash -> path.add(Hex.encode(hash)));
        root.put("recordHash", proof.recordHash());
        root.put("recordId", proof.recordId());
        root.put("version", proof.version());
        root.put("patientMrn", proof.patientMrn());
        root.put("recordedAt", proof.recordedAt().toString());
        try {
            return (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("A proof could not be written as JSON", e);
        }
    }

    /**
     * Reads a proof file, checking its shape only (what it proves is {@link ProofCheck}'s).
     *
     * @throws InvalidInputException naming the first thing that is not as the format says
     */
    public static RecordProof decode(byte[] bytes) {
        JsonNode root = STRICT.readObject(JSON, bytes, MAX_BYTES);
        if (!FORMAT.equals(root.path("format").asText(null))) {
            throw STRICT.refused("its format is not " + FORMAT);
        }
        STRICT.requireExactly(root, FIELDS);
        JsonNode node = root.get("nodeKey");
        if (!node.isObject()) {
            throw STRICT.refused("'nodeKey' is not an object");
        }
        STRICT.requireExactly(node, NODE_FIELDS);
        List<String> keys = new ArrayList<>();
        for (JsonNode key : array(root, "verifierKeys", SignedNote.MAX_SIGNATURES)) {
            if (!key.isTextual() || key.textValue().length() > 1024) {
                throw STRICT.refused("a verifier key is not text");
            }
            keys.add(key.textValue());
        }
        List<byte[]> path = new ArrayList<>();
        for (JsonNode hash : array(root, "inclusionProof", MAX_PATH)) {
            path.add(hash(hash.isTextual() ? hash.textValue() : "", "an inclusion proof hash"));
        }
        ClinicFingerprint clinic;
        try {
            clinic = new ClinicFingerprint(STRICT.text(root, "clinicKey", 64));
        } catch (IllegalArgumentException e) {
            throw STRICT.refused("'clinicKey' is not a clinic fingerprint");
        }
        Instant recordedAt;
        try {
            recordedAt = Instant.parse(STRICT.text(root, "recordedAt", 40));
        } catch (DateTimeParseException e) {
            throw STRICT.refused("'recordedAt' is not a date and time");
        }
        String recordHash = STRICT.text(root, "recordHash", 64);
        hash(recordHash, "'recordHash'");
        return new RecordProof(STRICT.text(root, "checkpoint", SignedNote.MAX_BYTES), keys, clinic,
                base64(root, "clinicPublicKey", 64), STRICT.text(node, "chain", 128), base64(node, "publicKey", 64),
                base64(node, "authorization", 128), STRICT.integer(root, "leafIndex", Long.MAX_VALUE),
                hash(STRICT.text(root, "blockHash", 64), "'blockHash'"),
                base64(root, "blockBytes", ChainProofs.MAX_HASHED_BLOCK), path, recordHash,
                STRICT.text(root, "recordId", 64), (int) STRICT.integer(root, "version", Integer.MAX_VALUE),
                STRICT.text(root, "patientMrn", 32), recordedAt);
    }

    private static JsonNode array(JsonNode root, String field, int max) {
        JsonNode value = root.get(field);
        if (!value.isArray() || value.size() > max) {
            throw STRICT.refused("'" + field + "' is not a list of at most " + max);
        }
        return value;
    }

    private static byte[] hash(String hex, String what) {
        if (!hex.matches("[0-9a-f]{64}")) {
            throw STRICT.refused(what + " is not 64 lower-case hex digits");
        }
        return Hex.decode(hex);
    }

    private static byte[] base64(JsonNode object, String field, int maxBytes) {
        String text = STRICT.text(object, field, maxBytes / 3 * 4 + 4);
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw STRICT.refused("'" + field + "' is not base64");
        }
        if (!Base64.getEncoder().encodeToString(bytes).equals(text)) {
            throw STRICT.refused("'" + field + "' is not canonical base64");
        }
        return bytes;
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
