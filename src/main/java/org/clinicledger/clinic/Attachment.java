package org.clinicledger.clinic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.clinicledger.crypto.Hex;
import org.clinicledger.crypto.Sha256;
import org.clinicledger.domain.ByteSize;
import org.clinicledger.domain.AttachmentSummary;
import org.clinicledger.domain.InvalidInputException;

/** An attachment read into memory, with what a record says of it; {@link #wipe()} overwrites it. */
record Attachment(AttachmentSummary summary, byte[] bytes) {

    /** Takes ownership of {@code bytes}. */
    static Attachment of(String name, String mediaType, byte[] bytes) {
        return new Attachment(new AttachmentSummary(name, mediaType, bytes.length, Hex.encode(Sha256.digest(bytes))),
                bytes);
    }

    void wipe() {
        Arrays.fill(bytes, (byte) 0);
    }

    /** Reads and checks every file before anything is written; on a refusal, what was read is wiped. */
    static List<Attachment> readAll(List<Path> paths, long limit) {
        List<Attachment> files = new ArrayList<>();
        try {
            for (Path path : paths) {
                files.add(read(path, limit));
            }
            return files;
        } catch (RuntimeException e) {
            files.forEach(Attachment::wipe);
            throw e;
        }
    }

    /** Refuses, before anything is written, an attachment over {@code limit} bytes. */
    static void checkSize(Attachment attachment, long limit) {
        if (attachment.bytes().length > limit) {
            throw new InvalidInputException("The file " + attachment.summary().name()
                    + " is too large to attach: the limit is " + ByteSize.format(limit) + ".");
        }
    }

    private static Attachment read(Path path, long limit) {
        if (path == null || !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(path)) {
            throw new InvalidInputException("The file to attach " + path + " does not exist or is not a regular file.");
        }
        String name = path.getFileName().toString();
        if (name.length() > 255) {
            throw new InvalidInputException("The name of the file to attach is too long: at most 255 characters.");
        }
        try {
            long size = Files.size(path);
            if (size > limit) {
                throw new InvalidInputException("The file " + name + " is too large to attach: "
                        + ByteSize.format(size) + ", the limit is " + ByteSize.format(limit) + ".");
            }
            byte[] bytes = Files.readAllBytes(path);
            if (bytes.length > limit) {
                Arrays.fill(bytes, (byte) 0);
                throw new InvalidInputException("The file " + name + " is too large to attach.");
            }
            return of(name, mediaType(path), bytes);
        } catch (IOException e) {
            throw new InvalidInputException("The file to attach " + path + " cannot be read: " + e.getMessage());
        }
    }

    private static String mediaType(Path path) {
        String mediaType = null;
        try {
            mediaType = Files.probeContentType(path);
        } catch (IOException unknown) {
            // Fall back to the generic type.
        }
        if (mediaType == null || mediaType.isBlank() || mediaType.length() > 127) {
            mediaType = "application/octet-stream";
        }
        return mediaType;
    }
}
