package org.clinicledger.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

import org.clinicledger.crypto.Ed25519;
import org.clinicledger.crypto.Hex;

/**
 * This machine's node key: it signs the chains' heads after every append, unattended, so it lives
 * in a file of the data folder that only its owner may read (like an SSH host key). Its public key
 * is registered on the machine's own chain, {@code node/<key id>}, so anyone can verify heads
 * without a password. A copy of the data folder without this file can be verified but not changed.
 */
public final class NodeIdentity {

    public static final String FILE_NAME = "node.key";
    /** 64 hex digits and a line end; anything much longer is not a key file. */
    private static final long MAX_FILE_BYTES = 1_024;

    private NodeIdentity() {
    }

    /** The node key of the data folder at {@code folder}, if this copy has one. */
    public static Optional<SigningKey> load(Path folder) {
        Path file = folder.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        byte[] seed = null;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IllegalStateException(file + " does not hold a node key: it is far too large");
            }
            // Decoding replaces anything that is not ASCII, which the hex decoder then refuses.
            String text = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).strip();
            seed = Hex.decode(text);
            return Optional.of(new SigningKey(Ed25519.KeyPair.fromSeed(seed)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + " does not hold a node key: " + e.getMessage(), e);
        } finally {
            if (seed != null) {
                Arrays.fill(seed, (byte) 0);
            }
        }
    }

    /** Makes a new node key and writes it atomically; refuses to replace an existing one. */
    public static SigningKey create(Path folder, SecureRandom random) {
        return install(folder, Ed25519.KeyPair.generate(random));
    }

    /**
     * Writes the node key a replica was given in its export (decision 0022) atomically; refuses to
     * replace an existing one.
     */
    public static SigningKey install(Path folder, Ed25519.KeyPair keys) {
        Path file = folder.resolve(FILE_NAME);
        if (Files.exists(file)) {
            throw new IllegalStateException(file + " exists already");
        }
        byte[] seed = keys.privateKey();
        try {
            Path temporary = Files.createTempFile(folder, "node", ".tmp");
            try {
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
                }
                Files.writeString(temporary, Hex.encode(seed) + "\n", StandardCharsets.US_ASCII,
                        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
        return new SigningKey(keys);
    }
}
