package org.clinicledger.clinic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.crypto.CanonicalJson;
import org.clinicledger.crypto.Ed25519;
import org.clinicledger.crypto.Hex;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.VerificationReport;
import org.clinicledger.ledger.ChainVerifier;
import org.clinicledger.ledger.EventSpec;
import org.clinicledger.ledger.KeyAuthorization;
import org.clinicledger.ledger.Ledger;
import org.clinicledger.ledger.RecordEvents;
import org.clinicledger.ledger.RegistrationFields;
import org.clinicledger.ledger.SigningKey;
import org.clinicledger.store.ChainStore;
import org.clinicledger.store.DataFolder;
import org.clinicledger.store.Database;
import org.clinicledger.store.StorageProbe;
import org.clinicledger.store.StoreException;

/**
 * Measures the ledger against the limits of this machine, measured in the same run: raw SHA-256,
 * raw AES-256-GCM, raw Ed25519 verification and a raw durable SQLite insert. Runs in a scratch
 * folder of synthetic data that is deleted afterwards.
 */
public final class LedgerBenchmark {

    /** One measured figure. */
    public record Figure(String name, double value, String unit) {
    }

    /** All figures, and the ratios that compare the ledger with the raw limits. */
    public record Result(List<Figure> figures, List<Figure> ratios) {
    }

    private static final long MEASURE_NANOS = 700_000_000L;
    /** Each raw measurement runs once unmeasured first, so the JIT has compiled what it measures. */
    private static final int ROUNDS = 2;
    private static final int LATENCY_SAMPLES = 200;
    private static final int BATCH_EVENTS = 500;

    private final int targetBlocks;
    private final int threads = Runtime.getRuntime().availableProcessors();
    private final Random random = new Random(1);

    /** The attachments the export and import are measured with by default: 256 MiB. */
    public static final int DEFAULT_EXPORT_MIB = 256;
    /** The patients in the directory whose search is measured by default. */
    public static final int DEFAULT_PATIENTS = DirectoryBenchmark.DEFAULT_PATIENTS;

    private final long exportBytes;
    private final int patients;
    private FhirBenchmark fhir = new FhirBenchmark(FhirBenchmark.DEFAULT_RECORDS, FhirBenchmark.DEFAULT_MIB);

    public LedgerBenchmark(int targetBlocks) {
        this(targetBlocks, DEFAULT_EXPORT_MIB);
    }

    /** @param exportMebibytes the attachments of the clinic whose export and import are measured */
    public LedgerBenchmark(int targetBlocks, int exportMebibytes) {
        this(targetBlocks, exportMebibytes, DirectoryBenchmark.DEFAULT_PATIENTS);
    }

    /** @param patients the patients in the directory whose search is measured (at least 1000) */
    public LedgerBenchmark(int targetBlocks, int exportMebibytes, int patients) {
        if (patients < 1_000) {
            throw new InvalidInputException("Benchmark a directory of at least 1000 patients.");
        }
        this.patients = patients;
        if (targetBlocks < 1_000) {
            throw new InvalidInputException("Benchmark at least 1000 blocks.");
        }
        if (exportMebibytes < 1) {
            throw new InvalidInputException("Benchmark an export of at least 1 MiB.");
        }
        this.targetBlocks = targetBlocks;
        this.exportBytes = exportMebibytes * 1024L * 1024L;
    }

    /** Measures the FHIR export with a patient of {@code records} records sharing {@code mebibytes} of attachments. */
    public LedgerBenchmark withFhir(int records, int mebibytes) {
        this.fhir = new FhirBenchmark(records, mebibytes);
        return this;
    }

    /** The FHIR export's figures alone, for a patient of {@code records} records sharing {@code mebibytes}. */
    public static Result fhirOnly(int records, int mebibytes) throws IOException {
        FhirBenchmark benchmark = new FhirBenchmark(records, mebibytes);
        Path scratch = Files.createTempDirectory("clinicledger-benchmark");
        try {
            List<Figure> figures = new ArrayList<>();
            List<Figure> ratios = new ArrayList<>();
            benchmark.run(scratch, figures, ratios);
            return new Result(figures, ratios);
        } finally {
            deleteRecursively(scratch);
        }
    }

    public Result run(Progress progress) throws IOException {
        Path scratch = Files.createTempDirectory("clinicledger-benchmark");
        try {
            List<Figure> figures = new ArrayList<>();
            progress.update(0, 8, "Measuring raw SHA-256, AES-256-GCM and Ed25519…");
            double sha = 0;
            double aes = 0;
            double verifyOne = 0;
            double verifyAll = 0;
            for (int round = 0; round < ROUNDS; round++) {
                sha = rawSha256MegabytesPerSecond();
                aes = rawAesGcmMegabytesPerSecond();
                verifyOne = rawVerificationsPerSecond(1);
                verifyAll = rawVerificationsPerSecond(threads);
            }
            figures.add(new Figure("raw SHA-256", sha, "MB/s"));
            figures.add(new Figure("raw AES-256-GCM", aes, "MB/s"));
            figures.add(new Figure("raw Ed25519 verify, 1 thread", verifyOne, "/s"));
            figures.add(new Figure("raw Ed25519 verify, " + threads + " threads", verifyAll, "/s"));
            progress.update(3, 8, "Measuring a raw durable SQLite insert…");
            double[] insert = rawDurableInsertMillis(scratch.resolve("raw"));
            figures.add(new Figure("raw durable SQLite insert, median", insert[0], "ms"));
            figures.add(new Figure("raw durable SQLite insert, p95", insert[1], "ms"));

            Workspace workspace = Workspace.scratch(scratch.resolve("ledger"));
            Database database = workspace.database();
            Population population = populate(database, workspace.ledger());
            progress.update(4, 8, "Measuring durable appends…");
            double[] append = appendLatencyMillis(database, workspace.ledger(), population);
            figures.add(new Figure("append one event (2 blocks + 2 heads), durable, median", append[0], "ms"));
            figures.add(new Figure("append one event, durable, p95", append[1], "ms"));
            progress.update(5, 8, "Building a ledger of " + targetBlocks + " blocks…");
            long buildStart = System.nanoTime();
            long built = build(database, workspace.ledger(), population, workspace);
            double buildSeconds = seconds(System.nanoTime() - buildStart);
            figures.add(new Figure("bulk append (batches of " + BATCH_EVENTS + " events)", built / buildSeconds, "blocks/s"));
            progress.update(6, 8, "Verifying " + targetBlocks + " blocks…");
            long verifyStart = System.nanoTime();
            VerificationReport report = verifyChains(workspace);
            double verifySeconds = seconds(System.nanoTime() - verifyStart);
            if (!report.ok()) {
                throw new IllegalStateException("The benchmark ledger did not verify: " + report.problems().get(0));
            }
            double blocksPerSecond = report.blocks() / verifySeconds;
            // Each block has its author's signature; each head the node's, twice: in its own form and
            // as a C2SP checkpoint (every head of a ledger this benchmark builds has both).
            double signaturesPerSecond = (report.blocks() + 2 * report.signedHeads()) / verifySeconds;
            figures.add(new Figure("ledger size", report.blocks(), "blocks"));
            figures.add(new Figure("signed heads in it", report.signedHeads(), "heads"));
            figures.add(new Figure("verify with signatures (" + threads + " threads)", blocksPerSecond, "blocks/s"));
            figures.add(new Figure("verify: block, head and checkpoint signatures checked", signaturesPerSecond, "/s"));
            figures.add(new Figure("verify, total time", verifySeconds, "s"));
            List<Figure> ratios = new ArrayList<>(List.of(
                    new Figure("verify blocks/s ÷ raw Ed25519 verifications/s (same threads)", blocksPerSecond / verifyAll, "×"),
                    new Figure("verify signatures/s ÷ raw Ed25519 verifications/s (same threads)",
                            signaturesPerSecond / verifyAll, "×"),
                    new Figure("append median ÷ raw durable insert median", append[0] / insert[0], "×")));
            workspace.close();
            progress.update(7, 8, "Exporting and importing " + (exportBytes >> 20) + " MiB of attachments…");
            new ExchangeBenchmark(exportBytes).run(scratch.resolve("exchange"), figures, ratios);
            progress.update(8, 8, "Searching a directory of " + patients + " patients…");
            new DirectoryBenchmark(patients).run(figures);
            progress.update(8, 8, "Exporting a patient's records as FHIR…");
            fhir.run(scratch, figures, ratios);
            progress.update(8, 8, "Done.");
            return new Result(figures, ratios);
        } finally {
            deleteRecursively(scratch);
        }
    }

    private record Population(List<ChainId> doctors, List<ChainId> patients, List<SigningKey> doctorKeys) {
    }

    private Population populate(Database database, Ledger ledger) {
        List<ChainId> doctors = new ArrayList<>();
        List<ChainId> patients = new ArrayList<>();
        List<SigningKey> doctorKeys = new ArrayList<>();
        SigningKey clinicKey = newKey();
        database.write("found the clinic", work -> ledger.foundClinic(work, clinicKey,
                CanonicalJson.encode(JsonNodeFactory.instance.objectNode())));
        for (int i = 0; i < 20; i++) {
            SigningKey key = newKey();
            String name = "bench-d" + i;
            byte[] payload = authorized(clinicKey, new ChainId(PartyKind.DOCTOR, name), key);
            database.write("register a doctor", work -> ledger.register(work, PartyKind.DOCTOR, name, key, payload));
            doctors.add(new ChainId(PartyKind.DOCTOR, "bench-d" + i));
            doctorKeys.add(key);
        }
        for (int i = 0; i < 200; i++) {
            String name = "bench-p" + i;
            SigningKey key = newKey();
            byte[] payload = authorized(clinicKey, new ChainId(PartyKind.PATIENT, name), key);
            database.write("register a patient", work -> ledger.register(work, PartyKind.PATIENT, name, key, payload));
            patients.add(new ChainId(PartyKind.PATIENT, "bench-p" + i));
        }
        return new Population(doctors, patients, doctorKeys);
    }

    /** A registration payload whose key the clinic key vouches for, as set-up and reception write them. */
    private static byte[] authorized(SigningKey clinicKey, ChainId chain, SigningKey key) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put(RegistrationFields.ROLE, chain.party().code());
        return CanonicalJson.encode(KeyAuthorization.sign(clinicKey, chain, key.publicKey()).addTo(payload));
    }

    /**
     * Verifies the chains alone, every block and head with its signature: the synthetic records
     * have no rows or files beside them for the record tables' checks to find.
     */
    private static VerificationReport verifyChains(Workspace workspace) {
        return new ChainVerifier(workspace.database(), new ChainStore()).verify(Progress.NONE);
    }

    private EventSpec randomEvent(Population population) {
        int doctor = random.nextInt(population.doctors().size());
        byte[] payload = RecordEvents.written(new RecordEvents.Written(
                new UUID(random.nextLong(), random.nextLong()).toString(), 1, randomHex(), randomHex(), List.of(), 0));
        return EventSpec.between(BlockKind.RECORD_ADDED, population.doctorKeys().get(doctor),
                population.doctors().get(doctor), payload,
                population.patients().get(random.nextInt(population.patients().size())), payload);
    }

    private String randomHex() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Hex.encode(bytes);
    }

    private double[] appendLatencyMillis(Database database, Ledger ledger, Population population) {
        double[] samples = new double[LATENCY_SAMPLES];
        for (int i = 0; i < LATENCY_SAMPLES; i++) {
            EventSpec event = randomEvent(population);
            long start = System.nanoTime();
            database.write("append", work -> ledger.append(work, event));
            samples[i] = (System.nanoTime() - start) / 1e6;
        }
        return medianAndP95(samples);
    }

    private long build(Database database, Ledger ledger, Population population, Workspace workspace) {
        long blocks = verifyChains(workspace).blocks();
        long added = 0;
        while (blocks + added < targetBlocks) {
            List<EventSpec> batch = new ArrayList<>(BATCH_EVENTS);
            for (int i = 0; i < BATCH_EVENTS && blocks + added + 2L * i < targetBlocks; i++) {
                batch.add(randomEvent(population));
            }
            database.write("append", work -> ledger.appendAll(work, batch));
            added += 2L * batch.size();
        }
        return added;
    }

    private static double rawSha256MegabytesPerSecond() {
        byte[] buffer = new byte[1 << 20];
        new Random(2).nextBytes(buffer);
        MessageDigest sha = sha256();
        long bytes = 0;
        long start = System.nanoTime();
        while (System.nanoTime() - start < MEASURE_NANOS) {
            sha.update(buffer);
            bytes += buffer.length;
        }
        sha.digest();
        return bytes / 1e6 / seconds(System.nanoTime() - start);
    }

    private static final int PIECE = 16 * 1024;

    private static double rawAesGcmMegabytesPerSecond() {
        try {
            byte[] key = new byte[32];
            byte[] nonce = new byte[12];
            SecureRandom random = new SecureRandom();
            random.nextBytes(key);
            byte[] buffer = new byte[1 << 20];
            // Fed in 16 KiB pieces: the JDK's fast path (one doFinal over a large buffer is many times slower).
            byte[] out = new byte[PIECE + 16];
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            long bytes = 0;
            long start = System.nanoTime();
            long counter = 0;
            while (System.nanoTime() - start < MEASURE_NANOS) {
                // A fresh nonce per message, as real encryption needs.
                counter++;
                for (int i = 0; i < 8; i++) {
                    nonce[i] = (byte) (counter >>> (8 * i));
                }
                cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
                for (int at = 0; at < buffer.length; at += PIECE) {
                    cipher.update(buffer, at, PIECE, out, 0);
                }
                cipher.doFinal(out, 0);
                bytes += buffer.length;
            }
            return bytes / 1e6 / seconds(System.nanoTime() - start);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    private double rawVerificationsPerSecond(int threadCount) {
        SigningKey key = newKey();
        byte[] message = new byte[400];
        random.nextBytes(message);
        Ed25519.KeyPair pair = Ed25519.KeyPair.generate(new SecureRandom());
        byte[] signature = pair.sign(message);
        byte[] publicKey = pair.publicKey();
        key.destroy();
        ExecutorService pool = Executors.newFixedThreadPool(threadCount);
        try {
            List<Future<Long>> counts = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < threadCount; t++) {
                counts.add(pool.submit(() -> {
                    long count = 0;
                    while (System.nanoTime() - start < MEASURE_NANOS) {
                        if (!Ed25519.verify(publicKey, message, signature)) {
                            throw new IllegalStateException("A good signature failed to verify");
                        }
                        count++;
                    }
                    return count;
                }));
            }
            long total = 0;
            for (Future<Long> count : counts) {
                total += count.get();
            }
            return total / seconds(System.nanoTime() - start);
        } catch (Exception e) {
            throw new IllegalStateException("Measuring Ed25519 failed", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static double[] rawDurableInsertMillis(Path folder) {
        try {
            long[] nanos = StorageProbe.durableInsertNanos(DataFolder.open(folder, true), LATENCY_SAMPLES);
            double[] samples = new double[nanos.length];
            for (int i = 0; i < nanos.length; i++) {
                samples[i] = nanos[i] / 1e6;
            }
            return medianAndP95(samples);
        } catch (StoreException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private SigningKey newKey() {
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        return new SigningKey(Ed25519.KeyPair.fromSeed(seed));
    }

    private static double[] medianAndP95(double[] samples) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        return new double[] {sorted[sorted.length / 2], sorted[(int) Math.ceil(sorted.length * 0.95) - 1]};
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the scratch folder " + folder, e);
        }
    }
}
