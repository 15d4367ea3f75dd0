package org.clinicledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.clinicledger.clinic.ApplicationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code target/clinicledger.jar} in its own JVM, exactly as {@code java -jar} would. */
class PackagedJarIT {

    private static final Path JAR = Path.of("target", "clinicledger.jar");

    @TempDir
    Path temp;

    record Result(int exitCode, String out, String err) {
    }

    private static List<String> javaJar(String... args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return command;
    }

    private Result run(String... args) throws IOException, InterruptedException {
        Path out = temp.resolve("out.txt");
        Path err = temp.resolve("err.txt");
        Process process = new ProcessBuilder(javaJar(args))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished within a minute").isTrue();
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void theJarNamesItsLibrariesBesideIt() {
        assertThat(JAR).isRegularFile();
        assertThat(JAR.resolveSibling("lib")).isDirectoryContaining("glob:**/sqlite-jdbc-*.jar")
                .isDirectoryContaining("glob:**/javafx-graphics-*.jar");
    }

    @Test
    void versionAndHelpRunHeadless() throws Exception {
        Result version = run("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out().strip()).isEqualTo("ClinicLedger " + ApplicationVersion.version());
        assertThat(version.err()).isEmpty();

        Result help = run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: clinicledger", "Exit codes:");
    }

    @Test
    void badInputGivesOneLineAndADocumentedExitCode() throws Exception {
        Result missing = run("info", "--data", temp.resolve("missing").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err().lines()).hasSize(1).first().asString().startsWith("clinicledger: ");
        assertThat(missing.out()).isEmpty();

        Result usage = run("info", "--no-such-option");
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.err()).startsWith("clinicledger: Unknown option").doesNotContain("\tat ");
    }

    @Test
    void benchmarkPrintsFiguresAndRatiosAgainstTheRawLimits() throws Exception {
        Result benchmark = run("benchmark", "--blocks", "1000", "--export-mib", "8", "--patients", "2000",
                "--fhir-records", "20", "--fhir-mib", "2", "--json");
        assertThat(benchmark.exitCode()).as(benchmark.err()).isZero();
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(benchmark.out());
        assertThat(json.get("figures").findValuesAsText("name"))
                .contains("raw SHA-256", "raw AES-256-GCM", "raw durable SQLite insert, median")
                .anyMatch(name -> name.startsWith("verify with signatures"));
        assertThat(json.get("figures").findValuesAsText("name")).contains("export (write the file)",
                "import (stage, verify, merge)", "raw AES-256-GCM in 16 KiB pieces over the export file",
                "directory search (search_p99_ms)", "FHIR export", "raw AES-256-GCM in 16 KiB pieces over the Bundle file");
        assertThat(json.get("ratios")).hasSize(8);
        json.get("figures").forEach(figure -> assertThat(figure.get("value").asDouble()).isPositive());
    }

    @Test
    void aFhirExportOfAttachmentsFourTimesTheHeapRunsInA64MiBHeap() throws Exception {
        // 256 MiB of attachments become about 340 MB of base64: an export that held the Bundle, or the
        // patient's attachments, in memory would run out of a 64 MiB heap; one written as it is made does not.
        // Each attachment (3.2 MiB) is in memory about three times over while it is opened, beside the
        // application's own 30-odd MiB, so the heap keeps room for the collector to place it whole.
        String java = ProcessHandle.current().info().command().orElse("java");
        Path out = temp.resolve("fhir-out.txt");
        Path err = temp.resolve("fhir-err.txt");
        Process process = new ProcessBuilder(java, "-Xmx64m", "-jar", JAR.toString(), "benchmark", "--fhir-only",
                "--fhir-records", "80", "--fhir-mib", "256", "--json")
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("finished within three minutes").isTrue();
        assertThat(process.exitValue()).as(Files.readString(err)).isZero();
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Files.readString(out));
        var figures = new java.util.HashMap<String, Double>();
        json.get("figures").forEach(figure -> figures.put(figure.get("name").asText(), figure.get("value").asDouble()));
        assertThat(figures.get("FHIR Bundle of 80 records, 256 MiB of attachments")).isGreaterThan(300);
        assertThat(figures.get("FHIR export ran within a heap of at most (-Xmx)")).isLessThan(70);
    }

    @Test
    void benchmarkOfTheWindowsStartNeedsADataFolderAndSaysSoInOneLine() throws Exception {
        Result missing = run("benchmark", "--window", temp.resolve("nowhere").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err().strip()).startsWith("clinicledger: No ClinicLedger data folder at ")
                .contains("demo --patients 10000").doesNotContain("\n").doesNotContain("\tat ");
        Result runs = run("benchmark", "--window", temp.toString(), "--runs", "0");
        assertThat(runs.exitCode()).isEqualTo(2);
        assertThat(runs.err()).contains("--runs must be between 1 and 100.");
    }

    @Test
    void verifyNeedsNoPasswordAndReportsAnIntactFolder() throws Exception {
        Path data = temp.resolve("fresh");
        String fingerprint;
        try (org.clinicledger.clinic.Workspace workspace = org.clinicledger.clinic.Workspace.open(data, true,
                java.time.Clock.systemUTC(), org.clinicledger.clinic.KeyDerivationTuning.minimum())) {
            workspace.accounts().setUp("Hillside Clinic", "admin", "admin password 1".toCharArray());
            fingerprint = workspace.clinic().fingerprint().orElseThrow().grouped();
        }
        Result verify = run("verify", "--data", data.toString());
        assertThat(verify.exitCode()).isZero();
        assertThat(verify.out()).contains("Intact: 3 chains, 3 blocks, no problems.", "Clinic key: " + fingerprint);
    }

    @Test
    void userRecoverReadsTheRecoverySheetFromStandardInput() throws Exception {
        Path data = temp.resolve("recover");
        String sheet;
        try (org.clinicledger.clinic.Workspace workspace = org.clinicledger.clinic.Workspace.open(data, true,
                java.time.Clock.systemUTC(), org.clinicledger.clinic.KeyDerivationTuning.minimum())) {
            sheet = workspace.accounts().setUp("Hillside Clinic", "admin", "admin password 1".toCharArray())
                    .recoverySheet().words();
            try (org.clinicledger.clinic.Session admin = workspace.accounts().login("admin",
                    "admin password 1".toCharArray())) {
                workspace.accounts().addAccount(admin, org.clinicledger.domain.Role.DOCTOR, "dr.lee",
                        "doctor password 1".toCharArray(), org.clinicledger.domain.AccountDetails.NONE);
            }
        }
        Path reason = Files.writeString(temp.resolve("reason.txt"), "Forgot the password after the holidays\n");
        Path words = Files.writeString(temp.resolve("sheet.txt"), sheet + "\n");
        Path out = temp.resolve("recover-out.txt");
        Path err = temp.resolve("recover-err.txt");
        ProcessBuilder builder = new ProcessBuilder(javaJar("user", "recover", "dr.lee", "--user", "admin",
                "--reason-file", reason.toString(), "--recovery-sheet", "-", "--data", data.toString()))
                .redirectInput(words.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("CLINICLEDGER_PASSWORD", "admin password 1");
        builder.environment().put("CLINICLEDGER_NEW_PASSWORD", "dr lee's new password");
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(err)).isZero();
        assertThat(Files.readString(out)).contains("Recovered the keys of dr.lee");
        assertThat(run("verify", "--data", data.toString()).exitCode()).isZero();
    }

    /**
     * Opens the real window on an X server. Needs {@code xvfb-run} (and GTK 3), which {@code .ci/run}
     * installs; elsewhere the test is skipped.
     */
    @Test
    void opensTheWindowWithJavaFxAsNamedModules() throws Exception {
        assumeTrue(onPath("xvfb-run"), "xvfb-run is not installed");
        Path data = temp.resolve("data");
        List<String> command = new ArrayList<>(List.of("xvfb-run", "-a"));
        command.addAll(javaJar("--data", data.toString()));
        Path err = temp.resolve("window-err.txt");
        Process process = new ProcessBuilder(command)
                .redirectOutput(temp.resolve("window-out.txt").toFile()).redirectError(err.toFile()).start();
        Path log = data.resolve("logs/clinicledger.log");
        try {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (Instant.now().isBefore(deadline) && process.isAlive() && !contains(log, "Main window shown")) {
                Thread.sleep(200);
            }
            assertThat(contains(log, "Main window shown"))
                    .as("window shown; stderr: %s", Files.readString(err)).isTrue();
        } finally {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            process.waitFor(20, TimeUnit.SECONDS);
        }
        assertThat(Files.readString(err)).doesNotContain("Unsupported JavaFX configuration").doesNotContain("WARNING");
        assertThat(data.resolve("clinicledger.db")).isRegularFile();
    }

    private static boolean contains(Path file, String text) throws IOException {
        return Files.isRegularFile(file) && Files.readString(file).contains(text);
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String folder : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(folder, program))) {
                return true;
            }
        }
        return false;
    }
}
