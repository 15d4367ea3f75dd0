package org.clinicledger.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * RFC 8785 (JSON Canonicalization Scheme) encoding of a Jackson tree: the exact bytes that are
 * hashed and signed, the same on every machine and in every language that implements JCS.
 *
 * <p>Object members are sorted by their names' UTF-16 code units, nothing is added between tokens,
 * strings are escaped as RFC 8785 §3.2.2.2 prescribes and everything else in them is written as
 * literal UTF-8.
 *
 * <p>Numbers are restricted to integers with magnitude at most 2<sup>53</sup>-1. Within that range
 * an integer's JCS form is its plain decimal, so the encoding is exact without reimplementing
 * ECMAScript's double formatting; the ledger's structures hold no fractions, and refusing them here
 * keeps a lossy double from ever being signed. Lone surrogates are refused because they are not
 * Unicode text and have no UTF-8 form. Every refusal is an {@link IllegalArgumentException}.
 */
public final class CanonicalJson {

    /** The largest integer magnitude accepted: 2<sup>53</sup>-1, beyond which a double is inexact. */
    public static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    /** The deepest nesting of arrays and objects accepted, matching Jackson's default parse limit. */
    public static final int MAX_DEPTH = 1000;

    private static final BigInteger MAX_SAFE = BigInteger.valueOf(MAX_SAFE_INTEGER);
    private static final BigInteger MIN_SAFE = MAX_SAFE.negate();
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private CanonicalJson() {
    }

    /**
     * Returns the RFC 8785 canonical UTF-8 bytes of {@code value}.
     *
     * @throws IllegalArgumentException if the tree holds a non-integral or out-of-range number, a
     *     lone surrogate, a binary, POJO or missing node, or is nested deeper than {@link #MAX_DEPTH}
     */
    public static byte[] encode(JsonNode value) {
        Objects.requireNonNull(value, "value");
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        write(value, out, 0);
        return out.toByteArray();
    }

    /**
     * Returns the ASCII {@code domain} label, a 0x00 byte, then the canonical bytes of {@code value}.
     *
     * <p>A hash or signature over these bytes commits to what kind of structure was meant, not just
     * to its contents: a signed block and, say, a signed key record that happen to serialise to the
     * same JSON still produce different bytes, so a signature over one can never be replayed as the
     * other. The label cannot contain 0x00, so the first 0x00 ends it and no (label, value) pair can
     * produce the same bytes as another.
     *
     * @param domain a label such as {@code clinicledger/block/v1}: non-empty, characters 0x21-0x7E only
     * @throws IllegalArgumentException if the label is invalid or {@link #encode(JsonNode)} refuses the value
     */
    public static byte[] encode(String domain, JsonNode value) {
        checkDomain(domain);
        Objects.requireNonNull(value, "value");
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        for (int i = 0; i < domain.length(); i++) {
            out.write(domain.charAt(i));
        }
        out.write(0x00);
        write(value, out, 0);
        return out.toByteArray();
    }

    private static void checkDomain(String domain) {
        Objects.requireNonNull(domain, "domain");
        if (domain.isEmpty()) {
            throw new IllegalArgumentException("domain label is empty");
        }
        for (int i = 0; i < domain.length(); i++) {
            char c = domain.charAt(i);
            // Visible ASCII only: no NUL (it ends the label), no spaces or controls that would make
            // two labels look alike, and one byte per character so the label's bytes are unambiguous.
            if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException(String.format(
                        "domain label has U+%04X at index %d; only visible ASCII (0x21-0x7E) is allowed",
                        (int) c, i));
            }
        }
    }

    private static void write(JsonNode node, ByteArrayOutputStream out, int depth) {
        switch (node.getNodeType()) {
            case OBJECT -> writeObject(node, out, depth + 1);
            case ARRAY -> writeArray(node, out, depth + 1);
            case STRING -> writeString(node.textValue(), out);
            case NUMBER -> writeAscii(integerText(node), out);
            case BOOLEAN -> writeAscii(node.booleanValue() ? "true" : "false", out);
            case NULL -> writeAscii("null", out);
            default -> throw new IllegalArgumentException(
                    "JSON node of type " + node.getNodeType() + " has no canonical form");
        }
    }

    private static void writeObject(JsonNode node, ByteArrayOutputStream out, int depth) {
        checkDepth(depth);
        List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
        // String.compareTo compares UTF-16 code units as unsigned values, which is RFC 8785 §3.2.3.
        members.sort(Map.Entry.comparingByKey());
        out.write('{');
        boolean first = true;
        for (Map.Entry<String, JsonNode> member : members) {
            if (!first) {
                out.write(',');
            }
            first = false;
            writeString(member.getKey(), out);
            out.write(':');
            write(member.getValue(), out, depth);
        }
        out.write('}');
    }

    private static void writeArray(JsonNode node, ByteArrayOutputStream out, int depth) {
        checkDepth(depth);
        out.write('[');
        for (int i = 0; i < node.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            write(node.get(i), out, depth);
        }
        out.write(']');
    }

    private static void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("JSON is nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    private static String integerText(JsonNode node) {
        BigInteger value;
        if (node.isIntegralNumber()) {
            value = node.bigIntegerValue();
        } else if (node.isBigDecimal()) {
            BigDecimal decimal = node.decimalValue().stripTrailingZeros();
            if (decimal.scale() > 0) {
                throw new IllegalArgumentException(
                        "JSON number " + node.decimalValue() + " has a fraction; only integers are allowed");
            }
            value = decimal.toBigIntegerExact();
        } else {
            // Even an integral double is refused: a double may already have lost digits before it
            // reached us, and signing it would make that loss permanent.
            throw new IllegalArgumentException(
                    "JSON number " + node.asText() + " is floating-point; only integers are allowed");
        }
        if (value.compareTo(MAX_SAFE) > 0 || value.compareTo(MIN_SAFE) < 0) {
            throw new IllegalArgumentException(
                    "JSON integer " + value + " is outside +/-(2^53-1), the range RFC 8785 numbers hold exactly");
        }
        return value.toString();
    }

    private static void writeString(String s, ByteArrayOutputStream out) {
        out.write('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> writeAscii("\\\"", out);
                case '\\' -> writeAscii("\\\\", out);
                case '\b' -> writeAscii("\\b", out);
                case '\f' -> writeAscii("\\f", out);
                case '\n' -> writeAscii("\\n", out);
                case '\r' -> writeAscii("\\r", out);
                case '\t' -> writeAscii("\\t", out);
                default -> {
                    if (c < 0x20) {
                        writeAscii("\\u00", out);
                        out.write(HEX[c >> 4]);
                        out.write(HEX[c & 0x0f]);
                    } else if (c < 0x80) {
                        out.write(c);
                    } else if (c < 0x800) {
                        out.write(0xc0 | (c >> 6));
                        out.write(0x80 | (c & 0x3f));
                    } else if (Character.isHighSurrogate(c)
                            && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        int codePoint = Character.toCodePoint(c, s.charAt(++i));
                        out.write(0xf0 | (codePoint >> 18));
                        out.write(0x80 | ((codePoint >> 12) & 0x3f));
                        out.write(0x80 | ((codePoint >> 6) & 0x3f));
                        out.write(0x80 | (codePoint & 0x3f));
                    } else if (Character.isSurrogate(c)) {
                        throw new IllegalArgumentException(String.format(
                                "JSON string has a lone surrogate U+%04X at index %d, which is not Unicode text",
                                (int) c, i));
                    } else {
                        out.write(0xe0 | (c >> 12));
                        out.write(0x80 | ((c >> 6) & 0x3f));
                        out.write(0x80 | (c & 0x3f));
                    }
                }
            }
        }
        out.write('"');
    }

    private static void writeAscii(String ascii, ByteArrayOutputStream out) {
        for (int i = 0; i < ascii.length(); i++) {
            out.write(ascii.charAt(i));
        }
    }
}
