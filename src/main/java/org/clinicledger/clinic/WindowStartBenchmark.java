package org.clinicledger.clinic;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.RefusedException;

/**
 * How long the window takes to be usable on a real data folder (such as a 10,000-patient
 * {@code demo}): the application is started {@code runs} times as its own process with
 * {@link #PROBE_PROPERTY} naming a file, into which it writes the milliseconds from the process's
 * start to the second frame of its first screen, then quits. Beside it, the same Java
 * starting the command line and printing the version: the floor no window can beat on this
 * machine. Every run opens the folder as the window does, so the figure includes the comparison
 * with this machine's memory of the chains and the removal of ended grants' keys.
 */
public final class WindowStartBenchmark {

    /** Names the file the window's process writes its figure into before it quits (see {@code ui.ClinicLedgerApp}). */
    public static final String PROBE_PROPERTY = "clinicledger.startupProbe";
    private static final long TIMEOUT_SECONDS = 300;

    private final Path folder;
    private final int runs;

    public WindowStartBenchmark(Path folder, int runs) {
        if (!Files.isRegularFile(folder.resolve("clinicledger.db"))) {
            throw new InvalidInputException("No ClinicLedger data folder at " + folder + ": make one with "
                    + "'clinicledger --data " + folder + " demo --patients 10000' first.");
        }
        this.folder = folder;
        this.runs = runs;
    }

    /** Adds the median start to a usable window and the median start of the JVM and command line alone. */
    public void run(List<LedgerBenchmark.Figure> figures, List<LedgerBenchmark.Figure> ratios) {
        List<Long> window = new ArrayList<>();
        List<Long> floor = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            floor.add(timeVersion());
            window.add(usableAfter());
        }
        double usable = median(window);
        double jvm = median(floor);
        figures.add(new LedgerBenchmark.Figure("window usable after start (median of " + runs + ")", usable, "ms"));
        figures.add(new LedgerBenchmark.Figure("java start + --version, same JVM (median of " + runs + ")", jvm, "ms"));
        ratios.add(new LedgerBenchmark.Figure("window start / bare JVM start", usable / Math.max(1, jvm), "x"));
    }

    private long usableAfter() {
        try {
            Path figure = Files.createTempFile("clinicledger-start", ".txt");
            try {
                List<String> lines = start(List.of("-D" + PROBE_PROPERTY + "=" + figure), List.of("--data",
                        folder.toString()));
                String written = Files.readString(figure).strip();
                if (written.matches("\\d{1,9}")) {
                    return Long.parseLong(written);
                }
                throw new RefusedException("The window did not start, so its start could not be timed (is there a "
                        + "display?)" + (lines.isEmpty() ? "." : ": " + lines.get(lines.size() - 1)));
            } finally {
                Files.deleteIfExists(figure);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not time the window's start: " + e.getMessage(), e);
        }
    }

    private long timeVersion() {
        long started = System.nanoTime();
        start(List.of(), List.of("--version"));
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    /** Runs this application's main class in a new JVM, same class path, and returns what it printed. */
    private static List<String> start(List<String> jvmOptions, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("org.clinicledger.Main");
        command.addAll(arguments);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            List<String> lines = new ArrayList<>();
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("The application did not end within " + TIMEOUT_SECONDS + " s");
            }
            return lines;
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the application: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
    }
}
