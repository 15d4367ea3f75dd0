package org.clinicledger.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
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
    private static final Pattern SHARD = Pattern.compile("[0-9a-f]{2}");
    private static final String TEMPORARY_PREFIX = ".incoming-";
    private static final String TEMPORARY_SUFFIX = ".tmp";
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    /**
     * Files in the vault that belong to nothing: how many and their bytes, and how many of them (and
     * bytes) were removed.
     */
    public record Leftovers(int files, long bytes, int removed, long removedBytes) {
        public static final Leftovers NONE = new Leftovers(0, 0, 0, 0);

        Leftovers plus(long size, boolean wasRemoved) {
            return new Leftovers(files + 1, bytes + size, removed + (wasRemoved ? 1 : 0),
                    removedBytes + (wasRemoved ? size : 0));
        }
    }

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
        createPrivateFolder(root);
        createPrivateFolder(shard);
        Path temporary = Files.createTempFile(shard, TEMPORARY_PREFIX, TEMPORARY_SUFFIX);
        try {
            if (POSIX) {
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

    /**
     * A file arriving in pieces (from an export): written to a temporary file in its shard, hashed
     * as it comes, and moved into place by {@link Incoming#commit} only when it hashes to its
     * address. Until then, and after {@link Incoming#close} without a commit, nothing is in the vault.
     */
    public Incoming incoming(String address) throws IOException {
        if (!ADDRESS.matcher(address).matches()) {
            throw new IllegalArgumentException("Not a vault address: " + address);
        }
        Path target = path(address);
        createPrivateFolder(root);
        createPrivateFolder(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), TEMPORARY_PREFIX, TEMPORARY_SUFFIX);
        if (POSIX) {
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        }
        return new Incoming(address, target, temporary);
    }

    /** See {@link #incoming}. */
    public static final class Incoming implements AutoCloseable {

        private final String address;
        private final Path target;
        private final Path temporary;
        private final FileChannel channel;
        private final MessageDigest digest;
        private boolean committed;

        private Incoming(String address, Path target, Path temporary) throws IOException {
            this.address = address;
            this.target = target;
            this.temporary = temporary;
            this.channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        public void write(byte[] bytes, int offset, int length) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            digest.update(bytes, offset, length);
        }

        /** Puts the file in place when its bytes hash to its address; otherwise throws and leaves nothing. */
        public void commit() throws IOException {
            if (!MessageDigest.isEqual(digest.digest(), Hex.decode(address))) {
                throw new IOException("The file " + address + " does not match its address");
            }
            channel.force(true);
            channel.close();
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            forceFolder(target.getParent());
            committed = true;
        }

        @Override
        public void close() throws IOException {
            channel.close();
            if (!committed) {
                Files.deleteIfExists(temporary);
            }
        }
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

    /**
     * The file at {@code address} as a stream, for copying it whole without holding it (a backup);
     * the reader checks its bytes against the address.
     *
     * @throws java.nio.file.NoSuchFileException when there is no such file (any more)
     */
    public InputStream open(String address) throws IOException {
        return Files.newInputStream(path(address), LinkOption.NOFOLLOW_LINKS);
    }

    /** The size of the file at {@code address}; {@link NoSuchFileException} when there is none. */
    public long size(String address) throws IOException {
        return Files.size(path(address));
    }

    /**
     * Stores the bytes read from {@code bytes} at {@code address} (a restore), in constant memory;
     * refused unless they hash to the address. Unlike {@link #put} it does not force each file to
     * disk: a restore writes thousands, and {@link #force()} makes them all durable in one pass
     * before the restored folder is put in place, by when the system has mostly written them anyway.
     *
     * @throws IOException when they do not, or writing fails; nothing is left at the address then
     */
    public void putStream(String address, InputStream bytes) throws IOException {
        Path target = path(address);
        Path shard = target.getParent();
        createPrivateFolder(root);
        createPrivateFolder(shard);
        Path temporary = Files.createTempFile(shard, TEMPORARY_PREFIX, TEMPORARY_SUFFIX);
        try {
            if (POSIX) {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            }
            Sha256 digest = new Sha256();
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                byte[] buffer = new byte[64 * 1024];
                int read;
                while ((read = bytes.read(buffer)) >= 0) {
                    digest.update(buffer, 0, read);
                    ByteBuffer wrapped = ByteBuffer.wrap(buffer, 0, read);
                    while (wrapped.hasRemaining()) {
                        channel.write(wrapped);
                    }
                }
            }
            if (!MessageDigest.isEqual(digest.finish(), Hex.decode(address))) {
                throw new IOException("the encrypted file " + address + " does not match its name");
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Forces every file of the vault, each shard folder and the vault folder to disk (after {@link #putStream}). */
    public void force() throws IOException {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (DirectoryStream<Path> shards = Files.newDirectoryStream(root)) {
            for (Path shard : shards) {
                if (!Files.isDirectory(shard, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                try (DirectoryStream<Path> files = Files.newDirectoryStream(shard)) {
                    for (Path file : files) {
                        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                                channel.force(true);
                            }
                        }
                    }
                }
                forceFolder(shard);
            }
        }
        forceFolder(root);
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

    /**
     * Finds what a crash left in the vault: temporary files of writes that never finished, and files
     * named like an address that {@code referenced} does not accept (written for a record whose row
     * never committed, or of a deleted record whose removal was cut short). With {@code removeBefore},
     * those last modified before it are removed; the caller chooses it so that a file another
     * process is still writing, or is about to commit a row for, is never one of them. Only regular
     * files directly in a shard folder are considered: a symbolic link (to a file or as a shard) is
     * neither followed nor removed, and anything else the vault does not name is left alone.
     *
     * @param removeBefore null to only look
     */
    public Leftovers leftovers(Predicate<String> referenced, Instant removeBefore) throws IOException {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return Leftovers.NONE;
        }
        Leftovers found = Leftovers.NONE;
        try (DirectoryStream<Path> shards = Files.newDirectoryStream(root)) {
            for (Path shard : shards) {
                String name = shard.getFileName().toString();
                if (!SHARD.matcher(name).matches()) {
                    continue;
                }
                try (DirectoryStream<Path> files = openShard(shards, shard)) {
                    if (files != null) {
                        found = sweep(files, name, referenced, removeBefore, found);
                    }
                }
            }
        }
        return found;
    }

    /**
     * A shard's entries, opened relative to the vault's own handle where the system allows it, so
     * that a folder swapped for a link after it was listed is not entered; null when it is no folder.
     */
    private static DirectoryStream<Path> openShard(DirectoryStream<Path> shards, Path shard) throws IOException {
        if (shards instanceof SecureDirectoryStream<Path> secure) {
            try {
                return secure.newDirectoryStream(shard.getFileName(), LinkOption.NOFOLLOW_LINKS);
            } catch (FileSystemException notAFolder) {
                return null;
            }
        }
        return Files.isDirectory(shard, LinkOption.NOFOLLOW_LINKS) ? Files.newDirectoryStream(shard) : null;
    }

    private static Leftovers sweep(DirectoryStream<Path> files, String shard, Predicate<String> referenced,
            Instant removeBefore, Leftovers found) throws IOException {
        SecureDirectoryStream<Path> secure = files instanceof SecureDirectoryStream<Path> s ? s : null;
        for (Path file : files) {
            Path name = file.getFileName();
            String text = name.toString();
            boolean temporary = text.startsWith(TEMPORARY_PREFIX) && text.endsWith(TEMPORARY_SUFFIX);
            boolean unreferenced = ADDRESS.matcher(text).matches() && text.startsWith(shard) && !referenced.test(text);
            if (!temporary && !unreferenced) {
                continue;
            }
            BasicFileAttributes attributes;
            try {
                attributes = secure != null
                        ? secure.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                                .readAttributes()
                        : Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException gone) {
                continue;
            }
            if (!attributes.isRegularFile()) {
                continue;
            }
            boolean remove = removeBefore != null && attributes.lastModifiedTime().toInstant().isBefore(removeBefore);
            if (remove) {
                try {
                    if (secure != null) {
                        secure.deleteFile(name);
                    } else {
                        Files.delete(file);
                    }
                } catch (NoSuchFileException gone) {
                    remove = false;
                }
            }
            found = found.plus(attributes.size(), remove);
        }
        return found;
    }

    /** Creates a folder of the vault readable by its owner only, like the data folder itself. */
    private static void createPrivateFolder(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            return;
        }
        try {
            if (POSIX) {
                Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(folder);
            }
        } catch (FileAlreadyExistsException madeMeanwhile) {
            // Another writer made it first.
        }
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
