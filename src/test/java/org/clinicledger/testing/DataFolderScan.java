package org.clinicledger.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads every byte of every file under a data folder (database, write-ahead log, shared memory,
 * logs, vault) and reports the files that contain a secret: the check behind the privacy promise
 * that no patient data, password or private key is ever on disk in plaintext.
 */
public final class DataFolderScan {

    /** What a scan found: how many files it read and which of them held a secret. */
    public record Result(int filesRead, List<String> findings) {
    }

    private DataFolderScan() {
    }

    /** Looks for each text in UTF-8, UTF-16LE and UTF-16BE. */
    public static Result forText(Path folder, List<String> secrets) {
        List<byte[]> needles = new ArrayList<>();
        for (String secret : secrets) {
            needles.add(secret.getBytes(StandardCharsets.UTF_8));
            needles.add(secret.getBytes(StandardCharsets.UTF_16LE));
            needles.add(secret.getBytes(StandardCharsets.UTF_16BE));
        }
        return forBytes(folder, needles);
    }

    public static Result forBytes(Path folder, List<byte[]> needles) {
        List<String> findings = new ArrayList<>();
        int read = 0;
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                byte[] bytes = Files.readAllBytes(file);
                read++;
                for (int n = 0; n < needles.size(); n++) {
                    if (indexOf(bytes, needles.get(n)) >= 0) {
                        findings.add(folder.relativize(file) + " holds secret #" + n);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Result(read, findings);
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
