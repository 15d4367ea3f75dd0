package org.clinicledger.clinic;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.clinicledger.domain.AccountDetails;
import org.clinicledger.domain.Cancel;
import org.clinicledger.domain.ExportScope;
import org.clinicledger.domain.ExportSummary;
import org.clinicledger.domain.ImportSummary;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PatientDetails;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.RecordInput;
import org.clinicledger.domain.Role;

/**
 * Export and import speed beside the limits of the same bytes: a scratch clinic whose patient
 * carries {@code dataBytes} of attachments is exported, the file is imported into a copy of the
 * clinic from before the records, and the same file is then run through SHA-256 and through
 * AES-256-GCM fed in 16 KiB pieces (the JDK's fast path; one {@code doFinal} over a large buffer is
 * many times slower), which bound what streaming it can do. Also the file's size against the
 * encrypted attachments it carries. Every folder is a {@link Workspace#scratch} one: nothing is
 * remembered in this machine's memory of chains.
 */
final class ExchangeBenchmark {

    private static final int PIECE_BYTES = 16 * 1024 * 1024;
    private static final int CIPHER_PIECE = 16 * 1024;
    private static final String DOCTOR = "bench.doctor";

    private final long dataBytes;

    ExchangeBenchmark(long dataBytes) {
        this.dataBytes = dataBytes;
    }

    /** Adds the figures and ratios of an export and an import made in {@code scratch}. */
    void run(Path scratch, List<LedgerBenchmark.Figure> figures, List<LedgerBenchmark.Figure> ratios) {
        char[] password = "benchmark password 1".toCharArray();
        Path clinicFolder = scratch.resolve("exporting");
        Path receivingFolder = scratch.resolve("receiving");
        MedicalRecordNumber patient;
        try (Workspace clinic = Workspace.scratch(clinicFolder)) {
            patient = setUp(clinic, password, DOCTOR, AccountDetails.NONE);
        }
        copy(clinicFolder, receivingFolder);
        Path file = scratch.resolve("benchmark" + org.clinicledger.exchange.ExportFile.EXTENSION);
        ExportSummary exported;
        long exportNanos;
        try (Workspace clinic = Workspace.scratch(clinicFolder);
                Session doctor = clinic.accounts().login(DOCTOR, password.clone())) {
            Random random = new Random(3);
            for (long added = 0; added < dataBytes; added += PIECE_BYTES) {
                byte[] scan = new byte[(int) Math.min(PIECE_BYTES, dataBytes - added)];
                random.nextBytes(scan);
                clinic.records().addRecord(doctor, patient, new RecordInput("Scan", null, "", List.of()),
                        new ArrayList<>(List.of(Attachment.of("scan.bin", "application/octet-stream", scan))));
            }
            long start = System.nanoTime();
            exported = clinic.exchange().export(doctor, ExportScope.patient(patient), false, file, false,
                    Progress.NONE, Cancel.NEVER);
            exportNanos = System.nanoTime() - start;
        }
        long importNanos;
        try (Workspace receiving = Workspace.scratch(receivingFolder);
                Session doctor = receiving.accounts().login(DOCTOR, password.clone())) {
            long start = System.nanoTime();
            ImportSummary imported = receiving.exchange().importFile(doctor, file, Progress.NONE, Cancel.NEVER);
            importNanos = System.nanoTime() - start;
            if (imported.outcome() != ImportSummary.Outcome.MERGED) {
                throw new IllegalStateException("The benchmark's import merged nothing: " + imported.headline());
            }
        }
        java.util.Arrays.fill(password, '\0');
        double megabytes = exported.bytes() / 1e6;
        double export = megabytes / seconds(exportNanos);
        double imported = megabytes / seconds(importNanos);
        double sha = 0;
        double aes = 0;
        for (int round = 0; round < 2; round++) {
            sha = sha256MegabytesPerSecond(file);
            aes = aesGcmMegabytesPerSecond(file);
        }
        double overhead = 100.0 * (exported.bytes() - exported.fileBytes()) / exported.fileBytes();
        figures.add(new LedgerBenchmark.Figure("export file size", megabytes, "MB"));
        figures.add(new LedgerBenchmark.Figure("encrypted attachments it carries", exported.fileBytes() / 1e6, "MB"));
        figures.add(new LedgerBenchmark.Figure("export file overhead over its attachments", overhead, "%"));
        figures.add(new LedgerBenchmark.Figure("export (write the file)", export, "MB/s"));
        figures.add(new LedgerBenchmark.Figure("import (stage, verify, merge)", imported, "MB/s"));
        figures.add(new LedgerBenchmark.Figure("raw SHA-256 over the export file", sha, "MB/s"));
        figures.add(new LedgerBenchmark.Figure("raw AES-256-GCM in 16 KiB pieces over the export file", aes, "MB/s"));
        ratios.add(new LedgerBenchmark.Figure("export MB/s ÷ raw SHA-256 MB/s over the same file", export / sha, "×"));
        ratios.add(new LedgerBenchmark.Figure("import MB/s ÷ raw SHA-256 MB/s over the same file", imported / sha, "×"));
        ratios.add(new LedgerBenchmark.Figure("import MB/s ÷ raw AES-256-GCM (16 KiB pieces) MB/s over the same file",
                imported / aes, "×"));
    }

    /**
     * Sets a benchmark clinic up in {@code clinic}: an administrator, the doctor {@code doctor}, a
     * receptionist, and one patient registered with that doctor; everyone's password is
     * {@code password}. Returns the patient's MRN.
     */
    static MedicalRecordNumber setUp(Workspace clinic, char[] password, String doctor, AccountDetails doctorDetails) {
        clinic.accounts().setUp("Benchmark Clinic", "admin", password.clone());
        try (Session admin = clinic.accounts().login("admin", password.clone())) {
            clinic.accounts().addAccount(admin, Role.DOCTOR, doctor, password.clone(), doctorDetails);
            clinic.accounts().addAccount(admin, Role.RECEPTIONIST, "bench.desk", password.clone(), AccountDetails.NONE);
        }
        try (Session desk = clinic.accounts().login("bench.desk", password.clone())) {
            return clinic.registrations().registerPatient(desk, new PatientDetails("Benchmark Patient",
                    LocalDate.of(1980, 1, 1), null, null), password.clone(), doctor).mrn();
        }
    }

    static double sha256MegabytesPerSecond(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 20];
            long bytes = 0;
            long start = System.nanoTime();
            for (int read; (read = in.readNBytes(buffer, 0, buffer.length)) > 0; bytes += read) {
                sha.update(buffer, 0, read);
            }
            sha.digest();
            return bytes / 1e6 / seconds(System.nanoTime() - start);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static double aesGcmMegabytesPerSecond(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] key = new byte[32];
            byte[] nonce = new byte[12];
            new SecureRandom().nextBytes(key);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            byte[] buffer = new byte[1 << 20];
            byte[] out = new byte[CIPHER_PIECE + 16];
            long bytes = 0;
            long start = System.nanoTime();
            for (int read; (read = in.readNBytes(buffer, 0, buffer.length)) > 0; bytes += read) {
                for (int at = 0; at < read; at += CIPHER_PIECE) {
                    cipher.update(buffer, at, Math.min(CIPHER_PIECE, read - at), out, 0);
                }
            }
            cipher.doFinal(out, 0);
            return bytes / 1e6 / seconds(System.nanoTime() - start);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    private static void copy(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the benchmark clinic", e);
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
