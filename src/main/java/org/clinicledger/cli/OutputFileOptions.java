package org.clinicledger.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import org.clinicledger.clinic.ChosenFile;
import org.clinicledger.domain.InvalidInputException;

import picocli.CommandLine.Option;

/** {@code --out FILE} and {@code --force}: where a command writes what it makes, and whether it may replace it. */
final class OutputFileOptions {

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The file to write.")
    Path out;

    @Option(names = "--force", description = "Replace FILE if it exists (otherwise an existing file is refused).")
    boolean force;

    /** Refuses, before any password is asked for, a file that is there and may not be replaced. */
    void requireWritable() {
        requireWritable(out, force);
    }

    /** Refuses {@code out} when it is a folder, or is there and {@code force} does not say it may be replaced. */
    static void requireWritable(Path out, boolean force) {
        if (Files.isDirectory(out)) {
            throw new InvalidInputException("--out " + out + " is a folder; give the name of a file to write.");
        }
        if (!force && Files.exists(out)) {
            throw new InvalidInputException("--out " + out + " already exists; give another name, or --force to replace it.");
        }
    }

    /** Writes the file in one step, owner-only (see {@link ChosenFile}). */
    void write(byte[] bytes) {
        ChosenFile.write(out, bytes, force);
    }
}
