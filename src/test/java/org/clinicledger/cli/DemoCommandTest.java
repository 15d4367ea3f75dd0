package org.clinicledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.clinicledger.testing.DataFolderScan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code demo}: a fictional clinic made through the services, whose accounts work and whose ledger verifies. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path temp;

    private final CommandTerminal terminal = new CommandTerminal();
    private Path data;
    private JsonNode demo;

    @BeforeAll
    void makeOneDemo() throws Exception {
        data = temp.resolve("demo");
        CommandTerminal.Result made = terminal.run("demo", "--data", data.toString(), "--patients", "8", "--doctors", "3",
                "--records-per-patient", "3", "--seed", "7", "--json");
        assertThat(made.exitCode()).as(made.err()).isZero();
        assertThat(made.err()).isEmpty();
        demo = JSON.readTree(made.out());
    }

    @Test
    void openMakesTheDemoThenOpensTheWindowAndOpensAnExistingClinicAsItIs() {
        Path opened = temp.resolve("opened");
        CommandTerminal.Result made = terminal.run("demo", "--data", opened.toString(), "--patients", "2", "--doctors",
                "1", "--records-per-patient", "1", "--open");
        assertThat(made.exitCode()).as(made.err()).isZero();
        assertThat(made.out()).contains("Accounts (fictional people");
        assertThat(terminal.lastOutcome.opensWindow()).isTrue();
        assertThat(terminal.lastOutcome.windowDataFolder()).isEqualTo(opened.toAbsolutePath());

        CommandTerminal.Result again = terminal.run("demo", "--data", opened.toString(), "--open");
        assertThat(again.exitCode()).isZero();
        assertThat(again.err()).contains("holds a clinic already; opening it as it is");
        assertThat(again.out()).isEmpty();
        assertThat(terminal.lastOutcome.opensWindow()).isTrue();

        CommandTerminal.Result refused = terminal.run("demo", "--data", opened.toString());
        assertThat(refused.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(terminal.lastOutcome.opensWindow()).as("without --open, no window").isFalse();
    }

    private List<JsonNode> accounts(String role) {
        List<JsonNode> found = new ArrayList<>();
        demo.get("accounts").forEach(account -> {
            if (account.get("role").asText().equals(role)) {
                found.add(account);
            }
        });
        return found;
    }

    private CommandTerminal.Result as(JsonNode account, String... args) {
        terminal.password(account.get("password").asText());
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--data");
        all.add(data.toString());
        try {
            return terminal.run(all.toArray(String[]::new));
        } finally {
            terminal.variables.clear();
        }
    }

    @Test
    void printsEveryAccountWithRoleAndIdAndAPatientsIdIsTheirMrn() {
        assertThat(accounts("administrator")).hasSize(1);
        assertThat(accounts("receptionist")).hasSize(1);
        assertThat(accounts("doctor")).hasSize(3);
        assertThat(accounts("patient")).hasSize(8);
        demo.get("accounts").forEach(account -> {
            assertThat(account.get("password").asText()).hasSizeGreaterThanOrEqualTo(10);
            assertThat(account.fieldNames()).toIterable().containsExactlyInAnyOrder("username", "role", "password", "id");
        });
        accounts("patient").forEach(patient -> {
            assertThat(patient.get("id").asText()).matches("\\d{4}-\\d{4}-\\d");
            assertThat(patient.get("id").asText().replace("-", "")).isEqualTo(patient.get("username").asText());
        });
        assertThat(accounts("doctor")).allSatisfy(doctor ->
                assertThat(doctor.get("id").asText()).isEqualTo("doctor/" + doctor.get("username").asText()));
    }

    @Test
    void evenASmallDemoHasEveryKindOfEvent() {
        JsonNode activity = demo.get("activity");
        for (String kind : List.of("records added", "attachments", "amendments", "deletions", "records read", "referrals",
                "grants", "revocations", "emergency accesses")) {
            assertThat(activity.get(kind).asLong()).as(kind).isPositive();
        }
        assertThat(activity.get("records added").asLong()).isGreaterThanOrEqualTo(8 * 3);
    }

    @Test
    void theDemoClinicVerifiesIntact() {
        CommandTerminal.Result verified = terminal.run("verify", "--data", data.toString());
        assertThat(verified.exitCode()).as(verified.out() + verified.err()).isZero();
        // The demo is made at the terminal's fixed time and verified now: the 24 hours of its emergency
        // accesses are over, and the administrator's key copies are upkeep that is due, not a problem.
        List<String> lines = verified.out().lines().toList();
        assertThat(lines).filteredOn(line -> line.startsWith("Intact:")).singleElement().asString()
                .contains("no problems");
        assertThat(lines).filteredOn(line -> !line.startsWith("Intact:") && !line.startsWith("Clinic key:")
                && !line.startsWith("Witnessing:") && !line.startsWith("Read-only:")).allSatisfy(line -> assertThat(line).contains("emergency access ended")
                        .endsWith("[record-key-awaiting-removal]"));
    }

    @Test
    void everyPrintedPasswordLogsIn() throws Exception {
        JsonNode desk = accounts("receptionist").get(0);
        for (JsonNode patient : accounts("patient")) {
            CommandTerminal.Result found = as(desk, "patient", "search", "--user", "reception",
                    patient.get("id").asText(), "--json");
            assertThat(found.exitCode()).as(found.err()).isZero();
            assertThat(JSON.readTree(found.out()).toString()).contains(patient.get("id").asText());
        }
        JsonNode patient = accounts("patient").get(5);
        JsonNode doctor = accounts("doctor").get(0);
        CommandTerminal.Result granted = as(patient, "grant", "--user", patient.get("username").asText(), "--doctor",
                doctor.get("username").asText());
        assertThat(granted.exitCode()).as(granted.err()).isIn(0, 1);
        assertThat(granted.err()).doesNotContain("password");
        for (JsonNode account : List.of(accounts("administrator").get(0), doctor)) {
            CommandTerminal.Result searched = as(account, "patient", "search", "--user",
                    account.get("username").asText(), patient.get("id").asText());
            assertThat(searched.exitCode()).as(searched.err()).isZero();
        }
    }

    @Test
    void noDiagnosisNoteOrAttachmentIsInPlaintextAnywhereInTheFolder() {
        DataFolderScan.Result scan = DataFolderScan.forText(data, List.of("Presented with", "Essential hypertension",
                "Acute upper respiratory infection", "Low back pain", "haemoglobin,", "Dear colleague", "Front desk",
                "example.org", "+1 555 01", "Specialist opinion", "brought in unconscious", "Entered in the wrong"));
        assertThat(scan.filesRead()).isGreaterThan(10);
        assertThat(scan.findings()).isEmpty();
    }

    @Test
    void theSameSeedTellsTheSameStory() throws Exception {
        Map<String, String> first = story(temp.resolve("again-1"), "7");
        Map<String, String> second = story(temp.resolve("again-2"), "7");
        Map<String, String> other = story(temp.resolve("other-seed"), "8");
        assertThat(second).isEqualTo(first);
        assertThat(first.get("activity")).isEqualTo(demo.get("activity").toString());
        assertThat(other).isNotEqualTo(first);
    }

    private Map<String, String> story(Path folder, String seed) throws Exception {
        CommandTerminal.Result made = terminal.run("demo", "--data", folder.toString(), "--patients", "8", "--doctors",
                "3", "--records-per-patient", "3", "--seed", seed, "--json");
        assertThat(made.exitCode()).as(made.err()).isZero();
        JsonNode root = JSON.readTree(made.out());
        Map<String, String> story = new HashMap<>();
        story.put("clinic", root.get("clinic").asText());
        story.put("activity", root.get("activity").toString());
        List<String> doctors = new ArrayList<>();
        root.get("accounts").forEach(account -> {
            if (account.get("role").asText().equals("doctor")) {
                doctors.add(account.get("username").asText());
            }
        });
        story.put("doctors", doctors.toString());
        return story;
    }

    @Test
    void aFolderWithAClinicIsRefusedAndLeftAsItWas() throws Exception {
        long before = Files.size(data.resolve("clinicledger.db"));
        CommandTerminal.Result refused = terminal.run("demo", "--data", data.toString(), "--patients", "1");
        assertThat(refused.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(refused.err()).startsWith("clinicledger: ").contains("already");
        assertThat(refused.err().lines()).hasSize(1);
        assertThat(Files.size(data.resolve("clinicledger.db"))).isEqualTo(before);
    }

    @Test
    void countsOutOfRangeAreUsageErrorsAndWriteNothing() {
        for (List<String> wrong : List.of(List.of("--patients", "-1"), List.of("--doctors", "0"),
                List.of("--records-per-patient", "101"), List.of("--patients", "100001"), List.of("--patients", "many"))) {
            Path folder = temp.resolve("wrong-" + String.join("", wrong).replaceAll("[^a-z0-9]", ""));
            List<String> args = new ArrayList<>(List.of("demo", "--data", folder.toString()));
            args.addAll(wrong);
            CommandTerminal.Result result = terminal.run(args.toArray(String[]::new));
            assertThat(result.exitCode()).as(wrong.toString()).isEqualTo(ExitCode.USAGE);
            assertThat(result.err()).as(wrong.toString()).startsWith("clinicledger: ");
            assertThat(folder).as(wrong.toString()).doesNotExist();
        }
    }
}
