package org.clinicledger.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/**
 * The reason a command records (a referral, an emergency access, a deletion), given inline or, as
 * it may name a patient's condition, from a file or standard input ({@link TextInput}).
 */
final class ReasonOptions {

    @Option(names = "--reason", paramLabel = "TEXT",
            description = "The reason, in words." + TextInput.VISIBLE + "--reason-file.")
    String inline;

    @Option(names = "--reason-file", paramLabel = "FILE",
            description = "A UTF-8 file holding the reason ('-': standard input).")
    Path file;

    /** The reason given, or null when none was. */
    String text(TextInput input) {
        return input.oneOf(inline, "--reason", file, "--reason-file");
    }
}
