package org.clinicledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.clinicledger.clinic.ApplicationVersion;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.ClinicFingerprint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineInterfaceTest {

    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CommandLineInterface.Outcome run(String... args) {
        return CommandLineInterface.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void versionPrintsTheBuildVersion() {
        assertThat(run("--version").exitCode()).isZero();
        assertThat(out.toString().strip()).isEqualTo("ClinicLedger " + ApplicationVersion.version());
        assertThat(ApplicationVersion.version()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void helpListsCommandsAndExitCodes() {
        assertThat(run("--help").exitCode()).isZero();
        assertThat(out.toString()).contains("--data=DIR", "info", "Exit codes:", "authentication failed");
    }

    @Test
    void noCommandAsksForTheWindowOnTheResolvedFolder() {
        CommandLineInterface.Outcome outcome = run("--data", temp.toString());
        assertThat(outcome.opensWindow()).isTrue();
        assertThat(outcome.windowDataFolder()).isEqualTo(temp.toAbsolutePath());
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void anExportFileInPlaceOfACommandOpensTheWindowToImportIt() {
        CommandLineInterface.Outcome outcome = run("--data", temp.toString(), "from-laptop.CLCHAIN");
        assertThat(outcome.opensWindow()).isTrue();
        assertThat(outcome.windowFile()).isEqualTo(Path.of("from-laptop.CLCHAIN").toAbsolutePath());
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aMistypedCommandIsStillAUsageErrorOnOneLine() {
        CommandLineInterface.Outcome outcome = run("--data", temp.toString(), "verfy");
        assertThat(outcome.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(outcome.opensWindow()).isFalse();
        assertThat(err.toString()).startsWith("clinicledger: Unknown command or export file: 'verfy'");
        assertThat(err.toString().lines()).hasSize(2);
    }

    @Test
    void unknownOptionIsAUsageErrorOnOneLine() {
        CommandLineInterface.Outcome outcome = run("--frobnicate");
        assertThat(outcome.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(outcome.opensWindow()).isFalse();
        assertThat(err.toString()).startsWith("clinicledger: Unknown option: '--frobnicate'");
    }

    @Test
    void infoDescribesAnExistingFolder() throws Exception {
        Workspace.open(temp.resolve("data"), true, java.time.Clock.systemUTC(),
                org.clinicledger.clinic.KeyDerivationTuning.minimum())
                .accounts().setUp("Hillside Clinic", "admin", "correct horse battery".toCharArray());
        assertThat(run("info", "--data", temp.resolve("data").toString()).exitCode()).isZero();
        assertThat(out.toString()).contains("Hillside Clinic", "schema 13", "journal wal");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void dataOptionWorksBeforeTheCommandToo() throws Exception {
        Workspace.open(temp.resolve("data"), true);
        assertThat(run("--data", temp.resolve("data").toString(), "info").exitCode()).isZero();
        assertThat(out.toString()).contains("not set up yet");
    }

    @Test
    void infoOnAMissingFolderExitsTwoAndCreatesNothing() {
        Path missing = temp.resolve("missing");
        assertThat(run("info", "--data", missing.toString()).exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString().strip()).isEqualTo("clinicledger: There is no ClinicLedger data folder at " + missing + ".");
        assertThat(missing).doesNotExist();
    }

    @Test
    void infoOnAForeignFolderExitsTwoWithOneLine() throws Exception {
        Files.writeString(temp.resolve("letter.txt"), "dear…");
        assertThat(run("info", "--data", temp.toString()).exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString().lines()).hasSize(1);
        assertThat(err.toString()).contains("is not a ClinicLedger data folder");
    }

    /** A data folder with a clinic set up: its clinic key, this machine's chain, the first administrator. */
    private static ClinicFingerprint setUpClinic(Path data) {
        try (Workspace workspace = Workspace.open(data, true, java.time.Clock.systemUTC(),
                org.clinicledger.clinic.KeyDerivationTuning.minimum())) {
            workspace.accounts().setUp("Hillside Clinic", "admin", "admin password 1".toCharArray());
            return workspace.clinic().fingerprint().orElseThrow();
        }
    }

    @Test
    void verifyOfAnIntactFolderExitsZeroWithJson() throws Exception {
        ClinicFingerprint clinic = setUpClinic(temp.resolve("data"));
        assertThat(run("verify", "--json", "--data", temp.resolve("data").toString()).exitCode()).isZero();
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
        assertThat(json.get("ok").asBoolean()).isTrue();
        assertThat(json.get("clinicKey").asText()).isEqualTo(clinic.grouped());
        assertThat(json.get("chains").asInt()).isEqualTo(3);
        assertThat(json.get("blocks").asInt()).isEqualTo(3);
        assertThat(json.get("problems").isArray()).isTrue();
        assertThat(json.get("problems")).isEmpty();
    }

    @Test
    void verifyAgainstTheClinicsFingerprintCatchesAFolderOfAnotherClinicKey() throws Exception {
        ClinicFingerprint ours = setUpClinic(temp.resolve("ours"));
        ClinicFingerprint theirs = setUpClinic(temp.resolve("theirs"));
        String typed = ours.grouped().toLowerCase(java.util.Locale.ROOT).replace("-", " ");
        assertThat(run("verify", "--clinic", typed, "--data", temp.resolve("ours").toString()).exitCode()).isZero();
        assertThat(out.toString()).contains("Intact:", "Clinic key: " + ours.grouped() + " (as expected)");

        out.getBuffer().setLength(0);
        // A whole folder made anew under another key is consistent in itself: only the fingerprint tells.
        assertThat(run("verify", "--clinic", ours.grouped(), "--json", "--data", temp.resolve("theirs").toString())
                .exitCode()).isEqualTo(ExitCode.FAILED);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
        assertThat(json.get("ok").asBoolean()).isFalse();
        assertThat(json.get("problems")).anySatisfy(problem -> {
            assertThat(problem.get("code").asText()).isEqualTo("clinic-root");
            assertThat(problem.get("reason").asText()).contains(theirs.grouped(), "not to the expected " + ours.grouped());
        });
    }

    @Test
    void aMistypedFingerprintExitsTwoWithOneLine() throws Exception {
        setUpClinic(temp.resolve("data"));
        assertThat(run("verify", "--clinic", "ABCD-0000", "--data", temp.resolve("data").toString()).exitCode())
                .isEqualTo(ExitCode.USAGE);
        assertThat(err.toString().lines()).singleElement().asString().contains("clinic fingerprint is 32 letters");
    }

    @Test
    void verifyOfATamperedFolderExitsOneAndNamesEachProblem() throws Exception {
        Path data = temp.resolve("data");
        setUpClinic(data);
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + data.resolve("clinicledger.db"));
             var statement = connection.createStatement()) {
            statement.executeUpdate("DROP TRIGGER blocks_are_never_updated");
            statement.executeUpdate("UPDATE blocks SET created_at = created_at + 1 WHERE chain_id LIKE 'node/%'");
        }
        assertThat(run("verify", "--data", data.toString()).exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(out.toString())
                .containsPattern("node/[0-9a-f]{32} #0: the block's content does not match its hash.*\\[block-hash\\]")
                .contains("#0: the author's signature does not verify [signature]", "NOT INTACT: 3 chains, 3 blocks, 2 problems.");

        out.getBuffer().setLength(0);
        assertThat(run("verify", "--json", "--data", data.toString()).exitCode()).isEqualTo(ExitCode.FAILED);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
        assertThat(json.get("ok").asBoolean()).isFalse();
        assertThat(json.get("problems").get(0).get("height").asInt()).isZero();
        assertThat(json.get("problems").get(0).get("chain").asText()).startsWith("node/");
        assertThat(json.get("problems").get(0).get("code").asText()).isEqualTo("block-hash");
    }

    @Test
    void verifyOfAnUnreadableFolderExitsTwo() throws Exception {
        assertThat(run("verify", "--data", temp.resolve("missing").toString()).exitCode()).isEqualTo(ExitCode.USAGE);
        Path data = Files.createDirectories(temp.resolve("broken"));
        Files.writeString(data.resolve("clinicledger.db"), "not a database at all, just text ".repeat(100));
        err.getBuffer().setLength(0);
        assertThat(run("verify", "--data", data.toString()).exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("is not a ClinicLedger database").doesNotContain("\tat ");
    }

    @Test
    void unexpectedFailuresGiveAnErrorCodeNotAStackTrace() {
        StringWriter sink = new StringWriter();
        int code = CommandLineInterface.report(new IllegalStateException("boom"), new PrintWriter(sink));
        assertThat(code).isEqualTo(ExitCode.INTERNAL);
        assertThat(sink.toString()).matches("(?s)clinicledger: unexpected error [A-Z2-9]{4}-[A-Z2-9]{4}: boom.*\\R")
                .doesNotContain("\tat ");
    }
}
