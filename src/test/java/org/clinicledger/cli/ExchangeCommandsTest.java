package org.clinicledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clinicledger.cli.ScriptedClinic.DESK_PASSWORD;
import static org.clinicledger.cli.ScriptedClinic.KIM_PASSWORD;
import static org.clinicledger.cli.ScriptedClinic.LEE_PASSWORD;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.clinicledger.clinic.RollbackMemory;

/**
 * {@code export}, {@code verify-export} and {@code import} as a doctor's script runs them between
 * the clinic's computer and an offline workstation (each with its own memory of the chains): what
 * they print, what they write, and their exit codes.
 */
class ExchangeCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private final CommandTerminal terminal = new CommandTerminal();
    private Path clinic;
    private String mrn;
    private String savedState;

    @BeforeEach
    void setUp() throws Exception {
        savedState = System.getProperty(RollbackMemory.PROPERTY);
        machine("clinic");
        clinic = temp.resolve("clinic");
        mrn = ScriptedClinic.create(terminal, clinic);
    }

    @AfterEach
    void restore() {
        if (savedState == null) {
            System.clearProperty(RollbackMemory.PROPERTY);
        } else {
            System.setProperty(RollbackMemory.PROPERTY, savedState);
        }
    }

    private void machine(String name) {
        System.setProperty(RollbackMemory.PROPERTY, temp.resolve("state-" + name).toString());
    }

    private CommandTerminal.Result run(Path data, String password, String... args) {
        terminal.variables.clear();
        if (password != null) {
            terminal.password(password);
        }
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--data");
        all.add(data.toString());
        return terminal.run(all.toArray(String[]::new));
    }

    @Test
    void theDoctorCarriesTheirPatientsToAWorkstationAndBack() throws Exception {
        Path out = temp.resolve("to-laptop.clchain");
        CommandTerminal.Result exported = run(clinic, LEE_PASSWORD, "export", "--user", "dr.lee", "--doctor", "dr.lee",
                "--new-machine", "--out", out.toString(), "--json");
        assertThat(exported.exitCode()).as(exported.err()).isZero();
        JsonNode summary = JSON.readTree(exported.out());
        assertThat(summary.get("newMachine").asText()).startsWith("node/");
        assertThat(summary.get("bytes").asLong()).isEqualTo(Files.size(out));

        CommandTerminal.Result checked = run(clinic, null, "verify-export", out.toString(), "--json");
        assertThat(checked.exitCode()).as(checked.out() + checked.err()).isZero();
        assertThat(JSON.readTree(checked.out()).get("intact").asBoolean()).isTrue();

        machine("laptop");
        Path laptop = temp.resolve("laptop");
        CommandTerminal.Result made = run(laptop, LEE_PASSWORD, "import", "--user", "dr.lee", out.toString());
        assertThat(made.exitCode()).as(made.err()).isZero();
        assertThat(made.out()).contains("now a replica of the clinic");
        CommandTerminal.Result added = run(laptop, LEE_PASSWORD, "record", "add", "--user", "dr.lee", "--patient", mrn,
                "--diagnosis", "Seen at home", "--json");
        assertThat(added.exitCode()).as(added.err()).isZero();
        Path back = temp.resolve("from-laptop.clchain");
        assertThat(run(laptop, LEE_PASSWORD, "export", "--user", "dr.lee", "--doctor", "dr.lee", "--out",
                back.toString()).exitCode()).isZero();
        assertThat(run(laptop, null, "verify").exitCode()).as("the replica verifies").isZero();

        machine("clinic");
        CommandTerminal.Result imported = run(clinic, LEE_PASSWORD, "import", "--user", "dr.lee", back.toString(),
                "--json");
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        JsonNode result = JSON.readTree(imported.out());
        assertThat(result.get("outcome").asText()).isEqualTo("merged");
        assertThat(result.get("newRecords").asLong()).isEqualTo(1);
        CommandTerminal.Result again = run(clinic, LEE_PASSWORD, "import", "--user", "dr.lee", back.toString());
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).startsWith("Nothing new");
        CommandTerminal.Result shown = run(clinic, LEE_PASSWORD, "record", "show", "--user", "dr.lee", "--record",
                JSON.readTree(added.out()).get("record").asText());
        assertThat(shown.exitCode()).as(shown.err()).isZero();
        assertThat(shown.out()).contains("Seen at home");
        assertThat(run(clinic, null, "verify").exitCode()).isZero();
    }

    @Test
    void refusalsAndUnusableFilesHaveTheirExitCodesAndOneLine() throws Exception {
        Path out = temp.resolve("lee.clchain");
        CommandTerminal.Result receptionist = run(clinic, DESK_PASSWORD, "export", "--user", "desk", "--all", "--out",
                out.toString());
        assertThat(receptionist.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(receptionist.err().strip()).contains("may not export").doesNotContain("\n");
        CommandTerminal.Result noScope = run(clinic, KIM_PASSWORD, "export", "--user", "dr.kim", "--out", out.toString());
        assertThat(noScope.exitCode()).isEqualTo(ExitCode.USAGE);
        CommandTerminal.Result wrongPassword = run(clinic, "not it", "export", "--user", "dr.lee", "--doctor", "dr.lee",
                "--out", out.toString());
        assertThat(wrongPassword.exitCode()).isEqualTo(ExitCode.AUTHENTICATION);
        assertThat(out).doesNotExist();

        assertThat(run(clinic, LEE_PASSWORD, "export", "--user", "dr.lee", "--patient", mrn, "--out", out.toString())
                .exitCode()).isZero();
        CommandTerminal.Result exists = run(clinic, LEE_PASSWORD, "export", "--user", "dr.lee", "--patient", mrn,
                "--out", out.toString());
        assertThat(exists.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(exists.err()).contains("already exists");

        byte[] bytes = Files.readAllBytes(out);
        bytes[bytes.length / 2] ^= 1;
        Path changed = Files.write(temp.resolve("changed.clchain"), bytes);
        CommandTerminal.Result tampered = run(clinic, null, "verify-export", changed.toString());
        assertThat(tampered.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(tampered.err().strip()).startsWith("clinicledger: This is not a ClinicLedger export file").doesNotContain("\n");
        CommandTerminal.Result intoClinic = run(clinic, LEE_PASSWORD, "import", "--user", "dr.lee", changed.toString());
        assertThat(intoClinic.exitCode()).isEqualTo(ExitCode.USAGE);

        CommandTerminal.Result other = run(clinic, null, "verify-export", out.toString(), "--clinic",
                "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA");
        assertThat(other.exitCode()).isEqualTo(ExitCode.FAILED);

        machine("laptop");
        Path empty = temp.resolve("empty");
        CommandTerminal.Result noMachine = run(empty, LEE_PASSWORD, "import", "--user", "dr.lee", out.toString());
        assertThat(noMachine.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(noMachine.err()).contains("does not start a new machine");
        assertThat(empty).satisfiesAnyOf(path -> assertThat(path).doesNotExist(), path -> assertThat(path).isEmptyDirectory());
    }
}
