package org.clinicledger.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.clinicledger.crypto.Hex;
import org.clinicledger.crypto.Sha256;

/**
 * Every file and folder under a root as it is now: for each its relative name, kind, size, SHA-256
 * (files), permissions and modification time to the nanosecond. Two states are equal only when
 * nothing below the root was created, removed, written, touched or had its mode changed (a folder's
 * time changes when an entry is made or removed in it): what "reads never write" promises.
 */
public record FolderState(Map<String, String> entries) {

    /** The state of everything under {@code root}, the root itself included. */
    public static FolderState of(Path root) {
        return of(root, name -> true);
    }

    /** The state of the entries under {@code root} whose relative names {@code included} accepts. */
    public static FolderState of(Path root, Predicate<String> included) {
        Map<String, String> entries = new TreeMap<>();
        try (var paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                String name = root.relativize(path).toString();
                if (included.test(name)) {
                    entries.put(name.isEmpty() ? "." : name, describe(path));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FolderState(entries);
    }

    private static String describe(Path path) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        String kind = attributes.isDirectory() ? "folder" : attributes.isSymbolicLink() ? "link" : "file";
        String content = "";
        if (attributes.isRegularFile()) {
            try (InputStream in = Files.newInputStream(path)) {
                content = " sha256=" + Hex.encode(Sha256.digest(in));
            }
        }
        return kind + " size=" + attributes.size() + content + " mode=" + PosixFilePermissions.toString(attributes.permissions())
                + " modified=" + attributes.lastModifiedTime().toInstant();
    }
}
