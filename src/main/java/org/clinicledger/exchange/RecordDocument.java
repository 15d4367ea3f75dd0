package org.clinicledger.exchange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.crypto.CanonicalJson;
import org.clinicledger.crypto.Hex;
import org.clinicledger.crypto.Sha256;
import org.clinicledger.domain.AttachmentSummary;
import org.clinicledger.domain.Icd10Code;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.RecordVersion;

/**
 * The one canonical document of a record version: RFC 8785 canonical JSON of its content,
 * metadata, attachment hashes and salt. Its SHA-256 is the record hash that blocks commit to and
 * receipts print, and the patient's copy is exactly these bytes, so {@code sha256sum} of the copy
 * equals the printed hash. Reading a document (a patient's copy, a decrypted record) checks every
 * field and refuses anything else, within fixed limits.
 */
public final class RecordDocument {

    private static final StrictJson STRICT = new StrictJson("ClinicLedger record document");

    public static final String FORMAT = "clinicledger/record/v2";
    /** Records written before the copy said what it is: the same fields but {@code about}. */
    public static final String FORMAT_V1 = "clinicledger/record/v1";
    /**
     * The first field of every document written since {@link #FORMAT} v2 (canonical JSON sorts
     * "about" first), so that whoever opens a patient's copy reads what it is and how to check it.
     */
    public static final String ABOUT = "This file is a patient's copy of one version of a health record kept by "
            + "ClinicLedger. Its SHA-256 (sha256sum FILE, or shasum -a 256 FILE, or certutil -hashfile FILE SHA256) "
            + "is the record hash printed on the receipt; if the two differ, this is not the record the receipt "
            + "names. 'clinicledger verify-proof PROOF --copy FILE' checks the rest.";
    /** Larger than any real record's text; attachments are separate files. */
    public static final int MAX_BYTES = 1 << 20;
    public static final int MAX_TEXT_CHARACTERS = 100_000;
    public static final int MAX_ATTACHMENTS = 100;
    private static final Set<String> FIELDS_V1 = Set.of("format", "record", "version", "patient", "author",
            "createdAt", "supersedes", "icd10", "diagnosis", "notes", "attachments", "salt");
    private static final Set<String> FIELDS = Set.copyOf(concat(FIELDS_V1, "about"));
    private static final Set<String> ATTACHMENT_FIELDS = Set.of("name", "mediaType", "size", "sha256");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(8).maxStringLength(MAX_BYTES).maxNumberLength(20).build());
    }

    private RecordDocument() {
    }

    /** The canonical bytes of {@code record}, in the current format. */
    public static byte[] encode(RecordVersion record) {
        return encode(record, FORMAT);
    }

    private static byte[] encode(RecordVersion record, String format) {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        if (FORMAT.equals(format)) {
            document.put("about", ABOUT);
        }
        document.put("format", format);
        document.put("record", record.recordId());
        document.put("version", record.version());
        document.put("patient", record.patient());
        document.put("author", record.author());
        document.put("createdAt", record.createdAt().toEpochMilli());
        document.put("supersedes", record.supersedes());
        if (record.icd10() == null) {
            document.putNull("icd10");
        } else {
            document.put("icd10", record.icd10().value());
        }
        document.put("diagnosis", record.diagnosis());
        document.put("notes", record.notes());
        ArrayNode attachments = document.putArray("attachments");
        for (AttachmentSummary attachment : record.attachments()) {
            ObjectNode item = attachments.addObject();
            item.put("name", attachment.name());
            item.put("mediaType", attachment.mediaType());
            item.put("size", attachment.size());
            item.put("sha256", attachment.sha256());
        }
        document.put("salt", record.salt());
        return CanonicalJson.encode(document);
    }

    /** The record hash: SHA-256 of the canonical document, in lower-case hex. */
    public static String hash(byte[] document) {
        return Hex.encode(Sha256.digest(document));
    }

    /**
     * Reads a document, refusing anything that is not exactly a canonical record document: wrong
     * format, unknown or missing fields, wrong types, over the limits, or bytes that are not the
     * canonical encoding of what they say (so that two different files can never carry one record).
     */
    public static RecordVersion decode(byte[] bytes) {
        JsonNode root = STRICT.readObject(JSON, bytes, MAX_BYTES);
        String format = root.path("format").isTextual() ? root.get("format").textValue() : "";
        if (FORMAT.equals(format)) {
            STRICT.requireExactly(root, FIELDS);
            if (!ABOUT.equals(STRICT.text(root, "about", ABOUT.length()))) {
                throw STRICT.refused("its 'about' is not the one ClinicLedger writes");
            }
        } else if (FORMAT_V1.equals(format)) {
            STRICT.requireExactly(root, FIELDS_V1);
        } else {
            throw STRICT.refused("its format is not " + FORMAT + " or " + FORMAT_V1);
        }
        List<AttachmentSummary> attachments = new ArrayList<>();
        JsonNode list = root.get("attachments");
        if (!list.isArray() || list.size() > MAX_ATTACHMENTS) {
            throw STRICT.refused("its attachments are not a list of at most " + MAX_ATTACHMENTS);
        }
        for (JsonNode item : list) {
            if (!item.isObject()) {
                throw STRICT.refused("an attachment is not an object");
            }
            STRICT.requireExactly(item, ATTACHMENT_FIELDS);
            String sha256 = STRICT.text(item, "sha256", 64);
            if (!sha256.matches("[0-9a-f]{64}")) {
                throw STRICT.refused("an attachment's sha256 is not 64 lower-case hex digits");
            }
            attachments.add(new AttachmentSummary(STRICT.text(item, "name", 255), STRICT.text(item, "mediaType", 127),
                    STRICT.integer(item, "size", Long.MAX_VALUE), sha256));
        }
        JsonNode icd10 = root.get("icd10");
        RecordVersion record;
        try {
            record = new RecordVersion(STRICT.text(root, "record", 64), (int) STRICT.integer(root, "version", Integer.MAX_VALUE),
                    STRICT.text(root, "patient", 64), STRICT.text(root, "author", 64),
                    Instant.ofEpochMilli(STRICT.integer(root, "createdAt", 253_402_300_799_999L)),
                    (int) STRICT.integer(root, "supersedes", Integer.MAX_VALUE),
                    icd10.isNull() ? null : new Icd10Code(STRICT.text(root, "icd10", 12)),
                    STRICT.text(root, "diagnosis", MAX_TEXT_CHARACTERS), STRICT.text(root, "notes", MAX_TEXT_CHARACTERS),
                    attachments, STRICT.text(root, "salt", 64));
        } catch (IllegalArgumentException | InvalidInputException e) {
            throw STRICT.refused(e.getMessage());
        }
        if (!Arrays.equals(encode(record, format), bytes)) {
            throw STRICT.refused("its bytes are not in canonical form");
        }
        return record;
    }

    private static Set<String> concat(Set<String> fields, String more) {
        Set<String> all = new HashSet<>(fields);
        all.add(more);
        return all;
    }
}
