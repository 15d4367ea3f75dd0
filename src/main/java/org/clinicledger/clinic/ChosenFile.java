package org.clinicledger.clinic;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.clinicledger.domain.InvalidInputException;

/**
 * Writes a file someone chose (a patient's copy, a proof, a receipt, an attachment) so that it is
 * either all there or not there: through a temporary file beside it that only its owner may read
 * (what {@link Files#createTempFile} makes on POSIX systems), forced to disk, then moved into place
 * in one step. A file that is already there is replaced only when the person said so.
 */
public final class ChosenFile {

    private ChosenFile() {
    }

    /**
     * Writes {@code bytes} to {@code target}.
     *
     * @throws InvalidInputException in plain words when the file exists and {@code replace} is
     *     false, or it cannot be written where it was chosen
     */
    public static void write(Path target, byte[] bytes, boolean replace) {
        write(target, replace, out -> out.write(bytes));
    }

    /** What is written into a chosen file, as a stream; an {@link IOException} it throws fails the write. */
    @FunctionalInterface
    public interface Contents {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes what {@code contents} produces to {@code target}, in the same way: nothing is in place
     * until all of it is on disk, and anything {@code contents} throws leaves no file behind.
     */
    public static void write(Path target, boolean replace, Contents contents) {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        if (Files.isDirectory(absolute)) {
            throw new InvalidInputException(target + " is a folder; give the name of a file to write.");
        }
        if (!replace && Files.exists(absolute)) {
            throw new InvalidInputException(target + " already exists.");
        }
        Path temporary = null;
        try {
            temporary = Files.createTempFile(folder, ".clinicledger-", ".part");
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
                    OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
                contents.writeTo(out);
                out.flush();
                channel.force(true);
            }
            List<StandardCopyOption> options = new ArrayList<>(List.of(StandardCopyOption.ATOMIC_MOVE));
            if (replace) {
                options.add(StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(temporary, absolute, options.toArray(StandardCopyOption[]::new));
            temporary = null;
        } catch (FileAlreadyExistsException e) {
            throw new InvalidInputException(target + " already exists.");
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("The folder of " + target + " does not exist.");
        } catch (AccessDeniedException e) {
            throw new InvalidInputException(target + " cannot be written there: permission denied.");
        } catch (IOException e) {
            throw new InvalidInputException(target + " could not be written: " + e.getMessage());
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // nothing was moved into place; a leftover .part file is harmless and owner-only
                }
            }
        }
    }
}
