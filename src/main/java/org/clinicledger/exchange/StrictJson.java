package org.clinicledger.exchange;

import java.io.IOException;
import java.util.Iterator;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.clinicledger.domain.InvalidInputException;

/**
 * Reading one kind of file's JSON strictly: exactly the fields its format names, text within a
 * length, whole numbers within a range; anything else is refused in one plain sentence that
 * starts by saying what the file is not ("This is not a ClinicLedger proof file: …").
 */
final class StrictJson {

    private final String notA;

    /** @param what the file's kind as a sentence names it, e.g. "ClinicLedger proof file" */
    StrictJson(String what) {
        this.notA = "This is not a " + what + ": ";
    }

    /** The JSON object in {@code bytes}: at most {@code maxBytes}, read by {@code json} (which sets the depth and lengths). */
    JsonNode readObject(ObjectMapper json, byte[] bytes, int maxBytes) {
        if (bytes.length > maxBytes) {
            throw refused("it is larger than " + (maxBytes >> 10) + " KiB");
        }
        JsonNode root;
        try {
            root = json.readTree(bytes);
        } catch (IOException e) {
            throw refused("it is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw refused("it is not a JSON object");
        }
        return root;
    }

    InvalidInputException refused(String why) {
        return new InvalidInputException(notA + why + ".");
    }

    void requireExactly(JsonNode object, Set<String> fields) {
        Iterator<String> names = object.fieldNames();
        int count = 0;
        while (names.hasNext()) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw refused("it has an unknown field" + shown(name));
            }
            count++;
        }
        if (count != fields.size()) {
            throw refused("fields are missing");
        }
    }

    /**
     * A field name from the file as the refusal may quote it: printable ASCII only, so that a name
     * holding line breaks, terminal escapes or direction marks cannot break or forge the one line.
     */
    private static String shown(String name) {
        String cut = name.length() > 40 ? name.substring(0, 40) : name;
        if (!cut.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return "";
        }
        return " '" + cut + (cut.length() < name.length() ? "…'" : "'");
    }

    String text(JsonNode object, String field, int maxCharacters) {
        JsonNode value = object.get(field);
        if (value == null || !value.isTextual()) {
            throw refused("'" + field + "' is not text");
        }
        if (value.textValue().length() > maxCharacters) {
            throw refused("'" + field + "' is too long");
        }
        return value.textValue();
    }

    long integer(JsonNode object, String field, long max) {
        JsonNode value = object.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0
                || value.longValue() > max) {
            throw refused("'" + field + "' is not a whole number in range");
        }
        return value.longValue();
    }
}
