package org.clinicledger.clinic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import org.clinicledger.domain.AccountDetails;
import org.clinicledger.domain.FhirExport;
import org.clinicledger.domain.Icd10Code;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.RecordInput;

/**
 * A FHIR export beside the limits of the same bytes: a scratch clinic's patient with {@code records}
 * records sharing {@code dataBytes} of attachments is exported as a Bundle by the patient (twice: the
 * first export in a process also waits for HAPI to read its R4 model, and is timed apart), and the
 * Bundle file is then run through SHA-256 and AES-256-GCM in 16 KiB pieces (the fast path), and
 * random bytes through the JDK's base64 encoder. Also the Bundle's size, and the largest heap the
 * JVM was allowed: the export is written as it is made, so it fits in a heap far smaller than the
 * patient's attachments (run it with {@code -Xmx64m}).
 */
final class FhirBenchmark {

    /** Records of the patient by default, as a long-standing patient of a small clinic might have. */
    static final int DEFAULT_RECORDS = 500;
    /** Attachments shared among them by default, in MiB. */
    static final int DEFAULT_MIB = 64;

    private static final String DOCTOR = "bench.doctor";
    private static final List<String> CODES = List.of("E11.9", "I10", "J45.3", "M54.5", "K21.9", "F41.1", "N39.0");

    private final int records;
    private final long dataBytes;

    FhirBenchmark(int records, int mebibytes) {
        if (records < 1 || records > 100_000) {
            throw new InvalidInputException("Benchmark a FHIR export of between 1 and 100000 records.");
        }
        if (mebibytes < 0) {
            throw new InvalidInputException("The attachments of a FHIR export cannot be negative.");
        }
        this.records = records;
        this.dataBytes = mebibytes * 1024L * 1024L;
    }

    /** Adds the figures and ratios of one export made in {@code scratch}. */
    void run(Path scratch, List<LedgerBenchmark.Figure> figures, List<LedgerBenchmark.Figure> ratios) {
        char[] password = "benchmark password 1".toCharArray();
        Path folder = scratch.resolve("fhir");
        Path file = scratch.resolve("patient.fhir.json");
        MedicalRecordNumber patient;
        try (Workspace clinic = Workspace.scratch(folder)) {
            patient = ExchangeBenchmark.setUp(clinic, password, DOCTOR,
                    new AccountDetails("Dr Bench Mark", "General practice", "GMC 1000001"));
            try (Session doctor = clinic.accounts().login(DOCTOR, password.clone())) {
                Random random = new Random(4);
                for (int i = 0; i < records; i++) {
                    long share = dataBytes / records + (i == records - 1 ? dataBytes % records : 0);
                    List<Attachment> attachments = new ArrayList<>();
                    if (share > 0) {
                        byte[] scan = new byte[Math.toIntExact(share)];
                        random.nextBytes(scan);
                        attachments.add(Attachment.of("scan-" + i + ".bin", "application/octet-stream", scan));
                    }
                    String code = CODES.get(i % CODES.size());
                    clinic.records().addRecord(doctor, patient, new RecordInput("Follow-up visit " + i + " for " + code,
                            Icd10Code.parse(code), "Seen today; plan reviewed and unchanged. ".repeat(4), List.of()),
                            attachments);
                }
            }
            try (Session reader = clinic.accounts().login(patient.digits(), password.clone())) {
                // The first export in a process also waits for HAPI to read its R4 model; the second is the
                // export itself.
                long first = System.nanoTime();
                ChosenFile.write(file, true, out -> clinic.fhir().export(reader, patient, true, out));
                first = System.nanoTime() - first;
                long start = System.nanoTime();
                FhirExport[] written = new FhirExport[1];
                ChosenFile.write(file, true, out -> written[0] = clinic.fhir().export(reader, patient, true, out));
                long nanos = System.nanoTime() - start;
                report(written[0], first, nanos, file, figures, ratios);
            }
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
    }

    private void report(FhirExport written, long firstNanos, long nanos, Path file, List<LedgerBenchmark.Figure> figures,
            List<LedgerBenchmark.Figure> ratios) {
        double megabytes = written.bytes() / 1e6;
        double export = megabytes / (nanos / 1e9);
        double sha = 0;
        double aes = 0;
        double base64 = 0;
        for (int round = 0; round < 2; round++) {
            sha = ExchangeBenchmark.sha256MegabytesPerSecond(file);
            aes = ExchangeBenchmark.aesGcmMegabytesPerSecond(file);
        }
        // The JDK's base64 encoder reaches its fast path (a compiled intrinsic) only after a while; the best
        // of several rounds is that path.
        for (int round = 0; round < 4; round++) {
            base64 = Math.max(base64, base64MegabytesPerSecond());
        }
        figures.add(new LedgerBenchmark.Figure("FHIR Bundle of " + written.records() + " records, "
                + (dataBytes >> 20) + " MiB of attachments", megabytes, "MB"));
        figures.add(new LedgerBenchmark.Figure("FHIR Bundle resources", written.resources(), ""));
        figures.add(new LedgerBenchmark.Figure("FHIR export, the first in this process (HAPI reads its R4 model)",
                firstNanos / 1e9, "s"));
        figures.add(new LedgerBenchmark.Figure("FHIR export (decrypt, encode, write), total", nanos / 1e9, "s"));
        figures.add(new LedgerBenchmark.Figure("FHIR export", export, "MB/s"));
        figures.add(new LedgerBenchmark.Figure("FHIR export ran within a heap of at most (-Xmx)",
                Runtime.getRuntime().maxMemory() / 1e6, "MB"));
        figures.add(new LedgerBenchmark.Figure("raw SHA-256 over the Bundle file", sha, "MB/s"));
        figures.add(new LedgerBenchmark.Figure("raw AES-256-GCM in 16 KiB pieces over the Bundle file", aes, "MB/s"));
        figures.add(new LedgerBenchmark.Figure("raw base64 encoding, 2 MiB pieces, best of 4", base64, "MB/s"));
        ratios.add(new LedgerBenchmark.Figure("FHIR export MB/s ÷ raw AES-256-GCM (16 KiB pieces) MB/s over the same file",
                export / aes, "×"));
        ratios.add(new LedgerBenchmark.Figure("FHIR export MB/s ÷ raw base64 encoding MB/s", export / base64, "×"));
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the JDK's base64 encoder does with random bytes in 2 MiB pieces, measured for about half a second. */
    private static double base64MegabytesPerSecond() {
        byte[] piece = new byte[2 << 20];
        new Random(5).nextBytes(piece);
        Base64.Encoder encoder = Base64.getEncoder();
        byte[] out = new byte[4 * ((piece.length + 2) / 3)];
        long bytes = 0;
        long start = System.nanoTime();
        long elapsed;
        do {
            encoder.encode(piece, out);
            bytes += piece.length;
            elapsed = System.nanoTime() - start;
        } while (elapsed < 500_000_000L);
        return bytes / 1e6 / (elapsed / 1e9);
    }
}
