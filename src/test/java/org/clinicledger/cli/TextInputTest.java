package org.clinicledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.clinicledger.clinic.KeyDerivationTuning;
import org.clinicledger.domain.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading text options from real files and standard input, and everything that is refused. */
class TextInputTest {

    @TempDir
    Path temp;

    private static TextInput input(String standardInput) {
        return input(new ByteArrayInputStream(standardInput.getBytes(StandardCharsets.UTF_8)));
    }

    private static TextInput input(InputStream standardInput) {
        return new TextInput(new CommandEnvironment(Map.of(), null, Clock.systemUTC(), KeyDerivationTuning.minimum(),
                standardInput));
    }

    private Path file(String name, byte[] bytes) throws Exception {
        return Files.write(temp.resolve(name), bytes);
    }

    private Path file(String name, String text) throws Exception {
        return file(name, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsAFileAsUtf8WithoutItsFinalLineBreakOrByteOrderMark() throws Exception {
        TextInput input = input("");
        assertThat(input.read(file("a.txt", "Asthma, moderate – with ümlauts\n"), "--diagnosis-file"))
                .isEqualTo("Asthma, moderate – with ümlauts");
        assertThat(input.read(file("b.txt", "\uFEFFFirst line\r\nSecond line\r\n"), "--note-file"))
                .isEqualTo("First line\r\nSecond line");
        assertThat(input.read(file("c.txt", "kept\n\n"), "--note-file")).as("only one line break is dropped")
                .isEqualTo("kept\n");
        assertThat(input.read(file("d.txt", ""), "--note-file")).isEmpty();
        byte[] largest = new byte[TextInput.MAX_BYTES];
        java.util.Arrays.fill(largest, (byte) 'x');
        assertThat(input.read(file("e.txt", largest), "--note-file")).hasSize(TextInput.MAX_BYTES);
    }

    @Test
    void readsStandardInputForADashOnceOnly() {
        TextInput input = input("Chest pain since Tuesday\n");
        assertThat(input.read(Path.of("-"), "--reason-file")).isEqualTo("Chest pain since Tuesday");
        assertThatThrownBy(() -> input.read(Path.of("-"), "--note-file")).isInstanceOf(InvalidInputException.class)
                .hasMessage("Only one option can read standard input (-); give the others as files.");
    }

    @Test
    void refusesWhatCannotBeReadInOneLine() throws Exception {
        TextInput input = input("");
        Path missing = temp.resolve("missing.txt");
        assertThatThrownBy(() -> input.read(missing, "--note-file")).isInstanceOf(InvalidInputException.class)
                .hasMessage("--note-file " + missing + ": no such file.");
        assertThatThrownBy(() -> input.read(temp, "--note-file")).isInstanceOf(InvalidInputException.class)
                .hasMessage("--note-file " + temp + " is a folder, not a file.");
        Path large = file("large.txt", new byte[TextInput.MAX_BYTES + 1]);
        assertThatThrownBy(() -> input.read(large, "--note-file")).isInstanceOf(InvalidInputException.class)
                .hasMessage("--note-file " + large + " is larger than 512 KiB.");
        Path latin1 = file("latin1.txt", "Sch\u00f6n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> input.read(latin1, "--diagnosis-file")).isInstanceOf(InvalidInputException.class)
                .hasMessage("--diagnosis-file " + latin1 + " is not UTF-8 text.");
        Path truncated = file("truncated.txt", new byte[] {'a', (byte) 0xE2, (byte) 0x82});
        assertThatThrownBy(() -> input.read(truncated, "--diagnosis-file")).hasMessageEndingWith("is not UTF-8 text.");
        Path surrogate = file("surrogate.txt", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
        assertThatThrownBy(() -> input.read(surrogate, "--diagnosis-file")).hasMessageEndingWith("is not UTF-8 text.");

        assertThatThrownBy(() -> input(new ByteArrayInputStream(new byte[TextInput.MAX_BYTES + 1]))
                .read(Path.of("-"), "--note-file")).hasMessage("--note-file - (standard input) is larger than 512 KiB.");
        assertThatThrownBy(() -> input(new ByteArrayInputStream(new byte[] {(byte) 0xFF})).read(Path.of("-"), "--note-file"))
                .hasMessage("--note-file - (standard input) is not UTF-8 text.");
        assertThatThrownBy(() -> input(new ByteArrayInputStream(new byte[] {(byte) 0xC3})).read(Path.of("-"), "--note-file"))
                .hasMessage("--note-file - (standard input) is not UTF-8 text.");
    }

    @Test
    void anUnreadableFileIsRefused() throws Exception {
        Path secret = file("secret.txt", "text");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("-w-------"));
        // Root reads anything: then ReadOnlyFolderIT runs the same refusal as an unprivileged user.
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(secret), "running with rights to read anything");
        assertThatThrownBy(() -> input("").read(secret, "--reason-file")).isInstanceOf(InvalidInputException.class)
                .hasMessage("--reason-file " + secret + ": permission denied.");
    }

    @Test
    void anInlineTextAndAFileAreNeverBothTaken() throws Exception {
        TextInput input = input("");
        Path reason = file("reason.txt", "From the file");
        assertThat(input.oneOf("Inline", "--reason", null, "--reason-file")).isEqualTo("Inline");
        assertThat(input.oneOf(null, "--reason", reason, "--reason-file")).isEqualTo("From the file");
        assertThat(input.oneOf(null, "--reason", null, "--reason-file")).isNull();
        assertThatThrownBy(() -> input.oneOf("Inline", "--reason", reason, "--reason-file"))
                .isInstanceOf(InvalidInputException.class).hasMessage("Give --reason or --reason-file, not both.");

        assertThat(input.allOf(List.of("one", "two"), "--note", List.of(), "--note-file")).containsExactly("one", "two");
        assertThat(input.allOf(List.of(), "--note", List.of(reason, reason), "--note-file"))
                .containsExactly("From the file", "From the file");
        assertThatThrownBy(() -> input.allOf(List.of("one"), "--note", List.of(reason), "--note-file"))
                .hasMessage("Give --note or --note-file, not both.");
    }

    @Test
    void aFormHasKnownKeysOnceEachAnyCaseWithCommentsAndBlankLines() throws Exception {
        Set<String> keys = new java.util.LinkedHashSet<>(List.of("name", "dob", "sex"));
        Path form = file("form.txt", "# the patient\n\nName:  Ada  Byron \r\nDOB: 1985-12-10\nsex:\n");
        assertThat(input("").form(form, "--details-file", keys))
                .containsExactly(Map.entry("name", "Ada  Byron"), Map.entry("dob", "1985-12-10"), Map.entry("sex", ""));
        assertThat(input("name: Grace Hopper: Admiral").form(Path.of("-"), "--details-file", keys))
                .containsExactly(Map.entry("name", "Grace Hopper: Admiral"));

        Path unknown = file("unknown.txt", "name: Ada\nnickname: Ada\n");
        assertThatThrownBy(() -> input("").form(unknown, "--details-file", keys))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--details-file " + unknown + ", line 2: expected one of name, dob, sex, then ':' and the value.");
        Path noColon = file("nocolon.txt", "Ada Byron\n");
        assertThatThrownBy(() -> input("").form(noColon, "--details-file", keys))
                .hasMessage("--details-file " + noColon + ", line 1: expected one of name, dob, sex, then ':' and the value.");
        Path twice = file("twice.txt", "name: Ada\nNAME: Grace\n");
        assertThatThrownBy(() -> input("").form(twice, "--details-file", keys))
                .hasMessage("--details-file " + twice + ", line 2: name is given twice.");
    }
}
