package org.clinicledger.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.clinicledger.domain.InvalidInputException;

/**
 * Where the commands read text that may hold personal data (diagnoses, notes, reasons, names,
 * search queries) from a file, or from standard input for {@code -}, instead of from an argument,
 * which every local user can read in the process list ({@code /proc/PID/cmdline}). Each option that
 * takes such text inline has a {@code …-file} twin read here; the inline forms remain for tests and
 * say in their help that others can see them.
 *
 * <p>A file is read as UTF-8 (a leading byte-order mark and one final line break are dropped), at
 * most {@value #MAX_BYTES} bytes, which is more than the longest text any service accepts (notes:
 * 100,000 characters). Anything else is refused with a one-line message, exit 2. Standard input can
 * be read once per command, so only one option may name {@code -}. A file named {@code -} is given
 * as {@code ./-}.
 */
final class TextInput {

    /** The most a text file may hold: 512 KiB. */
    static final int MAX_BYTES = 512 * 1024;
    /** What a file option names to read standard input. */
    static final String STANDARD_INPUT = "-";
    /** The suffix shared by every inline option's help. */
    static final String VISIBLE = " Visible to other local users in the process list; prefer ";

    private final InputStream standardInput;
    private boolean standardInputRead;

    TextInput(CommandEnvironment environment) {
        this.standardInput = environment.standardInput();
    }

    /**
     * The text of an option given inline or as a file, never both.
     *
     * @return null when neither is given
     */
    String oneOf(String inline, String inlineOption, Path file, String fileOption) {
        if (inline != null && file != null) {
            throw new InvalidInputException("Give " + inlineOption + " or " + fileOption + ", not both.");
        }
        return file != null ? read(file, fileOption) : inline;
    }

    /** Like {@link #oneOf}, for options given more than once: each inline value or each file's text. */
    List<String> allOf(List<String> inline, String inlineOption, List<Path> files, String fileOption) {
        if (!inline.isEmpty() && !files.isEmpty()) {
            throw new InvalidInputException("Give " + inlineOption + " or " + fileOption + ", not both.");
        }
        if (files.isEmpty()) {
            return inline;
        }
        List<String> texts = new ArrayList<>();
        for (Path file : files) {
            texts.add(read(file, fileOption));
        }
        return texts;
    }

    /**
     * A small form of {@code key: value} lines, one per key at most, from a file: blank lines and
     * lines starting with {@code #} are skipped; keys are any case; values are stripped.
     *
     * @param keys the keys the form may have
     */
    Map<String, String> form(Path file, String fileOption, Set<String> keys) {
        String text = read(file, fileOption);
        Map<String, String> values = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int number = 1; number <= lines.length; number++) {
            String line = lines[number - 1].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            String key = colon < 0 ? null : line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            if (key == null || !keys.contains(key)) {
                throw new InvalidInputException(fileOption + " " + file + ", line " + number + ": expected one of "
                        + String.join(", ", keys) + ", then ':' and the value.");
            }
            if (values.put(key, line.substring(colon + 1).strip()) != null) {
                throw new InvalidInputException(fileOption + " " + file + ", line " + number + ": " + key
                        + " is given twice.");
            }
        }
        return values;
    }

    /** The text of {@code file} ({@code -}: standard input), checked as described above. */
    String read(Path file, String fileOption) {
        return text(bytes(file, fileOption, MAX_BYTES), describe(file, fileOption));
    }

    /** The bytes of {@code file} ({@code -}: standard input), at most {@code maxBytes}. */
    byte[] bytes(Path file, String fileOption, int maxBytes) {
        byte[] bytes;
        String what = describe(file, fileOption);
        if (file.toString().equals(STANDARD_INPUT)) {
            if (standardInputRead) {
                throw new InvalidInputException("Only one option can read standard input (-); give the others as files.");
            }
            standardInputRead = true;
            bytes = limited(standardInput, what, maxBytes);
        } else {
            if (Files.isDirectory(file)) {
                throw new InvalidInputException(what + " is a folder, not a file.");
            }
            try (InputStream in = Files.newInputStream(file)) {
                bytes = limited(in, what, maxBytes);
            } catch (NoSuchFileException e) {
                throw new InvalidInputException(what + ": no such file.");
            } catch (AccessDeniedException e) {
                throw new InvalidInputException(what + ": permission denied.");
            } catch (IOException e) {
                throw new InvalidInputException(what + " cannot be read: " + e.getMessage());
            }
        }
        return bytes;
    }

    private static String describe(Path file, String fileOption) {
        String name = fileOption.isEmpty() ? "" : fileOption + " ";
        return file.toString().equals(STANDARD_INPUT) ? name + "- (standard input)" : name + file;
    }

    private static byte[] limited(InputStream in, String what, int maxBytes) {
        try {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new InvalidInputException(what + " is larger than " + maxBytes / 1024 + " KiB.");
            }
            return bytes;
        } catch (IOException e) {
            throw new InvalidInputException(what + " cannot be read: " + e.getMessage());
        }
    }

    private static String text(byte[] bytes, String what) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(what + " is not UTF-8 text.");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.endsWith("\r\n")) {
            return text.substring(0, text.length() - 2);
        }
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
}
