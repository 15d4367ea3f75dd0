package org.clinicledger.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void rfc8785PropertySortingExample() throws IOException {
        // RFC 8785 §3.2.3, "Sorting of Object Properties": names sort by UTF-16 code units, so the
        // emoji (lead surrogate U+D83D) comes before U+FB33 although its code point is larger.
        String input = "{\n"
                + "  \"\\u20ac\": \"Euro Sign\",\n"
                + "  \"\\r\": \"Carriage Return\",\n"
                + "  \"\\ufb33\": \"Hebrew Letter Dalet With Dagesh\",\n"
                + "  \"1\": \"One\",\n"
                + "  \"\\ud83d\\ude00\": \"Emoji: Grinning Face\",\n"
                + "  \"\\u0080\": \"Control\",\n"
                + "  \"\\u00f6\": \"Latin Small Letter O With Diaeresis\"\n"
                + "}";
        String expected = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}";
        assertThat(CanonicalJson.encode(parse(input))).isEqualTo(utf8(expected));
    }

    @Test
    void rfc8785StringAndLiteralExample() throws IOException {
        // RFC 8785 §3.2.2 input and §3.2.4 output without the "numbers" member (fractions are out
        // of scope here); the expected bytes are the RFC's own UTF-8 hex dump with that member cut.
        String input = "{\n"
                + "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
                + "  \"literals\": [null, true, false]\n"
                + "}";
        String expectedHex = "7b226c69746572616c73223a5b6e756c6c2c747275652c66616c73655d2c"
                + "22737472696e67223a22e282ac245c75303030665c6e4127425c225c5c5c5c5c222f227d";
        byte[] canonical = CanonicalJson.encode(parse(input));
        assertThat(Hex.encode(canonical)).isEqualTo(expectedHex);
        assertThat(new String(canonical, StandardCharsets.UTF_8))
                .isEqualTo("{\"literals\":[null,true,false],\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    @Test
    void referenceImplementationTestData() throws IOException {
        // Test data of the RFC author's reference implementations, github.com/cyberphone/
        // json-canonicalization, testdata/input and testdata/output: weird.json, unicode.json, and
        // structures.json with its one fraction-free float 56.0 written as the integer 56.
        assertThat(CanonicalJson.encode(parse("{\n"
                + "  \"\\u20ac\": \"Euro Sign\",\n"
                + "  \"\\r\": \"Carriage Return\",\n"
                + "  \"\\u000a\": \"Newline\",\n"
                + "  \"1\": \"One\",\n"
                + "  \"\\u0080\": \"Control\\u007f\",\n"
                + "  \"\\ud83d\\ude02\": \"Smiley\",\n"
                + "  \"\\u00f6\": \"Latin Small Letter O With Diaeresis\",\n"
                + "  \"\\ufb33\": \"Hebrew Letter Dalet With Dagesh\",\n"
                + "  \"</script>\": \"Browser Challenge\"\n"
                + "}")))
                .isEqualTo(utf8("{\"\\n\":\"Newline\",\"\\r\":\"Carriage Return\",\"1\":\"One\","
                        + "\"</script>\":\"Browser Challenge\",\"\u0080\":\"Control\u007f\","
                        + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                        + "\"\ud83d\ude02\":\"Smiley\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}"));
        assertThat(CanonicalJson.encode(parse("{\n  \"Unnormalized Unicode\":\"\\u1e0d\\u0307\"\n}\n")))
                .isEqualTo(utf8("{\"Unnormalized Unicode\":\"\u1e0d\u0307\"}"));
        assertThat(CanonicalJson.encode(parse("{\n"
                + "  \"1\": {\"f\": {\"f\": \"hi\",\"F\": 5} ,\"\\n\": 56},\n"
                + "  \"10\": { },\n"
                + "  \"\": \"empty\",\n"
                + "  \"a\": { },\n"
                + "  \"111\": [ { } ],\n"
                + "  \"A\": { }\n"
                + "}")))
                .isEqualTo(utf8("{\"\":\"empty\",\"1\":{\"\\n\":56,\"f\":{\"F\":5,\"f\":\"hi\"}},"
                        + "\"10\":{},\"111\":[{}],\"A\":{},\"a\":{}}"));
    }

    @Test
    void stringsAreEscapedExactlyAsSection3222Says() {
        // RFC 8785 §3.2.2.2: the two-character escapes where JSON has them, a six-character escape
        // with lower-case hex for the rest of U+0000..U+001F, and every other character as itself.
        String[] shortEscapes = new String[0x20];
        shortEscapes['\b'] = "\\b";
        shortEscapes['\t'] = "\\t";
        shortEscapes['\n'] = "\\n";
        shortEscapes['\f'] = "\\f";
        shortEscapes['\r'] = "\\r";
        for (char c = 0; c < 0x20; c++) {
            String expected = shortEscapes[c] != null ? shortEscapes[c] : String.format("\\u%04x", (int) c);
            assertThat(encodeString(String.valueOf(c))).as("U+%04X", (int) c).isEqualTo(utf8('"' + expected + '"'));
        }
        assertThat(encodeString("\"")).isEqualTo(utf8("\"\\\"\""));
        assertThat(encodeString("\\")).isEqualTo(utf8("\"\\\\\""));
        assertThat(encodeString("\u001f\u001a")).isEqualTo(utf8("\"\\u001f\\u001a\""));
        for (String literal : List.of("/", "\u007f", "<>&'", "\u0080", "\u00ff", "\u07ff", "\u0800",
                "\u2028", "\u2029", "\ufeff", "\uffff", "\ud800\udc00", "\udbff\udfff", "\ud83d\ude00")) {
            assertThat(encodeString(literal)).as("%s", literal).isEqualTo(utf8('"' + literal + '"'));
        }
        // Line and paragraph separators stay literal, unlike in JavaScript-safe JSON writers.
        assertThat(Hex.encode(encodeString("\u2028\u2029"))).isEqualTo("22e280a8e280a922");
        assertThat(Hex.encode(encodeString("\ud83d\ude00"))).isEqualTo("22f09f988022");
    }

    @Test
    void memberOrderDoesNotMatter() {
        Random random = new Random(8785);
        List<String> keys = List.of("b", "a", "B", "\u00e9", "aa", "", "\ud83d\ude00", "\uffff", "10", "9");
        byte[] expected = null;
        for (int trial = 0; trial < 50; trial++) {
            List<String> order = new ArrayList<>(keys);
            Collections.shuffle(order, random);
            ObjectNode outer = NODES.objectNode();
            for (String key : order) {
                ObjectNode inner = outer.putObject(key);
                List<String> innerOrder = new ArrayList<>(keys);
                Collections.shuffle(innerOrder, random);
                for (String innerKey : innerOrder) {
                    inner.put(innerKey, key + "/" + innerKey);
                }
            }
            byte[] encoded = CanonicalJson.encode(outer);
            if (expected == null) {
                expected = encoded;
            }
            assertThat(encoded).isEqualTo(expected);
        }
        assertThat(new String(expected, StandardCharsets.UTF_8))
                .startsWith("{\"\":{\"\":\"/\",\"10\":\"/10\",\"9\":\"/9\",\"B\":\"/B\",\"a\":\"/a\",\"aa\":\"/aa\"");
    }

    @Test
    void everySingleChangeChangesTheBytes() {
        Map<String, Supplier<JsonNode>> variants = new LinkedHashMap<>();
        variants.put("base", CanonicalJsonTest::sampleRecord);
        variants.put("string value", () -> with(sampleRecord(), r -> r.put("patient", "P-0002")));
        variants.put("string case", () -> with(sampleRecord(), r -> r.put("patient", "p-0001")));
        variants.put("integer value", () -> with(sampleRecord(), r -> r.put("seq", 42)));
        variants.put("integer sign", () -> with(sampleRecord(), r -> r.put("seq", -41)));
        variants.put("integer as string", () -> with(sampleRecord(), r -> r.put("seq", "41")));
        variants.put("boolean value", () -> with(sampleRecord(), r -> r.put("signed", false)));
        variants.put("boolean as string", () -> with(sampleRecord(), r -> r.put("signed", "true")));
        variants.put("null as string", () -> with(sampleRecord(), r -> r.put("note", "null")));
        variants.put("null as empty string", () -> with(sampleRecord(), r -> r.put("note", "")));
        variants.put("null member removed", () -> with(sampleRecord(), r -> r.remove("note")));
        variants.put("key renamed", () -> with(sampleRecord(), r -> r.set("Patient", r.remove("patient"))));
        variants.put("key with trailing space", () -> with(sampleRecord(), r -> r.set("patient ", r.remove("patient"))));
        variants.put("member added", () -> with(sampleRecord(), r -> r.put("extra", 0)));
        variants.put("array element changed", () -> with(sampleRecord(), r -> ((ArrayNode) r.get("codes")).set(1, NODES.textNode("J45"))));
        variants.put("array order swapped", () -> with(sampleRecord(), r -> r.set("codes", NODES.arrayNode().add("E11").add("I10"))));
        variants.put("array element added", () -> with(sampleRecord(), r -> ((ArrayNode) r.get("codes")).add("I10")));
        variants.put("array to object", () -> with(sampleRecord(), r -> r.set("codes", NODES.objectNode().put("0", "I10").put("1", "E11"))));
        variants.put("value wrapped in array", () -> with(sampleRecord(), r -> r.set("seq", NODES.arrayNode().add(41))));
        variants.put("nested value changed", () -> with(sampleRecord(), r -> ((ObjectNode) r.get("author")).put("role", "nurse")));
        variants.put("nested key changed", () -> with(sampleRecord(), r -> {
            ObjectNode author = (ObjectNode) r.get("author");
            author.set("roles", author.remove("role"));
        }));
        variants.put("nesting moved up", () -> with(sampleRecord(), r -> {
            ObjectNode author = (ObjectNode) r.remove("author");
            r.setAll(author);
        }));
        variants.put("empty object to empty array", () -> with(sampleRecord(), r -> r.set("meta", NODES.arrayNode())));
        variants.put("non-ASCII letter", () -> with(sampleRecord(), r -> ((ObjectNode) r.get("author")).put("name", "Dr. Muller")));
        Map<String, String> seen = new LinkedHashMap<>();
        for (Map.Entry<String, Supplier<JsonNode>> variant : variants.entrySet()) {
            String bytes = Hex.encode(CanonicalJson.encode(variant.getValue().get()));
            String clash = seen.put(bytes, variant.getKey());
            assertThat(clash).as("'%s' encodes like '%s'", variant.getKey(), clash).isNull();
        }
    }

    @Test
    void integersAreWrittenAsPlainDecimalsWhateverTheirNodeType() throws IOException {
        long max = (1L << 53) - 1;
        assertThat(encodeText(NODES.numberNode(0))).isEqualTo("0");
        assertThat(encodeText(NODES.numberNode(-1))).isEqualTo("-1");
        assertThat(encodeText(NODES.numberNode((short) 7))).isEqualTo("7");
        assertThat(encodeText(NODES.numberNode(max))).isEqualTo("9007199254740991");
        assertThat(encodeText(NODES.numberNode(-max))).isEqualTo("-9007199254740991");
        assertThat(encodeText(NODES.numberNode(BigInteger.valueOf(max)))).isEqualTo("9007199254740991");
        assertThat(encodeText(NODES.numberNode(new BigDecimal("5.000")))).isEqualTo("5");
        assertThat(encodeText(NODES.numberNode(new BigDecimal("1E+2")))).isEqualTo("100");
        assertThat(encodeText(NODES.numberNode(new BigDecimal("0.00")))).isEqualTo("0");
        assertThat(encodeText(parse("[-0, 0]"))).isEqualTo("[0,0]");
        assertThat(CanonicalJson.MAX_SAFE_INTEGER).isEqualTo(max);
    }

    @Test
    void fractionsFloatsAndUnsafeIntegersAreRefused() throws IOException {
        long max = (1L << 53) - 1;
        List<JsonNode> refused = List.of(
                NODES.numberNode(1.5),
                NODES.numberNode(1.0),
                NODES.numberNode(1.0f),
                NODES.numberNode(Double.NaN),
                NODES.numberNode(Double.POSITIVE_INFINITY),
                NODES.numberNode(new BigDecimal("1.5")),
                NODES.numberNode(new BigDecimal("0.1")),
                NODES.numberNode(max + 1),
                NODES.numberNode(-max - 1),
                NODES.numberNode(Long.MAX_VALUE),
                NODES.numberNode(Long.MIN_VALUE),
                NODES.numberNode(BigInteger.TEN.pow(30)),
                NODES.numberNode(new BigDecimal("9007199254740992")),
                parse("1.0"),
                parse("1e2"),
                parse("18446744073709551616"),
                NODES.arrayNode().add(1).add(2.5),
                NODES.objectNode().set("deep", NODES.arrayNode().add(NODES.objectNode().put("x", 0.5))));
        for (JsonNode node : refused) {
            assertThatThrownBy(() -> CanonicalJson.encode(node)).as("%s", node)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("JSON");
        }
        assertThatThrownBy(() -> CanonicalJson.encode(NODES.numberNode(max + 1)))
                .hasMessageContaining("9007199254740992").hasMessageContaining("2^53-1");
        assertThatThrownBy(() -> CanonicalJson.encode(NODES.numberNode(2.5)))
                .hasMessageContaining("floating-point");
    }

    @Test
    void loneSurrogatesAreRefusedInValuesAndNames() {
        List<String> broken = List.of("\ud800", "\udc00", "a\ud83d", "\ude00a", "\ud83d\ud83d\ude00x",
                "\ude00\ud83d", "ok\ud83dx");
        for (String s : broken) {
            assertThatThrownBy(() -> CanonicalJson.encode(NODES.textNode(s)))
                    .as("value %s", Hex.encode(s.getBytes(StandardCharsets.UTF_16BE)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("lone surrogate");
            assertThatThrownBy(() -> CanonicalJson.encode(NODES.objectNode().put(s, 1)))
                    .as("name %s", Hex.encode(s.getBytes(StandardCharsets.UTF_16BE)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("lone surrogate");
        }
    }

    @Test
    void nodesWithoutAJsonFormAreRefused() {
        for (JsonNode node : List.of(NODES.binaryNode(new byte[] {1, 2}), NODES.pojoNode(new Object()),
                MissingNode.getInstance())) {
            assertThatThrownBy(() -> CanonicalJson.encode(node)).as("%s", node.getNodeType())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no canonical form");
        }
        assertThatThrownBy(() -> CanonicalJson.encode(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void nestingIsBoundedRatherThanOverflowingTheStack() {
        assertThat(CanonicalJson.encode(nestedArrays(CanonicalJson.MAX_DEPTH))).hasSize(2 * CanonicalJson.MAX_DEPTH);
        assertThatThrownBy(() -> CanonicalJson.encode(nestedArrays(CanonicalJson.MAX_DEPTH + 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nested deeper");
    }

    @Test
    void domainLabelThenNulThenCanonicalJson() {
        JsonNode value = sampleRecord();
        byte[] encoded = CanonicalJson.encode("clinicledger/block/v1", value);
        byte[] label = "clinicledger/block/v1".getBytes(StandardCharsets.US_ASCII);
        byte[] json = CanonicalJson.encode(value);
        assertThat(encoded).hasSize(label.length + 1 + json.length);
        assertThat(Arrays.copyOfRange(encoded, 0, label.length)).isEqualTo(label);
        assertThat(encoded[label.length]).isZero();
        assertThat(Arrays.copyOfRange(encoded, label.length + 1, encoded.length)).isEqualTo(json);
    }

    @Test
    void differentDomainsNeverGiveTheSameBytes() {
        JsonNode value = sampleRecord();
        List<String> domains = List.of("clinicledger/block/v1", "clinicledger/block/v2", "clinicledger/key/v1",
                "clinicledger/block", "clinicledger/block/v1/", "Clinicledger/block/v1", "a", "b", "ab");
        Map<String, String> seen = new LinkedHashMap<>();
        for (String domain : domains) {
            String bytes = Hex.encode(CanonicalJson.encode(domain, value));
            assertThat(seen.put(bytes, domain)).as(domain).isNull();
        }
        // The NUL ends the label, so moving bytes between label and value cannot forge a match:
        // "ab" + {...} and "a" + something starting with 'b' differ at the byte after "a".
        assertThat(CanonicalJson.encode("ab", NODES.textNode("x")))
                .isNotEqualTo(CanonicalJson.encode("a", NODES.textNode("bx")));
    }

    @Test
    void invalidDomainLabelsAreRefused() {
        JsonNode value = NODES.nullNode();
        for (String label : List.of("", "a\u0000b", "\u0000", "has space", " lead", "tab\there", "line\n",
                "caf\u00e9", "\u007f", "\ud83d\ude00")) {
            assertThatThrownBy(() -> CanonicalJson.encode(label, value)).as("%s", label)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("domain label");
        }
        assertThatThrownBy(() -> CanonicalJson.encode(null, value)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> CanonicalJson.encode("ok", null)).isInstanceOf(NullPointerException.class);
        assertThat(CanonicalJson.encode("!~", value)).isEqualTo(utf8("!~\u0000null"));
    }

    @Test
    void randomTreesSurviveAParseAndRecanonicalisation() throws IOException {
        Random random = new Random(20_260_101L);
        for (int trial = 0; trial < 1000; trial++) {
            JsonNode tree = random.nextBoolean() ? randomObject(random, 0) : randomArray(random, 0);
            byte[] canonical = CanonicalJson.encode(tree);
            JsonNode reparsed = MAPPER.readTree(canonical);
            byte[] again = CanonicalJson.encode(reparsed);
            assertThat(again).as("trial %d: %s", trial, new String(canonical, StandardCharsets.UTF_8))
                    .isEqualTo(canonical);
        }
    }

    private static JsonNode randomNode(Random random, int depth) {
        int kinds = depth >= 4 ? 4 : 6;
        switch (random.nextInt(kinds)) {
            case 0:
                return random.nextInt(4) == 0 ? NODES.nullNode() : NODES.booleanNode(random.nextBoolean());
            case 1:
                return NODES.numberNode(randomInteger(random));
            case 2:
            case 3:
                return NODES.textNode(randomString(random));
            case 4:
                return randomArray(random, depth + 1);
            default:
                return randomObject(random, depth + 1);
        }
    }

    private static ObjectNode randomObject(Random random, int depth) {
        ObjectNode object = NODES.objectNode();
        int members = random.nextInt(6);
        for (int i = 0; i < members; i++) {
            object.set(randomString(random), randomNode(random, depth));
        }
        return object;
    }

    private static ArrayNode randomArray(Random random, int depth) {
        ArrayNode array = NODES.arrayNode();
        int elements = random.nextInt(6);
        for (int i = 0; i < elements; i++) {
            array.add(randomNode(random, depth));
        }
        return array;
    }

    private static long randomInteger(Random random) {
        long max = CanonicalJson.MAX_SAFE_INTEGER;
        switch (random.nextInt(4)) {
            case 0:
                return random.nextInt(201) - 100;
            case 1:
                return random.nextBoolean() ? max - random.nextInt(3) : -max + random.nextInt(3);
            case 2:
                return random.nextInt();
            default:
                return (random.nextLong() % max);
        }
    }

    private static String randomString(Random random) {
        int length = random.nextInt(9);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(8)) {
                case 0:
                    s.append((char) random.nextInt(0x20));
                    break;
                case 1:
                    s.append("\"\\/\u007f".charAt(random.nextInt(4)));
                    break;
                case 2:
                    s.append((char) (0x80 + random.nextInt(0x780)));
                    break;
                case 3:
                    s.append("\u2028\u2029\ufeff\uffff\u20ac\ufb33".charAt(random.nextInt(6)));
                    break;
                case 4:
                    s.appendCodePoint(0x10000 + random.nextInt(0x100000));
                    break;
                case 5:
                    s.append((char) (0x800 + random.nextInt(0xd800 - 0x800)));
                    break;
                default:
                    s.append((char) (0x20 + random.nextInt(0x5f)));
                    break;
            }
        }
        return s.toString();
    }

    private static ObjectNode sampleRecord() {
        ObjectNode record = NODES.objectNode();
        record.put("patient", "P-0001");
        record.put("seq", 41);
        record.put("signed", true);
        record.putNull("note");
        record.putArray("codes").add("I10").add("E11");
        ObjectNode author = record.putObject("author");
        author.put("name", "Dr. M\u00fcller");
        author.put("role", "doctor");
        record.putObject("meta");
        return record;
    }

    private static JsonNode with(ObjectNode record, Consumer<ObjectNode> change) {
        change.accept(record);
        return record;
    }

    private static JsonNode nestedArrays(int depth) {
        JsonNode node = NODES.arrayNode();
        for (int i = 1; i < depth; i++) {
            node = NODES.arrayNode().add(node);
        }
        return node;
    }

    private static JsonNode parse(String json) throws IOException {
        return MAPPER.readTree(json);
    }

    private static byte[] encodeString(String s) {
        return CanonicalJson.encode(NODES.textNode(s));
    }

    private static String encodeText(JsonNode node) {
        return new String(CanonicalJson.encode(node), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
