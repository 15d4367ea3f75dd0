package org.clinicledger.clinic;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.clinicledger.domain.Icd10Code;
import org.clinicledger.domain.InvalidInputException;

/**
 * The ICD-10-CM codes and titles a diagnosis is chosen from (the 2018 list of the US CMS, public
 * domain, in this package's resources beside its {@code NOTICE.md}): looked up by code, searched by
 * code prefix and by the words of the titles. A record may still carry a code that is not here (the
 * code's form is what {@link Icd10Code} checks; a clinic may use another edition) or none.
 *
 * <p>The list is read once, the first time {@link #standard()} is asked for, strictly: a line that is
 * not {@code CODE,"Title"}, too long a line, too many rows or a code given twice is refused by line
 * number, so a damaged resource fails loudly rather than offering half a list. Searching walks the
 * whole list in memory; it takes a few milliseconds, fast enough to run as someone types.
 */
public final class Icd10Catalog {

    /** Most rows read; the 2018 list has 24,628. */
    public static final int MAX_ROWS = 100_000;
    /** Longest line read, in characters; the 2018 list's longest is 215. */
    public static final int MAX_LINE = 1_000;
    /** Most results {@link #search} returns unless asked for fewer. */
    public static final int DEFAULT_LIMIT = 50;

    private static final String RESOURCE = "icd10/icd10cm-2018-codes.csv";
    private static final Pattern CODE = Pattern.compile("[A-Z][0-9][0-9A-Z]{1,5}");
    private static final Pattern TYPED_CODE = Pattern.compile("[A-Z][0-9][0-9A-Z]?(?:\\.?[0-9A-Z]{0,4})?");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    /** One code of the list: the code (with the dot, as {@link Icd10Code} keeps it) and its title. */
    public record Entry(Icd10Code code, String title) {
        /** As the picker shows it: "J45.3 — Mild persistent asthma". */
        @Override
        public String toString() {
            return code.value() + " — " + title;
        }
    }

    /** An entry with what searching compares: the code without the dot, and the title's words, each after a space. */
    private record Indexed(Entry entry, String bareCode, String spacedWords) {
    }

    private final List<Indexed> entries;
    private final Map<String, Indexed> byCode;
    /** The entries in the order of their codes, where those starting with a prefix are one run. */
    private final List<Indexed> inCodeOrder;

    private Icd10Catalog(List<Indexed> entries) {
        this.entries = List.copyOf(entries);
        this.byCode = new HashMap<>();
        for (Indexed indexed : entries) {
            byCode.put(indexed.bareCode(), indexed);
        }
        this.inCodeOrder = entries.stream().sorted(Comparator.comparing(Indexed::bareCode)).toList();
    }

    /** The list shipped with ClinicLedger, read the first time it is asked for. */
    public static Icd10Catalog standard() {
        return Standard.CATALOG;
    }

    private static final class Standard {
        static final Icd10Catalog CATALOG = load();

        private static Icd10Catalog load() {
            try (InputStream in = Icd10Catalog.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("The ICD-10 list " + RESOURCE + " is missing from the application");
                }
                return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)),
                        1 << 16));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read the ICD-10 list: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Reads a list of {@code CODE,"Title"} lines (codes without the dot, titles in double quotes with
     * a quote inside doubled, UTF-8, LF or CRLF line ends).
     *
     * @throws InvalidInputException naming the line of the first malformed row, too long a line, a
     *     code given twice, more than {@link #MAX_ROWS} rows, or no rows at all
     */
    public static Icd10Catalog parse(Reader reader) throws IOException {
        List<Indexed> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        StringBuilder line = new StringBuilder();
        int lineNumber = 0;
        char[] buffer = new char[1 << 16];
        int filled = 0;
        int at = 0;
        boolean ended = false;
        while (true) {
            line.setLength(0);
            boolean newline = false;
            while (!newline) {
                if (at == filled) {
                    try {
                        filled = reader.read(buffer);
                    } catch (CharacterCodingException e) {
                        throw malformed(lineNumber + 1, "it is not UTF-8 text");
                    }
                    at = 0;
                    if (filled < 0) {
                        filled = 0;
                        ended = true;
                        break;
                    }
                }
                char c = buffer[at++];
                if (c == '\n') {
                    newline = true;
                } else if (line.length() == MAX_LINE) {
                    throw malformed(lineNumber + 1, "the line is longer than " + MAX_LINE + " characters");
                } else {
                    line.append(c);
                }
            }
            lineNumber++;
            if (ended && line.isEmpty()) {
                break;
            }
            if (entries.size() == MAX_ROWS) {
                throw malformed(lineNumber, "the list has more than " + MAX_ROWS + " rows");
            }
            Indexed indexed = row(line, lineNumber);
            if (!seen.add(indexed.bareCode())) {
                throw malformed(lineNumber, "the code " + indexed.bareCode() + " is given twice");
            }
            entries.add(indexed);
            if (ended) {
                break;
            }
        }
        if (entries.isEmpty()) {
            throw new InvalidInputException("The ICD-10 list is empty.");
        }
        return new Icd10Catalog(entries);
    }

    private static Indexed row(CharSequence text, int lineNumber) {
        int length = text.length();
        if (length > 0 && text.charAt(length - 1) == '\r') {
            length--;
        }
        String line = text.subSequence(0, length).toString();
        int comma = line.indexOf(',');
        if (comma < 0) {
            throw malformed(lineNumber, "there is no comma between the code and the title");
        }
        String code = line.substring(0, comma);
        if (!CODE.matcher(code).matches()) {
            throw malformed(lineNumber, "'" + printable(code) + "' is not a code of 3 to 7 letters and digits "
                    + "without the dot");
        }
        String quoted = line.substring(comma + 1);
        if (quoted.length() < 2 || quoted.charAt(0) != '"' || quoted.charAt(quoted.length() - 1) != '"') {
            throw malformed(lineNumber, "the title is not in double quotes");
        }
        StringBuilder title = new StringBuilder();
        for (int i = 1; i < quoted.length() - 1; i++) {
            char c = quoted.charAt(i);
            if (c == '"') {
                if (i + 1 < quoted.length() - 1 && quoted.charAt(i + 1) == '"') {
                    i++;
                } else {
                    throw malformed(lineNumber, "a quote inside the title is not doubled");
                }
            } else if (Character.isISOControl(c)) {
                throw malformed(lineNumber, "the title holds a control character");
            }
            title.append(c);
        }
        String words = title.toString().strip();
        if (words.isEmpty()) {
            throw malformed(lineNumber, "the title is empty");
        }
        Icd10Code parsed = new Icd10Code(code.length() == 3 ? code : code.substring(0, 3) + "." + code.substring(3));
        return new Indexed(new Entry(parsed, words), code, " " + String.join(" ", words(words)));
    }

    private static InvalidInputException malformed(int line, String why) {
        return new InvalidInputException("The ICD-10 list is malformed at line " + line + ": " + why + ".");
    }

    private static String printable(String text) {
        String cut = text.length() > 20 ? text.substring(0, 20) + "…" : text;
        StringBuilder out = new StringBuilder();
        cut.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** How many codes the list holds. */
    public int size() {
        return entries.size();
    }

    /** The entry of a code typed with or without the dot, in any case and with spaces around; empty when unknown. */
    public Optional<Entry> find(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String bare = typed.strip().toUpperCase(Locale.ROOT).replace(".", "");
        return Optional.ofNullable(byCode.get(bare)).map(Indexed::entry);
    }

    /** {@link #search(String, int)} with at most {@link #DEFAULT_LIMIT} results. */
    public List<Entry> search(String query) {
        return search(query, DEFAULT_LIMIT);
    }

    /**
     * The entries a typed query names, best first: the code itself, then codes that start with it
     * (shortest first), then titles of which every typed word starts a word (ignoring case and
     * accents; shortest title first). Empty for a blank query.
     */
    public List<Entry> search(String query, int limit) {
        if (query == null || query.isBlank() || limit <= 0) {
            return List.of();
        }
        Set<Indexed> found = new LinkedHashSet<>();
        String typed = query.strip().toUpperCase(Locale.ROOT);
        if (TYPED_CODE.matcher(typed).matches()) {
            String bare = typed.replace(".", "");
            Indexed exact = byCode.get(bare);
            if (exact != null) {
                found.add(exact);
            }
            List<Indexed> longer = new ArrayList<>();
            for (int i = firstAtOrAfter(bare); i < inCodeOrder.size() && inCodeOrder.get(i).bareCode().startsWith(bare);
                    i++) {
                longer.add(inCodeOrder.get(i));
            }
            longer.sort(Comparator.comparingInt((Indexed indexed) -> indexed.bareCode().length())
                    .thenComparing(Indexed::bareCode));
            longer.stream().limit(limit).forEach(found::add);
        }
        String[] words = words(query);
        if (words.length > 0 && found.size() < limit) {
            String[] spaced = new String[words.length];
            for (int i = 0; i < words.length; i++) {
                spaced[i] = " " + words[i];
            }
            List<Indexed> titled = new ArrayList<>();
            for (Indexed indexed : entries) {
                if (everyWordStartsOne(spaced, indexed.spacedWords())) {
                    titled.add(indexed);
                }
            }
            titled.sort(Comparator.comparingInt((Indexed indexed) -> indexed.entry().title().length())
                    .thenComparing(Indexed::bareCode));
            for (Indexed indexed : titled) {
                if (found.size() >= limit) {
                    break;
                }
                found.add(indexed);
            }
        }
        return found.stream().limit(limit).map(Indexed::entry).toList();
    }

    /** The index of the first entry in code order whose code is not before {@code code}. */
    private int firstAtOrAfter(String code) {
        int low = 0;
        int high = inCodeOrder.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (inCodeOrder.get(middle).bareCode().compareTo(code) < 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** Whether every typed word (with a space before it) starts a word of {@code title} (each with a space before it). */
    private static boolean everyWordStartsOne(String[] spacedTyped, String spacedTitle) {
        for (String word : spacedTyped) {
            if (!spacedTitle.contains(word)) {
                return false;
            }
        }
        return true;
    }

    /** The words of a text, lower case and without accents, for matching. */
    static String[] words(String text) {
        String plain = text.chars().allMatch(c -> c < 0x80) ? text
                : MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                word.append(Character.toLowerCase(c));
            } else if (!word.isEmpty()) {
                words.add(word.toString());
                word.setLength(0);
            }
        }
        if (!word.isEmpty()) {
            words.add(word.toString());
        }
        return words.toArray(String[]::new);
    }
}
