package org.clinicledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.clinicledger.clinic.ApplicationVersion;
import org.clinicledger.clinic.Workspace;
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
    void unknownOptionIsAUsageErrorOnOneLine() {
        CommandLineInterface.Outcome outcome = run("--frobnicate");
        assertThat(outcome.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(outcome.opensWindow()).isFalse();
        assertThat(err.toString()).startsWith("clinicledger: Unknown option: '--frobnicate'");
    }

    @Test
    void infoDescribesAnExistingFolder() throws Exception {
        Workspace.open(temp.resolve("data"), true).clinic().createClinic("Hillside Clinic");
        assertThat(run("info", "--data", temp.resolve("data").toString()).exitCode()).isZero();
        assertThat(out.toString()).contains("Hillside Clinic", "schema 1", "journal wal");
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

    @Test
    void unexpectedFailuresGiveAnErrorCodeNotAStackTrace() {
        StringWriter sink = new StringWriter();
        int code = CommandLineInterface.report(new IllegalStateException("boom"), new PrintWriter(sink));
        assertThat(code).isEqualTo(ExitCode.INTERNAL);
        assertThat(sink.toString()).matches("(?s)clinicledger: unexpected error [A-Z2-9]{4}-[A-Z2-9]{4}: boom.*\\R")
                .doesNotContain("\tat ");
    }
}
