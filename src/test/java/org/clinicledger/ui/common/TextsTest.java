package org.clinicledger.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the window's words and the code in step (decision 0031): every key the {@code ui} sources
 * use is in {@code messages.properties} and every key there is used; a text read by
 * {@link Texts#format} is a pattern that parses and takes as many arguments as the call gives; a
 * text read by {@link Texts#get} has no placeholders; and no source of {@code ui} passes a string
 * literal where the window shows text.
 */
class TextsTest {

    private static final Path SOURCES = Path.of("src/main/java/org/clinicledger/ui");
    private static final Path BUNDLE = Path.of("src/main/resources/org/clinicledger/ui/messages.properties");

    /** Calls whose text the window shows, with a string literal holding a letter as their first argument. */
    private static final Pattern SHOWN_LITERAL = Pattern.compile("(?:\\.(?:setText|setTitle|setHeaderText"
            + "|setContentText|setPromptText|setAccessibleText|setPlaceholder|title|text|section|row|hint|task"
            + "|run|reportedAs|unexpectedProblem|showInformation|showError|confirm|reportFailure|chooseFileToSave"
            + "|chooseFilesToOpen)|new (?:Label|Button|MenuItem|Menu|Tooltip|TableColumn<[^>]*>|CheckBox"
            + "|RadioButton|Hyperlink|Tab|ButtonType|ToggleButton|Text)|TextColumn\\.<[^>]*>of|super|emptyState)"
            + "\\(\\s*\"[^\"]*\\p{L}");
    private static final Pattern KEY_USE = Pattern.compile("Texts\\.(get|format)\\(\"([^\"]+)\"");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)");

    private static Properties bundle;
    private static Map<Path, String> sources;

    @BeforeAll
    static void read() throws IOException {
        bundle = new Properties();
        try (Reader in = Files.newBufferedReader(BUNDLE, StandardCharsets.UTF_8)) {
            bundle.load(in);
        }
        sources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                sources.put(file, Files.readString(file, StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void everyKeyUsedIsInTheBundleAndEveryKeyInTheBundleIsUsed() {
        Set<String> used = new TreeSet<>();
        sources.values().forEach(source -> KEY_USE.matcher(source).results().forEach(use -> used.add(use.group(2))));

        assertThat(used).as("keys used in code but missing from the bundle").isSubsetOf(bundle.stringPropertyNames());
        assertThat(new TreeSet<>(bundle.stringPropertyNames())).as("keys in the bundle that no code uses")
                .isSubsetOf(used);
    }

    @Test
    void aKeyIsReadOneWayAndItsTextFitsThatWay() {
        Set<String> gotten = new HashSet<>();
        Set<String> formatted = new HashSet<>();
        List<String> wrong = new ArrayList<>();
        sources.forEach((file, source) -> {
            Matcher use = KEY_USE.matcher(source);
            while (use.find()) {
                String key = use.group(2);
                String text = bundle.getProperty(key, "");
                if (use.group(1).equals("get")) {
                    gotten.add(key);
                    if (PLACEHOLDER.matcher(text).find() || text.contains("''")) {
                        wrong.add(key + " is read with Texts.get but is written as a pattern: " + text);
                    }
                    continue;
                }
                formatted.add(key);
                int given = argumentsAfter(source, use.end());
                String problem = patternProblem(text, given);
                if (problem != null) {
                    wrong.add(key + " (" + SOURCES.relativize(file) + "): " + problem);
                }
            }
        });
        gotten.retainAll(formatted);

        assertThat(wrong).isEmpty();
        assertThat(gotten).as("keys read both with get and with format").isEmpty();
    }

    @Test
    void noSourcePassesALiteralWhereTheWindowShowsText() {
        List<String> found = new ArrayList<>();
        sources.forEach((file, source) -> {
            String name = SOURCES.relativize(file).toString().replace('\\', '/');
            Matcher literal = SHOWN_LITERAL.matcher(withoutComments(source));
            while (literal.find()) {
                found.add(name + ": " + literal.group());
            }
        });

        assertThat(found).isEmpty();
    }

    @Test
    void theScanCatchesALiteralLabel() {
        assertThat(SHOWN_LITERAL.matcher("Label title = new Label(\"Welcome\");").find()).isTrue();
        assertThat(SHOWN_LITERAL.matcher("button.setTooltip(new Tooltip(\"Copy the hash\"));").find()).isTrue();
        assertThat(SHOWN_LITERAL.matcher("dialog.setHeaderText(\"Change the password of \" + name);").find())
                .isTrue();
        assertThat(SHOWN_LITERAL.matcher("new Label(Texts.get(\"signin.username\"))").find()).isFalse();
        assertThat(SHOWN_LITERAL.matcher("field.setText(\"\");").find()).isFalse();
    }

    @Test
    void patternsAreFilledInAsWritten() {
        assertThat(Texts.format("main.idleMinutes", 1L)).isEqualTo("1 minute");
        assertThat(Texts.format("main.idleMinutes", 10L)).isEqualTo("10 minutes");
        assertThat(Texts.format("ledger.counted", 1, 12_345)).isEqualTo("1 chain, 12345 blocks");
        assertThat(Texts.format("common.clinicKeyCard.qrCode", "ABCD")).isEqualTo(
                "QR code of the clinic key's fingerprint ABCD");
        assertThat(Texts.get("common.clinicKeyCard.theClinicsIdentityThe")).contains("clinic's identity");
        assertThat(patternProblem("It''s {0} and {1}", 1)).contains("2 arguments");
        assertThat(patternProblem("It's {0}", 1)).contains("apostrophe");
        assertThat(patternProblem("{0} of {2}", 2)).contains("{1}");
        assertThat(patternProblem("{0,choice,1#one|1<{0,number,0} many} in {1}", 2)).isNull();
        assertThat(patternProblem("{0,choice,1#one|1<{0,number,#} many}", 1)).contains("does not parse");
    }

    /** Why {@code pattern} does not fit a call with {@code given} arguments, or null when it does. */
    private static String patternProblem(String pattern, int given) {
        try {
            new MessageFormat(pattern, Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "the pattern does not parse: " + e.getMessage();
        }
        String unquoted = pattern.replace("''", "").replace("'{'", "").replace("'}'", "");
        if (unquoted.contains("'")) {
            return "a single apostrophe quotes text in a pattern; write it twice: " + pattern;
        }
        Set<Integer> indexes = new TreeSet<>();
        PLACEHOLDER.matcher(pattern).results().forEach(found -> indexes.add(Integer.parseInt(found.group(1))));
        if (indexes.size() != given) {
            return "the pattern takes " + indexes.size() + " arguments, the call gives " + given;
        }
        for (int index = 0; index < given; index++) {
            if (!indexes.contains(index)) {
                return "the pattern has no {" + index + "}";
            }
        }
        return null;
    }

    /** How many arguments follow the key of a {@code Texts.format("key"} call that ends at {@code from}. */
    private static int argumentsAfter(String source, int from) {
        int depth = 0;
        int commas = 0;
        for (int at = from; at < source.length(); at++) {
            char c = source.charAt(at);
            if (c == '"') {
                at = endOfLiteral(source, at);
            } else if (c == '\'') {
                at = source.indexOf('\'', at + (source.charAt(at + 1) == '\\' ? 3 : 2));
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (depth == 0) {
                    return commas;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                commas++;
            }
        }
        throw new AssertionError("unclosed call at " + from);
    }

    private static int endOfLiteral(String source, int start) {
        int at = start + 1;
        while (source.charAt(at) != '"') {
            at += source.charAt(at) == '\\' ? 2 : 1;
        }
        return at;
    }

    private static String withoutComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)^\\s*//.*$", "");
    }
}
