package org.clinicledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clinicledger.cli.ScriptedClinic.KIM_PASSWORD;
import static org.clinicledger.cli.ScriptedClinic.LEE_PASSWORD;
import static org.clinicledger.cli.ScriptedClinic.PASSPHRASE;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.clinicledger.testing.DataFolderScan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code record add}, {@code amend}, {@code delete} and {@code show} as a script runs them: output and exit codes. */
class RecordCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private final CommandTerminal terminal = new CommandTerminal();
    private Path data;
    private String mrn;

    @BeforeEach
    void setUpClinic() throws Exception {
        data = temp.resolve("data");
        mrn = ScriptedClinic.create(terminal, data);
        terminal.variables.clear();
    }

    private CommandTerminal.Result record(String password, String... args) {
        terminal.password(password);
        List<String> all = new ArrayList<>(List.of("record"));
        all.addAll(List.of(args));
        all.add("--data");
        all.add(data.toString());
        return terminal.run(all.toArray(String[]::new));
    }

    private JsonNode added(CommandTerminal.Result result) throws Exception {
        assertThat(result.exitCode()).as(result.err()).isZero();
        return JSON.readTree(result.out());
    }

    @Test
    void aDoctorAddsAmendsShowsAndDeletesARecord() throws Exception {
        Path scan = Files.write(temp.resolve("scan.txt"), "peak flow 380".getBytes(StandardCharsets.UTF_8));
        JsonNode add = added(record(LEE_PASSWORD, "add", "--user", "dr.lee", "--patient", mrn, "--diagnosis",
                "Asthma", "--icd10", "j45", "--note", "Inhaler", "--attach", scan.toString(), "--json"));
        String id = add.get("record").asText();
        assertThat(add.get("version").asInt()).isEqualTo(1);
        assertThat(add.get("recordHash").asText()).matches("[0-9a-f]{64}");
        assertThat(add.get("blocks")).hasSize(2);

        CommandTerminal.Result shown = record(PASSPHRASE, "show", "--user", mrn, "--record", id);
        assertThat(shown.exitCode()).as(shown.err()).isZero();
        assertThat(shown.out()).contains("Diagnosis:   Asthma", "ICD-10:      J45", "Notes:       Inhaler",
                "scan.txt", add.get("recordHash").asText());

        JsonNode amend = added(record(LEE_PASSWORD, "amend", "--user", "dr.lee", "--record", id, "--diagnosis",
                "Asthma, moderate", "--json"));
        assertThat(amend.get("record").asText()).isEqualTo(id);
        assertThat(amend.get("version").asInt()).isEqualTo(2);
        CommandTerminal.Result amendedText = record(LEE_PASSWORD, "amend", "--user", "dr.lee", "--record", id,
                "--diagnosis", "Asthma, severe");
        assertThat(amendedText.exitCode()).isZero();
        assertThat(amendedText.out()).startsWith("Amended record " + id + " version 3");

        CommandTerminal.Result json = record(LEE_PASSWORD, "show", "--user", "dr.lee", "--record", id, "--json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode content = JSON.readTree(json.out());
        assertThat(content.get("diagnosis").asText()).isEqualTo("Asthma, severe");
        assertThat(content.get("version").asInt()).isEqualTo(3);
        assertThat(content.get("history")).hasSize(3);

        CommandTerminal.Result deleted = record(LEE_PASSWORD, "delete", "--user", "dr.lee", "--record", id,
                "--reason", "Duplicate entry");
        assertThat(deleted.exitCode()).as(deleted.err()).isZero();
        assertThat(deleted.out()).startsWith("Deleted record " + id);
        CommandTerminal.Result gone = record(PASSPHRASE, "show", "--user", mrn, "--record", id);
        assertThat(gone.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(gone.err()).contains("was deleted");

        terminal.variables.clear();
        CommandTerminal.Result verify = terminal.run("verify", "--json", "--data", data.toString());
        assertThat(verify.exitCode()).as(verify.out()).isZero();
        assertThat(verify.out()).contains("\"ok\":true");
        assertThat(DataFolderScan.forText(data, List.of("Asthma", "Inhaler", "peak flow", "Duplicate entry"))
                .findings()).isEmpty();
    }

    @Test
    void anAmendmentKeepsTheAttachmentsUnlessDropped() throws Exception {
        Path scan = Files.write(temp.resolve("scan.txt"), "peak flow 380".getBytes(StandardCharsets.UTF_8));
        Path letter = Files.write(temp.resolve("letter.txt"), "referral".getBytes(StandardCharsets.UTF_8));
        String id = added(record(LEE_PASSWORD, "add", "--user", "dr.lee", "--patient", mrn, "--diagnosis", "Asthma",
                "--attach", scan.toString(), "--attach", letter.toString(), "--json")).get("record").asText();
        added(record(LEE_PASSWORD, "amend", "--user", "dr.lee", "--record", id, "--diagnosis", "Asthma, moderate",
                "--json"));
        CommandTerminal.Result kept = record(LEE_PASSWORD, "show", "--user", "dr.lee", "--record", id);
        assertThat(kept.out()).contains("Attachment 0: scan.txt", "Attachment 1: letter.txt");

        added(record(LEE_PASSWORD, "amend", "--user", "dr.lee", "--record", id, "--diagnosis", "Asthma, moderate",
                "--drop-attachment", "0", "--json"));
        CommandTerminal.Result dropped = record(LEE_PASSWORD, "show", "--user", "dr.lee", "--record", id);
        assertThat(dropped.out()).contains("Attachment 0: letter.txt").doesNotContain("scan.txt");

        CommandTerminal.Result missing = record(LEE_PASSWORD, "amend", "--user", "dr.lee", "--record", id,
                "--diagnosis", "Asthma", "--drop-attachment", "5");
        assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(missing.err().strip()).isEqualTo("clinicledger: Version 3 of record " + id + " has attachment 0 only, so "
                + "there is no attachment 5 to drop.");
        CommandTerminal.Result negative = record(LEE_PASSWORD, "amend", "--user", "dr.lee", "--record", id,
                "--diagnosis", "Asthma", "--drop-attachment", "-1");
        assertThat(negative.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(record(LEE_PASSWORD, "amend", "--user", "dr.lee", "--record", id, "--diagnosis", "Asthma",
                "--drop-attachment", "one").exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void exitCodesSayWhatWentWrong() throws Exception {
        String id = added(record(LEE_PASSWORD, "add", "--user", "dr.lee", "--patient", mrn, "--diagnosis", "Flu",
                "--json")).get("record").asText();

        CommandTerminal.Result denied = record(KIM_PASSWORD, "show", "--user", "dr.kim", "--record", id);
        assertThat(denied.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(denied.err()).contains("Access denied");
        assertThat(denied.out()).doesNotContain("Flu");
        assertThat(record(KIM_PASSWORD, "add", "--user", "dr.kim", "--patient", mrn, "--diagnosis", "Cold")
                .exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(record(LEE_PASSWORD, "show", "--user", "dr.lee", "--record", "nope").exitCode())
                .isEqualTo(ExitCode.FAILED);

        assertThat(record(LEE_PASSWORD, "add", "--user", "dr.lee", "--patient", mrn, "--diagnosis", "Cold",
                "--icd10", "not-a-code").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(record(LEE_PASSWORD, "add", "--user", "dr.lee", "--patient", mrn, "--diagnosis", " ")
                .exitCode()).isEqualTo(ExitCode.USAGE);
        CommandTerminal.Result missing = record(LEE_PASSWORD, "add", "--user", "dr.lee", "--patient", mrn,
                "--diagnosis", "Cold", "--attach", temp.resolve("missing.pdf").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(missing.err()).contains("does not exist");
        assertThat(record(LEE_PASSWORD, "delete", "--user", "dr.lee", "--record", id, "--reason", "")
                .exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(record(LEE_PASSWORD, "add", "--user", "dr.lee", "--patient", mrn).exitCode())
                .as("no diagnosis").isEqualTo(ExitCode.USAGE);

        assertThat(record("wrong password", "add", "--user", "dr.lee", "--patient", mrn, "--diagnosis", "Cold")
                .exitCode()).isEqualTo(ExitCode.AUTHENTICATION);
        assertThat(record("wrong password", "show", "--user", mrn, "--record", id).exitCode())
                .isEqualTo(ExitCode.AUTHENTICATION);
    }

    @Test
    void diffPrintsWhatAnAmendmentChanged() throws Exception {
        String id = added(record(LEE_PASSWORD, "add", "--user", "dr.lee", "--patient", mrn, "--diagnosis", "Asthma",
                "--icd10", "J45.909", "--note", "Inhaler twice daily.", "--json")).get("record").asText();
        added(record(LEE_PASSWORD, "amend", "--user", "dr.lee", "--record", id, "--diagnosis", "Asthma",
                "--icd10", "J45.40", "--note", "Inhaler three times daily.", "--json"));

        CommandTerminal.Result text = record(LEE_PASSWORD, "diff", "--user", "dr.lee", "--record", id, "--from", "1",
                "--to", "2");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("ICD-10: J45.909 → J45.40", "- Inhaler twice daily.",
                "+ Inhaler three times daily.").doesNotContain("diagnosis:");

        CommandTerminal.Result json = record(PASSPHRASE, "diff", "--user", mrn, "--record", id, "--from", "1", "--to",
                "2", "--json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode root = JSON.readTree(json.out());
        assertThat(root.get("record").asText()).isEqualTo(id);
        assertThat(root.get("from").asInt()).isEqualTo(1);
        assertThat(root.get("to").asInt()).isEqualTo(2);
        assertThat(root.get("changes")).hasSize(3);
        assertThat(root.get("changes").get(0).get("kind").asText()).isEqualTo("icd10");
        assertThat(root.get("changes").get(0).get("before").asText()).isEqualTo("J45.909");
        assertThat(root.get("changes").get(2).get("text").asText()).isEqualTo("+ Inhaler three times daily.");

        CommandTerminal.Result denied = record(KIM_PASSWORD, "diff", "--user", "dr.kim", "--record", id, "--from",
                "1", "--to", "2");
        assertThat(denied.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(denied.err()).contains("Access denied");
        assertThat(denied.out()).doesNotContain("Inhaler");
        assertThat(record(LEE_PASSWORD, "diff", "--user", "dr.lee", "--record", id, "--from", "1", "--to", "9")
                .exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(record(LEE_PASSWORD, "diff", "--user", "dr.lee", "--record", id, "--from", "one", "--to", "2")
                .exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(record(LEE_PASSWORD, "diff", "--user", "dr.lee", "--record", id, "--to", "2").exitCode())
                .as("no --from").isEqualTo(ExitCode.USAGE);
        assertThat(record("wrong password", "diff", "--user", "dr.lee", "--record", id, "--from", "1", "--to", "2")
                .exitCode()).isEqualTo(ExitCode.AUTHENTICATION);
    }
}
