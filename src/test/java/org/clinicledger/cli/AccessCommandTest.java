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
        assertThat(denied.err()).contains("Access denied");
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
        assertThat(refused.err()).contains("Access denied");

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

    private static final String REASON = "Unconscious in the waiting room";
    private static final String BOSS_PASSWORD = "second admin password";

    /** A second administrator, boss, added with the recovery sheet's words on standard input. */
    private void addSecondAdministrator() {
        terminal.newPassword(BOSS_PASSWORD);
        terminal.stdin = terminal.recoverySheet;
        CommandTerminal.Result added = run(ADMIN_PASSWORD, "user", "add", "--user", "admin", "--role",
                "administrator", "--username", "boss", "--recovery-sheet", "-");
        assertThat(added.exitCode()).as(added.err()).isZero();
        terminal.stdin = "";
        terminal.variables.clear();
    }

    private CommandTerminal.Result emergency(String password, String... more) {
        List<String> args = new ArrayList<>(List.of("emergency", "--patient", mrn));
        args.addAll(List.of(more));
        return run(password, args.toArray(String[]::new));
    }

    /** One line on stderr, starting as every refusal does. */
    private static void assertOneLine(CommandTerminal.Result result, String containing) {
        assertThat(result.err()).startsWith("clinicledger: ").contains(containing);
        assertThat(result.err().strip().lines()).hasSize(1);
    }

    @Test
    void anAdministratorOpensRecordsInAnEmergencyWithAReasonAndASecondAdministrator() throws Exception {
        addSecondAdministrator();
        assertThat(showAs("admin", ADMIN_PASSWORD).exitCode()).isEqualTo(ExitCode.FAILED);
        terminal.secondPassword(BOSS_PASSWORD);
        assertThat(emergency(ADMIN_PASSWORD, "--user", "admin", "--reason", "short", "--confirm-by", "boss")
                .exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(emergency(DESK_PASSWORD, "--user", "desk", "--reason", REASON, "--confirm-by", "boss")
                .exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(emergency("wrong password", "--user", "admin", "--reason", REASON, "--confirm-by", "boss")
                .exitCode()).isEqualTo(ExitCode.AUTHENTICATION);

        CommandTerminal.Result none = emergency(ADMIN_PASSWORD, "--user", "admin", "--reason", REASON);
        assertThat(none.exitCode()).isEqualTo(ExitCode.USAGE);
        assertOneLine(none, "--confirm-by ADMIN");

        terminal.secondPassword("not boss's password");
        CommandTerminal.Result wrongSecond = emergency(ADMIN_PASSWORD, "--user", "admin", "--reason", REASON,
                "--confirm-by", "boss");
        assertThat(wrongSecond.exitCode()).isEqualTo(ExitCode.AUTHENTICATION);
        assertOneLine(wrongSecond, "Second administrator");

        terminal.secondPassword(ADMIN_PASSWORD);
        CommandTerminal.Result twice = emergency(ADMIN_PASSWORD, "--user", "admin", "--reason", REASON,
                "--confirm-by", "ADMIN");
        assertThat(twice.exitCode()).isEqualTo(ExitCode.USAGE);
        assertOneLine(twice, "someone other than you");

        terminal.secondPassword(DESK_PASSWORD);
        CommandTerminal.Result receptionist = emergency(ADMIN_PASSWORD, "--user", "admin", "--reason", REASON,
                "--confirm-by", "desk");
        assertThat(receptionist.exitCode()).isEqualTo(ExitCode.FAILED);
        assertOneLine(receptionist, "desk is not an administrator");
        assertThat(showAs("admin", ADMIN_PASSWORD).exitCode()).as("nothing was opened").isEqualTo(ExitCode.FAILED);

        terminal.secondPassword(BOSS_PASSWORD);
        CommandTerminal.Result opened = emergency(ADMIN_PASSWORD, "--user", "admin", "--reason",
                REASON + " QUOKKA-EMERGENCY", "--confirm-by", "boss", "--json");
        assertThat(opened.exitCode()).as(opened.err()).isZero();
        JsonNode emergency = JSON.readTree(opened.out());
        assertThat(emergency.get("principal").asText()).isEqualTo("staff/admin");
        assertThat(emergency.get("blocks")).hasSize(2);
        CommandTerminal.Result shown = showAs("admin", ADMIN_PASSWORD);
        assertThat(shown.exitCode()).as(shown.err()).isZero();
        assertThat(shown.out()).contains("Asthma");
        assertThat(DataFolderScan.forText(data, List.of("QUOKKA-EMERGENCY", BOSS_PASSWORD)).findings()).isEmpty();
        assertThat(run("", "verify").exitCode()).isZero();
    }

    @Test
    void theSecondAdministratorsPasswordIsAskedForAtTheTerminalWhenNoVariableHoldsIt() {
        addSecondAdministrator();
        terminal.hasTerminal = true;
        terminal.typed.add(BOSS_PASSWORD);
        CommandTerminal.Result opened = emergency(ADMIN_PASSWORD, "--user", "admin", "--reason", REASON,
                "--confirm-by", "boss");
        assertThat(opened.exitCode()).as(opened.err()).isZero();
        assertThat(terminal.prompts).containsExactly("Password for boss (second administrator): ");

        terminal.hasTerminal = false;
        CommandTerminal.Result noTerminal = emergency(ADMIN_PASSWORD, "--user", "admin", "--reason", REASON,
                "--confirm-by", "boss");
        assertThat(noTerminal.exitCode()).isEqualTo(ExitCode.USAGE);
        assertOneLine(noTerminal, "CLINICLEDGER_SECOND_PASSWORD");
    }

    @Test
    void theRecoverySheetOnStandardInputConfirmsAnEmergencyAndAMistypedOneSaysSo() throws Exception {
        String words = terminal.recoverySheet;

        terminal.stdin = "";
        CommandTerminal.Result empty = emergency(ADMIN_PASSWORD, "--user", "admin", "--reason", REASON,
                "--recovery-sheet", "-");
        assertThat(empty.exitCode()).isEqualTo(ExitCode.USAGE);
        assertOneLine(empty, "Type the words of the clinic's recovery sheet");

        char flipped = words.charAt(10) == 'A' ? 'B' : 'A';
        terminal.stdin = words.substring(0, 10) + flipped + words.substring(11) + "\n";
        CommandTerminal.Result typo = emergency(ADMIN_PASSWORD, "--user", "admin", "--reason", REASON,
                "--recovery-sheet", "-");
        assertThat(typo.exitCode()).isEqualTo(ExitCode.USAGE);
        assertOneLine(typo, "there is a typo");

        terminal.stdin = words.substring(0, words.length() - 5);
        CommandTerminal.Result shortened = emergency(ADMIN_PASSWORD, "--user", "admin", "--reason", REASON,
                "--recovery-sheet", "-");
        assertThat(shortened.exitCode()).isEqualTo(ExitCode.USAGE);
        assertOneLine(shortened, "groups of four");

        terminal.stdin = "x".repeat(EscrowConfirmationOptions.MAX_SHEET_BYTES + 1);
        assertThat(emergency(ADMIN_PASSWORD, "--user", "admin", "--reason", REASON, "--recovery-sheet", "-")
                .exitCode()).isEqualTo(ExitCode.USAGE);

        CommandTerminal.Result onTheCommandLine = emergency(ADMIN_PASSWORD, "--user", "admin", "--reason", REASON,
                "--recovery-sheet", words);
        assertThat(onTheCommandLine.exitCode()).isEqualTo(ExitCode.USAGE);
        assertOneLine(onTheCommandLine, "never go on the command line");

        CommandTerminal.Result both = emergency(ADMIN_PASSWORD, "--user", "admin", "--reason", REASON,
                "--recovery-sheet", "-", "--confirm-by", "boss");
        assertThat(both.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(showAs("admin", ADMIN_PASSWORD).exitCode()).as("nothing was opened").isEqualTo(ExitCode.FAILED);

        // Lower case, spaces for dashes, a line break: the same words.
        terminal.stdin = words.toLowerCase(java.util.Locale.ROOT).replace('-', ' ') + "\n";
        CommandTerminal.Result opened = emergency(ADMIN_PASSWORD, "--user", "admin", "--reason", REASON,
                "--recovery-sheet", "-");
        assertThat(opened.exitCode()).as(opened.err()).isZero();
        assertThat(showAs("admin", ADMIN_PASSWORD).out()).contains("Asthma");
        assertThat(DataFolderScan.forText(data, List.of(words, words.replace("-", ""))).findings()).isEmpty();
    }

    @Test
    void anotherClinicsRecoverySheetIsRefused() throws Exception {
        CommandTerminal other = new CommandTerminal();
        ScriptedClinic.create(other, temp.resolve("other"));
        terminal.stdin = other.recoverySheet;
        CommandTerminal.Result foreign = emergency(ADMIN_PASSWORD, "--user", "admin", "--reason", REASON,
                "--recovery-sheet", "-");
        assertThat(foreign.exitCode()).isEqualTo(ExitCode.FAILED);
        assertOneLine(foreign, "not this clinic's");
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
