package org.clinicledger.ui.common;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

import org.clinicledger.domain.InvalidInputException;

/**
 * Writes a file where the person chose to save it: an attachment, their copy of a record, a
 * receipt. What is written may hold health data, so the file is readable by its owner only where
 * the system has such permissions, and it appears whole or not at all: the bytes go to a temporary
 * file beside the target, reach the disk, and are then moved over the target in one step. A crash
 * never leaves half a copy whose hash no longer matches.
 */
public final class ChosenFile {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private ChosenFile() {
    }

    /**
     * Writes {@code bytes} to {@code target}, replacing what was there; returns {@code target}.
     *
     * @throws InvalidInputException saying in plain words why the file could not be written there
     */
    public static Path write(Path target, byte[] bytes) {
        try {
            return writeAtomically(target, bytes);
        } catch (NoSuchFileException noFolder) {
            throw refused(target, "the folder does not exist");
        } catch (AccessDeniedException denied) {
            throw refused(target, "this account may not write there");
        } catch (IOException e) {
            throw refused(target, "the system refused to write it there");
        }
    }

    private static InvalidInputException refused(Path target, String why) {
        return new InvalidInputException("The file could not be saved as " + target + ": " + why
                + ". Choose another place.");
    }

    private static Path writeAtomically(Path target, byte[] bytes) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        Path temporary = POSIX
                ? Files.createTempFile(folder, ".clinicledger-", ".part",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(folder, ".clinicledger-", ".part");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException notHere) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
        return target;
    }
}
