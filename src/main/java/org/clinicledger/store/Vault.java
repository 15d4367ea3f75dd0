package org.clinicledger.store;

import java.io.IOException;
import java.io.InputStream;
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
import java.security.MessageDigest;
import java.util.Optional;
import java.util.regex.Pattern;

import org.clinicledger.crypto.Hex;
import org.clinicledger.crypto.Sha256;

/**
 * The folder of encrypted files beside the database, addressed by the SHA-256 of their bytes:
 * {@code vault/ab/abcdef…}. It only ever holds ciphertext. A file is written to a temporary name,
 * forced to disk, renamed into place and the folder forced too, so a crash leaves either the whole
 * file or none; writing the same bytes twice is harmless.
 */
public final class Vault {

    static final String FOLDER = "vault";
    private static final Pattern ADDRESS = Pattern.compile("[0-9a-f]{64}");

    private final Path root;

    public Vault(DataFolder folder) {
        this.root = folder.root().resolve(FOLDER);
    }

    /** Stores {@code ciphertext} and returns its address, the lower-case hex SHA-256 of the bytes. */
    public String put(byte[] ciphertext) throws IOException {
        String address = Hex.encode(Sha256.digest(ciphertext));
        Path target = path(address);
        if (Files.isRegularFile(target) && Files.size(target) == ciphertext.length) {
            return address;
        }
        Path shard = target.getParent();
        Files.createDirectories(shard);
        Path temporary = Files.createTempFile(shard, ".incoming-", ".tmp");
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            }
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(ciphertext);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            forceFolder(shard);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return address;
    }

    /** The bytes at {@code address}, checked against it; empty when there is no such file. */
    public Optional<byte[]> get(String address) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path(address));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(Sha256.digest(bytes), Hex.decode(address))) {
            throw new IOException("The encrypted file " + address + " was changed: its contents no longer match its name");
        }
        return Optional.of(bytes);
    }

    /** Whether a file is stored at {@code address}, and its bytes still hash to it. */
    public boolean holdsIntact(String address) throws IOException {
        Path file = path(address);
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return MessageDigest.isEqual(Sha256.digest(in), Hex.decode(address));
        }
    }

    public boolean contains(String address) {
        return Files.isRegularFile(path(address));
    }

    /** Removes the file (crypto-shredding removes its key as well); returns whether there was one. */
    public boolean delete(String address) throws IOException {
        boolean deleted = Files.deleteIfExists(path(address));
        if (deleted) {
            forceFolder(path(address).getParent());
        }
        return deleted;
    }

    private Path path(String address) {
        if (address == null || !ADDRESS.matcher(address).matches()) {
            throw new IllegalArgumentException("Not a vault address: " + address);
        }
        return root.resolve(address.substring(0, 2)).resolve(address);
    }

    /** Makes the rename durable too; not every system can open a folder, and then the rename is left to it. */
    private static void forceFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Windows cannot open a directory as a channel; NTFS journals the rename itself.
        }
    }

}
