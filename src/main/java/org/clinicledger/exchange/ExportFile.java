package org.clinicledger.exchange;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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

import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.Username;
import org.clinicledger.store.TableRows;

/**
 * The export file ({@code .clchain}, {@code docs/formats/export.md}): the line
 * {@code clinicledger-export/1}, then sections, each a type byte, a four-byte big-endian length and
 * that many bytes: one header (JSON), the rows of the tables that move (JSON, table by table in
 * {@link TableRows#ALL}'s order), the encrypted files (a JSON start naming the address and size,
 * then data sections), at most one machine grant (JSON), and a trailer: a C2SP signed note, by
 * the exporting machine's node key, over the counts and the SHA-256 of every byte before it.
 * Nothing may follow. Every length, count and nesting depth is bounded before it is read.
 */
public final class ExportFile {

    public static final String FORMAT = "clinicledger-export/1";
    public static final byte[] MAGIC = (FORMAT + "\n").getBytes(StandardCharsets.US_ASCII);
    public static final String EXTENSION = ".clchain";

    static final byte HEADER = 'H';
    static final byte ROW = 'R';
    static final byte FILE = 'F';
    static final byte DATA = 'D';
    static final byte MACHINE = 'M';
    static final byte TRAILER = 'T';

    static final int MAX_HEADER_BYTES = 16 * 1024;
    static final int MAX_ROW_BYTES = 1024 * 1024;
    static final int MAX_FILE_START_BYTES = 1024;
    static final int MAX_DATA_BYTES = 1024 * 1024;
    static final int MAX_MACHINE_BYTES = 4 * 1024;
    static final int MAX_TRAILER_BYTES = 8 * 1024;
    /** One encrypted file: far above any attachment the clinic accepts. */
    static final long MAX_FILE_BYTES = 16L * 1024 * 1024 * 1024;
    static final long MAX_ROWS = 100_000_000L;
    static final long MAX_FILES = 10_000_000L;

    static final StrictJson STRICT = new StrictJson("ClinicLedger export file");
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(3)
                .maxStringLength(MAX_ROW_BYTES).maxNumberLength(20).build());
    }

    private static final Set<String> HEADER_FIELDS = Set.of("format", "clinic", "node", "scope", "subject",
            "exportedBy", "createdAt");
    private static final Set<String> ROW_FIELDS = Set.of("t", "r");
    private static final Set<String> FILE_FIELDS = Set.of("address", "size");
    private static final Set<String> MACHINE_FIELDS = Set.of("chain", "for", "wrappedSeed");
    private static final List<String> SCOPES = List.of(ExportHeader.SCOPE_CLINIC, ExportHeader.SCOPE_DOCTOR,
            ExportHeader.SCOPE_PATIENT);

    private ExportFile() {
    }

    /** A file's name should end in {@link #EXTENSION}; this gives it one when it has none. */
    public static String withExtension(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).endsWith(EXTENSION) ? name : name + EXTENSION;
    }

    static InvalidInputException refused(String why) {
        return STRICT.refused(why);
    }

    static byte[] header(ExportHeader header) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("format", FORMAT);
        json.put("clinic", header.clinic());
        json.put("node", header.node());
        json.put("scope", header.scope());
        json.put("subject", header.subject());
        json.put("exportedBy", header.exportedBy());
        json.put("createdAt", header.createdAt().toString());
        return bytes(json);
    }

    static ExportHeader readHeader(byte[] bytes) {
        JsonNode json = STRICT.readObject(JSON, bytes, MAX_HEADER_BYTES);
        STRICT.requireExactly(json, HEADER_FIELDS);
        if (!FORMAT.equals(STRICT.text(json, "format", 40))) {
            throw refused("its header names another format");
        }
        String scope = STRICT.text(json, "scope", 10);
        if (!SCOPES.contains(scope)) {
            throw refused("its scope is not one of " + SCOPES);
        }
        Instant created;
        try {
            created = Instant.parse(STRICT.text(json, "createdAt", 40));
        } catch (DateTimeParseException e) {
            throw refused("'createdAt' is not a time");
        }
        return new ExportHeader(STRICT.text(json, "clinic", 64), STRICT.text(json, "node", 80),
                scope, STRICT.text(json, "subject", 64), STRICT.text(json, "exportedBy", 64), created);
    }

    static byte[] row(TableRows.Table table, Object[] values) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("t", table.name());
        ArrayNode row = json.putArray("r");
        for (Object value : values) {
            if (value == null) {
                row.addNull();
            } else if (value instanceof String text) {
                row.add(text);
            } else if (value instanceof Long number) {
                row.add(number);
            } else if (value instanceof byte[] bytes) {
                row.add(Base64.getEncoder().encodeToString(bytes));
            } else {
                throw new IllegalArgumentException("Cannot write a " + value.getClass().getSimpleName());
            }
        }
        return bytes(json);
    }

    /** A row section read back: its table and its values, each of the type its column stores. */
    record Row(TableRows.Table table, Object[] values) {
    }

    static Row readRow(byte[] bytes) {
        JsonNode json = STRICT.readObject(JSON, bytes, MAX_ROW_BYTES);
        STRICT.requireExactly(json, ROW_FIELDS);
        String name = STRICT.text(json, "t", 40);
        TableRows.Table table = TableRows.named(name).orElseThrow(() -> refused("it names a table no export holds"));
        JsonNode row = json.get("r");
        if (row == null || !row.isArray() || row.size() != table.columns().size()) {
            throw refused("a row of " + name + " does not have its " + table.columns().size() + " columns");
        }
        Object[] values = new Object[row.size()];
        for (int i = 0; i < values.length; i++) {
            TableRows.Column column = table.columns().get(i);
            JsonNode value = row.get(i);
            values[i] = value(column, value, name);
        }
        return new Row(table, values);
    }

    private static Object value(TableRows.Column column, JsonNode value, String table) {
        String where = table + "." + column.name();
        if (value.isNull()) {
            if (!column.nullable()) {
                throw refused(where + " is empty where it may not be");
            }
            return null;
        }
        return switch (column.type()) {
            case TEXT -> {
                if (!value.isTextual()) {
                    throw refused(where + " is not text");
                }
                yield value.textValue();
            }
            case INTEGER -> {
                if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                    throw refused(where + " is not a whole number");
                }
                yield value.longValue();
            }
            case BLOB -> {
                if (!value.isTextual()) {
                    throw refused(where + " is not base64");
                }
                try {
                    byte[] decoded = Base64.getDecoder().decode(value.textValue());
                    if (!Base64.getEncoder().encodeToString(decoded).equals(value.textValue())) {
                        throw refused(where + " is not canonical base64");
                    }
                    yield decoded;
                } catch (IllegalArgumentException e) {
                    throw refused(where + " is not base64");
                }
            }
        };
    }

    static byte[] fileStart(String address, long size) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("address", address);
        json.put("size", size);
        return bytes(json);
    }

    record FileStart(String address, long size) {
    }

    static FileStart readFileStart(byte[] bytes) {
        JsonNode json = STRICT.readObject(JSON, bytes, MAX_FILE_START_BYTES);
        STRICT.requireExactly(json, FILE_FIELDS);
        String address = STRICT.text(json, "address", 64);
        if (!address.matches("[0-9a-f]{64}")) {
            throw refused("a file's address is not a SHA-256 in hex");
        }
        return new FileStart(address, STRICT.integer(json, "size", MAX_FILE_BYTES));
    }

    static byte[] machine(MachineGrant grant) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("chain", grant.chain());
        json.put("for", grant.forUser());
        json.put("wrappedSeed", Base64.getEncoder().encodeToString(grant.wrappedSeed()));
        return bytes(json);
    }

    static MachineGrant readMachine(byte[] bytes) {
        JsonNode json = STRICT.readObject(JSON, bytes, MAX_MACHINE_BYTES);
        STRICT.requireExactly(json, MACHINE_FIELDS);
        byte[] seed;
        try {
            seed = Base64.getDecoder().decode(STRICT.text(json, "wrappedSeed", 1024));
        } catch (IllegalArgumentException e) {
            throw refused("the machine's wrapped key is not base64");
        }
        String chain = STRICT.text(json, "chain", 80);
        String forUser = STRICT.text(json, "for", 64);
        if (!isNodeChain(chain) || !Username.isValid(forUser) || !Username.normalize(forUser).equals(forUser)) {
            throw refused("its machine grant names no machine or no person");
        }
        return new MachineGrant(chain, forUser, seed);
    }

    private static boolean isNodeChain(String chain) {
        try {
            return ChainId.parse(chain).party() == PartyKind.NODE;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The text the trailer's note signs. */
    static String trailerText(String clinic, String node, long rows, long files, long fileBytes, long bodyBytes,
            byte[] digest) {
        return FORMAT + "\n" + clinic + "\n" + node + "\nrows " + rows + "\nfiles " + files + "\nfile-bytes "
                + fileBytes + "\nbody-bytes " + bodyBytes + "\nsha256 " + Base64.getEncoder().encodeToString(digest)
                + "\n";
    }

    static ExportTrailer readTrailer(byte[] note) {
        String text;
        try {
            text = org.clinicledger.crypto.SignedNote.parse(note).text();
        } catch (IllegalArgumentException e) {
            throw refused("its trailer is not a signed note (" + e.getMessage() + ")");
        }
        String[] lines = text.split("\n", -1);
        if (lines.length != 9 || !lines[8].isEmpty() || !FORMAT.equals(lines[0])) {
            throw refused("its trailer is not an export's");
        }
        long rows = count(lines[3], "rows ");
        long files = count(lines[4], "files ");
        long fileBytes = count(lines[5], "file-bytes ");
        long bodyBytes = count(lines[6], "body-bytes ");
        if (!lines[7].startsWith("sha256 ")) {
            throw refused("its trailer names no digest");
        }
        byte[] digest;
        try {
            digest = Base64.getDecoder().decode(lines[7].substring("sha256 ".length()));
        } catch (IllegalArgumentException e) {
            throw refused("its trailer's digest is not base64");
        }
        // Canonical only: a last character with stray low bits would decode to the same digest.
        if (digest.length != 32 || !Base64.getEncoder().encodeToString(digest).equals(lines[7].substring(7))) {
            throw refused("its trailer's digest is not a SHA-256");
        }
        return new ExportTrailer(lines[1], lines[2], rows, files, fileBytes, bodyBytes, digest,
                new String(note, StandardCharsets.UTF_8));
    }

    private static long count(String line, String prefix) {
        if (!line.startsWith(prefix) || !line.substring(prefix.length()).matches("0|[1-9][0-9]{0,17}")) {
            throw refused("its trailer's '" + prefix.strip() + "' is not a count");
        }
        return Long.parseLong(line.substring(prefix.length()));
    }

    private static byte[] bytes(JsonNode json) {
        try {
            return JSON.writeValueAsBytes(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
