package org.clinicledger.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.clinicledger.domain.ProblemCode;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.RecordId;
import org.clinicledger.domain.VerificationProblem;
import org.clinicledger.domain.VerificationReport;
import org.clinicledger.testing.TestClinic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process that adds records with attachments ({@link CrashWriter}) at random points, 100
 * times (the system property {@code clinicledger.crashRuns} changes that), then opens the folder
 * with no grace period: nothing a writer reported committed is lost (each record opens, each
 * attachment has its size), no leftover is left, and verification finds the folder intact. Before
 * that, verification (which only reads) notes what the crashes left, and never as tampering. The
 * figures are printed.
 */
class CrashRecoveryIT {

    private static final int RUNS = Integer.getInteger("clinicledger.crashRuns", 100);

    @TempDir
    Path temp;

    @Test
    void killedWritersLoseNothingCommittedAndLeaveNothingBehindOnceOpened() throws Exception {
        Path data = temp.resolve("clinic");
        TestClinic clinic = new TestClinic(data);
        String patient = clinic.mrn.digits();
        clinic.workspace.close();

        long seed = System.nanoTime();
        Random random = new Random(seed);
        Map<String, List<Integer>> committed = new LinkedHashMap<>();
        long started = System.nanoTime();
        int killedWhileOpening = 0;
        Writer next = new Writer(data, patient);
        for (int run = 0; run < RUNS; run++) {
            Writer writer = next;
            next = run + 1 < RUNS ? new Writer(data, patient) : null;
            boolean whileOpening = random.nextInt(10) == 0;
            killedWhileOpening += whileOpening ? 1 : 0;
            committed.putAll(writer.goAndKill(whileOpening, random.nextInt(whileOpening ? 500 : 1000)));
        }
        long runMillis = (System.nanoTime() - started) / 1_000_000;

        Leftovers left = leftovers(data);
        VerificationReport beforeOpening = verify(data);
        assertThat(beforeOpening.ok()).as("%s", beforeOpening.problems()).isTrue();
        assertThat(beforeOpening.problems()).extracting(VerificationProblem::code)
                .allMatch(code -> code == ProblemCode.LEFTOVER_FILES);

        System.setProperty(Workspace.LEFTOVER_GRACE_PROPERTY, "PT0S");
        try (Workspace opened = Workspace.open(data, false, Clock.systemUTC(), KeyDerivationTuning.minimum())) {
            assertThat(leftovers(data)).isEqualTo(new Leftovers(0, 0, 0));
            try (Session lee = opened.accounts().login("dr.lee", TestClinic.LEE_PASSWORD.toCharArray())) {
                committed.forEach((id, sizes) -> {
                    RecordId record = RecordId.parse(id);
                    assertThat(opened.records().showRecord(lee, record).latest().diagnosis()).startsWith("Observation ");
                    for (int i = 0; i < sizes.size(); i++) {
                        assertThat(opened.records().readAttachment(lee, record, 1, i)).hasSize(sizes.get(i));
                    }
                });
            }
        } finally {
            System.clearProperty(Workspace.LEFTOVER_GRACE_PROPERTY);
        }
        VerificationReport afterOpening = verify(data);
        assertThat(afterOpening.ok()).isTrue();
        assertThat(afterOpening.problems()).isEmpty();

        System.out.printf("Crash test (seed %d): %d writers killed (%d while opening) in %d ms; %d records reported "
                + "committed, all present; leftovers after the kills: %d unreferenced vault files and %d temporary "
                + "files, %,d bytes, noted by verify as %s; all removed on opening with no grace period; verify "
                + "intact with no notes.%n", seed, RUNS, killedWhileOpening, runMillis, committed.size(), left.vaultFiles(),
                left.temporaryFiles(), left.bytes(), beforeOpening.problems().isEmpty() ? "nothing"
                        : beforeOpening.problems().get(0).reason());
        assertThat(committed).as("the writers got some work done").isNotEmpty();
    }

    /**
     * One writer process, started ahead of its turn so that starting Java overlaps the run before;
     * it collects what the writer reports committed, with the attachments' sizes.
     */
    private static final class Writer {
        private final Process process;
        private final Thread reader;
        private final Map<String, List<Integer>> committed = new LinkedHashMap<>();
        private final CountDownLatch ready = new CountDownLatch(1);

        Writer(Path data, String patient) throws IOException {
            String java = ProcessHandle.current().info().command().orElse("java");
            process = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-cp",
                    System.getProperty("java.class.path"), CrashWriter.class.getName(), data.toString(), patient)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            reader = new Thread(this::read);
            reader.start();
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    String[] words = line.split(" ");
                    if (line.equals("ready")) {
                        ready.countDown();
                    } else if (words[0].equals("committed") && words.length >= 3) {
                        List<Integer> sizes = new ArrayList<>();
                        for (int i = 2; i < words.length; i++) {
                            sizes.add(Integer.parseInt(words[i]));
                        }
                        synchronized (committed) {
                            committed.put(words[1], sizes);
                        }
                    }
                }
            } catch (IOException | NumberFormatException killedMidLine) {
                // The last line was cut by the kill: a commit it did not finish reporting does not count.
            }
        }

        /**
         * Tells the writer to go and kills it {@code delayMillis} later (while opening) or that long
         * after it said it is ready to write; returns what it reported committed.
         */
        Map<String, List<Integer>> goAndKill(boolean whileOpening, int delayMillis) throws Exception {
            process.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
            if (!whileOpening) {
                assertThat(ready.await(60, TimeUnit.SECONDS)).as("the writer opened the folder").isTrue();
            }
            Thread.sleep(delayMillis);
            assertThat(process.isAlive()).as("the writer was still at work when killed").isTrue();
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(30_000);
            synchronized (committed) {
                return new LinkedHashMap<>(committed);
            }
        }
    }

    private record Leftovers(int vaultFiles, int temporaryFiles, long bytes) {
    }

    /** What is in the vault beyond the files the committed rows name, counted by walking it. */
    private static Leftovers leftovers(Path data) {
        java.util.Set<String> live;
        try (Workspace inspected = Workspace.inspect(data)) {
            live = inspected.database().read("read the live files", work -> new org.clinicledger.store.RecordStore()
                    .liveAddresses(work));
        }
        int vaultFiles = 0;
        int temporary = 0;
        long bytes = 0;
        try (Stream<Path> files = Files.walk(data.resolve("vault"))) {
            for (Path file : (Iterable<Path>) files.filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS))::iterator) {
                String name = file.getFileName().toString();
                if (name.startsWith(".incoming-")) {
                    temporary++;
                } else if (!live.contains(name)) {
                    vaultFiles++;
                } else {
                    continue;
                }
                bytes += Files.size(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Leftovers(vaultFiles, temporary, bytes);
    }

    private static VerificationReport verify(Path data) {
        try (Workspace inspected = Workspace.inspect(data)) {
            return inspected.verify(Progress.NONE);
        }
    }
}
