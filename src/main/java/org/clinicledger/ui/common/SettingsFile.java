package org.clinicledger.ui.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

import org.slf4j.LoggerFactory;

/**
 * A small {@code .properties} file of this computer's window settings in the data folder (the
 * window's size, the preferences). Reading never fails the window: a missing, unreadable or
 * oversized file means "the defaults". Writing is atomic, so a crash never leaves half a file.
 * These files hold no patient data and decide nothing about access (see
 * {@code ledger.TableCoverage}).
 */
final class SettingsFile {

    /** Far more than any of these files holds; a bigger one is not ours. */
    private static final long MAX_BYTES = 16 * 1024;

    private SettingsFile() {
    }

    /** The file's settings, or empty when there is no such file or it cannot be read as one. */
    static Optional<Properties> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IOException("larger than " + MAX_BYTES + " bytes");
            }
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            }
            return Optional.of(properties);
        } catch (IOException | RuntimeException e) {
            LoggerFactory.getLogger(SettingsFile.class).warn("Ignoring unreadable {}: {}", file, e.toString());
            return Optional.empty();
        }
    }

    /** Replaces {@code file} with {@code properties}, whole or not at all. */
    static void write(Path file, Properties properties, String comment) throws IOException {
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                properties.store(out, comment);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
