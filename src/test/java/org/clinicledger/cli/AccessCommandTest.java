package org.clinicledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clinicledger.cli.ScriptedClinic.ADMIN_PASSWORD;
import static org.clinicledger.cli.ScriptedClinic.DESK_PASSWORD;
import static org.clinicledger.cli.ScriptedClinic.KIM_PASSWORD;
import static org.clinicledger.cli.ScriptedClinic.LEE_PASSWORD;
import static org.clinicledger.cli.ScriptedClinic.PASSPHRASE;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.clinicledger.testing.DataFolderScan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code grant}, {@code revoke}, {@code refer} and {@code emergency} as a script runs them: output and exit codes. */
class AccessCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private final CommandTerminal terminal = new CommandTerminal();
    private Path data;
    private String mrn;
    private String record;

    @BeforeEach
    void setUpClinic() throws Exception {
        data = temp.resolve("data");
        mrn = ScriptedClinic.create(terminal, data);
        CommandTerminal.Result added = run(LEE_PASSWORD, "record", "add", "--user", "dr.lee", "--patient", mrn,
                "--diagnosis", "Asthma", "--json");
        assertThat(added.exitCode()).as(added.err()).isZero();
        record = JSON.readTree(added.out()).get("record").asText();
        terminal.variables.clear();
    }

    private CommandTerminal.Result run(String password, String... args) {
        terminal.password(password);
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--data");
        all.add(data.toString());
        return terminal.run(all.toArray(String[]::new));
    }

    private CommandTerminal.Result showAs(String user, String password) {
        return run(password, "record", "show", "--user", user, "--record", record);
    }

    @Test
    void aPatientGrantsAndRevokesByMrnWithDashes() throws Exception {
        assertThat(mrn).contains("-");
        assertThat(showAs("dr.kim", KIM_PASSWORD).exitCode()).isEqualTo(ExitCode.FAILED);

        CommandTerminal.Result granted = run(PASSPHRASE, "grant", "--user", mrn, "--doctor", "dr.kim", "--until",
                "2026-12-31", "--json");
        assertThat(granted.exitCode()).as(granted.err()).isZero();
        JsonNode grant = JSON.readTree(granted.out());
        assertThat(grant.get("principal").asText()).isEqualTo("doctor/dr.kim");
        assertThat(grant.get("keyCopies").asInt()).isEqualTo(1);
        assertThat(grant.get("blocks")).hasSize(2);
        assertThat(grant.get("blocks").get(0).asText()).matches("[0-9a-f]{64}");
        CommandTerminal.Result shown = showAs("dr.kim", KIM_PASSWORD);
        assertThat(shown.exitCode()).as(shown.err()).isZero();
        assertThat(shown.out()).contains("Asthma");

        CommandTerminal.Result revoked = run(PASSPHRASE, "revoke", "--user", mrn, "--doctor", "dr.kim");
        assertThat(revoked.exitCode()).as(revoked.err()).isZero();
        assertThat(revoked.out()).startsWith("Patient " + mrn + " revoked the access of doctor/dr.kim, 1 key copies");
        CommandTerminal.Result denied = showAs("dr.kim", KIM_PASSWORD);
        assertThat(denied.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(denied.err()).contains("access denied");
        assertThat(denied.out()).doesNotContain("Asthma");

        terminal.variables.clear();
        CommandTerminal.Result verify = terminal.run("verify", "--json", "--data", data.toString());
        assertThat(verify.exitCode()).as(verify.out()).isZero();
    }

    @Test
    void aDoctorWithAccessRefersAndTheReasonStaysSealed() throws Exception {
        CommandTerminal.Result refused = run(KIM_PASSWORD, "refer", "--user", "dr.kim", "--patient", mrn, "--to",
                "dr.lee", "--reason", "No access myself");
        assertThat(refused.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(refused.err()).contains("access denied");

        CommandTerminal.Result referred = run(LEE_PASSWORD, "refer", "--user", "dr.lee", "--patient", mrn, "--to",
                "dr.kim", "--reason", "Needs a pulmonologist ZEBRA-REFERRAL", "--json");
        assertThat(referred.exitCode()).as(referred.err()).isZero();
        JsonNode referral = JSON.readTree(referred.out());
        assertThat(referral.get("blocks")).as("referrer and patient, referrer and receiving doctor").hasSize(4);
        assertThat(referral.get("reasonHash").asText()).matches("[0-9a-f]{64}");
        assertThat(showAs("dr.kim", KIM_PASSWORD).exitCode()).isZero();

        assertThat(run(LEE_PASSWORD, "refer", "--user", "dr.lee", "--patient", mrn, "--to", "dr.kim", "--reason",
                " ").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run(LEE_PASSWORD, "refer", "--user", "dr.lee", "--patient", "123", "--to", "dr.kim", "--reason",
                "Typo").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(DataFolderScan.forText(data, List.of("ZEBRA-REFERRAL")).findings()).isEmpty();
    }

    @Test
    void anAdministratorOpensRecordsInAnEmergencyWithAReason() throws Exception {
        assertThat(showAs("admin", ADMIN_PASSWORD).exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(run(ADMIN_PASSWORD, "emergency", "--user", "admin", "--patient", mrn, "--reason", "short")
                .exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run(DESK_PASSWORD, "emergency", "--user", "desk", "--patient", mrn, "--reason",
                "Unconscious in the waiting room").exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(run("wrong password", "emergency", "--user", "admin", "--patient", mrn, "--reason",
                "Unconscious in the waiting room").exitCode()).isEqualTo(ExitCode.AUTHENTICATION);

        CommandTerminal.Result opened = run(ADMIN_PASSWORD, "emergency", "--user", "admin", "--patient", mrn,
                "--reason", "Unconscious in the waiting room QUOKKA-EMERGENCY", "--json");
        assertThat(opened.exitCode()).as(opened.err()).isZero();
        JsonNode emergency = JSON.readTree(opened.out());
        assertThat(emergency.get("principal").asText()).isEqualTo("staff/admin");
        assertThat(emergency.get("blocks")).hasSize(2);
        CommandTerminal.Result shown = showAs("admin", ADMIN_PASSWORD);
        assertThat(shown.exitCode()).as(shown.err()).isZero();
        assertThat(shown.out()).contains("Asthma");
        assertThat(DataFolderScan.forText(data, List.of("QUOKKA-EMERGENCY")).findings()).isEmpty();
    }

    @Test
    void badInputAndRefusalsHaveTheirExitCodes() {
        assertThat(run(PASSPHRASE, "grant", "--user", mrn, "--doctor", "dr.kim", "--until", "31/12/2026").exitCode())
                .isEqualTo(ExitCode.USAGE);
        assertThat(run(PASSPHRASE, "grant", "--user", mrn, "--doctor", "dr.kim", "--until", "2026-11-01").exitCode())
                .as("a grant that ended already").isEqualTo(ExitCode.USAGE);
        assertThat(run(PASSPHRASE, "grant", "--user", mrn, "--doctor", "dr.nobody").exitCode())
                .isEqualTo(ExitCode.FAILED);
        assertThat(run(LEE_PASSWORD, "grant", "--user", "dr.lee", "--doctor", "dr.kim").exitCode())
                .as("only the patient grants").isEqualTo(ExitCode.FAILED);
        assertThat(run("wrong passphrase", "revoke", "--user", mrn, "--doctor", "dr.lee").exitCode())
                .isEqualTo(ExitCode.AUTHENTICATION);
        assertThat(run(PASSPHRASE, "revoke", "--user", mrn).exitCode()).isEqualTo(ExitCode.USAGE);
    }
}
