package org.clinicledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.clinicledger.clinic.RecordService;
import org.clinicledger.clinic.RollbackMemory;
import org.clinicledger.clinic.Session;
import org.clinicledger.domain.RecordInput;
import org.clinicledger.testing.TestClinic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exports a clinic whose records carry many large attachments and imports the file into an empty
 * folder (a replica), each in the packaged jar's own JVM with a small heap, so that a file many
 * times the heap shows both stream in constant memory; the replica then verifies. The build runs
 * it with {@value #DEFAULT_MIB} MiB of attachments; the 2 GiB run is
 * {@code ./mvnw verify -Dit.test=BigExportIT -Dclinicledger.bigExport.mib=2048} (about 8 GiB of disk).
 */
class BigExportIT {

    static final int DEFAULT_MIB = 400;
    /** The heap each command runs in: far below the size of the file it writes or reads. */
    static final String HEAP = "-Xmx256m";
    private static final Path JAR = Path.of("target", "clinicledger.jar");

    @TempDir
    Path temp;

    @Test
    void anExportManyTimesTheHeapIsWrittenAndImportedInConstantMemory() throws Exception {
        long total = Long.getLong("clinicledger.bigExport.mib", DEFAULT_MIB) * 1024 * 1024;
        int pieceBytes = (int) Math.min(RecordService.DEFAULT_ATTACHMENT_LIMIT, total);
        Path clinic = temp.resolve("clinic");
        String saved = System.getProperty(RollbackMemory.PROPERTY);
        System.setProperty(RollbackMemory.PROPERTY, temp.resolve("state-clinic").toString());
        long start = System.nanoTime();
        try {
            TestClinic made = new TestClinic(clinic);
            Path scan = temp.resolve("scan.bin");
            try (Session lee = made.lee()) {
                for (long added = 0; added < total; added += pieceBytes) {
                    int size = (int) Math.min(pieceBytes, total - added);
                    writeRandom(scan, size, added);
                    made.workspace.records().addRecord(lee, made.mrn, new RecordInput("Scan " + added / pieceBytes,
                            null, "", List.of(scan)));
                }
            } finally {
                made.workspace.close();
                Files.deleteIfExists(scan);
            }
        } finally {
            if (saved == null) {
                System.clearProperty(RollbackMemory.PROPERTY);
            } else {
                System.setProperty(RollbackMemory.PROPERTY, saved);
            }
        }
        double madeSeconds = seconds(start);

        Path file = temp.resolve("doctor.clchain");
        start = System.nanoTime();
        Result exported = run("state-clinic", "export", "--data", clinic.toString(), "--user", "dr.lee", "--doctor",
                "dr.lee", "--new-machine", "--out", file.toString());
        double exportSeconds = seconds(start);
        assertThat(exported.exitCode()).as(exported.err()).isZero();
        assertThat(Files.size(file)).isGreaterThan(total);

        Path replica = temp.resolve("replica");
        start = System.nanoTime();
        Result imported = run("state-replica", "import", "--data", replica.toString(), "--user", "dr.lee",
                file.toString());
        double importSeconds = seconds(start);
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("replica");
        assertThat(vaultBytes(replica)).isGreaterThanOrEqualTo(total);

        Result verified = run("state-replica", "verify", "--data", replica.toString());
        assertThat(verified.exitCode()).as(verified.err()).isZero();
        assertThat(verified.out()).contains("Intact");

        double mib = Files.size(file) / (1024.0 * 1024.0);
        System.out.printf(Locale.ROOT, "BigExportIT: %.0f MiB of attachments (made in %.1f s); export of %.0f MiB in"
                + " %.1f s (%.0f MiB/s), import as a replica in %.1f s (%.0f MiB/s), each with %s%n", total / 1048576.0,
                madeSeconds, mib, exportSeconds, mib / exportSeconds, importSeconds, mib / importSeconds, HEAP);
    }

    private static void writeRandom(Path file, int size, long seed) throws IOException {
        Random random = new Random(seed);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int written = 0; written < size; written += chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, Math.min(chunk.length, size - written));
            }
        }
    }

    private static long vaultBytes(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder.resolve("vault"))) {
            long sum = 0;
            for (Path path : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                sum += Files.size(path);
            }
            return sum;
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    record Result(int exitCode, String out, String err) {
    }

    /** Runs the jar with {@link #HEAP} as dr.lee, with this machine's memory of the chains in {@code state}. */
    private Result run(String state, String... args) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, HEAP, "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path out = temp.resolve("out.txt");
        Path err = temp.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("CLINICLEDGER_PASSWORD", TestClinic.LEE_PASSWORD);
        builder.environment().put("CLINICLEDGER_STATE", temp.resolve(state).toString());
        Process process = builder.start();
        assertThat(process.waitFor(30, TimeUnit.MINUTES)).as("finished within 30 minutes").isTrue();
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
