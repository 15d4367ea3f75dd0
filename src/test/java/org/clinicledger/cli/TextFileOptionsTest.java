package org.clinicledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clinicledger.cli.ScriptedClinic.ADMIN_PASSWORD;
import static org.clinicledger.cli.ScriptedClinic.DESK_PASSWORD;
import static org.clinicledger.cli.ScriptedClinic.LEE_PASSWORD;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.clinicledger.clinic.KeyDerivationTuning;
import org.clinicledger.clinic.Session;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.AccountDetails;
import org.clinicledger.testing.DataFolderScan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every option that may carry personal data has a file form read from a real file or standard
 * input, so that nothing personal need appear in the process list; what cannot be read is one line
 * on stderr and exit 2, and nothing is written.
 */
class TextFileOptionsTest {

    @TempDir
    Path temp;

    private final CommandTerminal terminal = new CommandTerminal();
    private Path data;
    private String mrn;

    @BeforeEach
    void setUpClinic() throws Exception {
        data = temp.resolve("data");
        mrn = ScriptedClinic.create(terminal, data);
    }

    private CommandTerminal.Result run(String password, String stdin, String... args) {
        terminal.variables.clear();
        terminal.password(password);
        terminal.stdin = stdin;
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--data");
        all.add(data.toString());
        return terminal.run(all.toArray(String[]::new));
    }

    private Path file(String name, String text) throws Exception {
        return Files.writeString(temp.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static void refusedInOneLine(CommandTerminal.Result result, String message) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).isEqualTo("clinicledger: " + message + System.lineSeparator());
        assertThat(result.out()).isEmpty();
    }

    private long blocks() throws Exception {
        return new org.clinicledger.testing.RawTables(data).count("SELECT count(*) FROM blocks");
    }

    @Test
    void aRecordsDiagnosisNotesAndDeletionReasonComeFromFilesAndStandardInput() throws Exception {
        Path diagnosis = file("diagnosis.txt", "Asthma ZEBRA-DIAGNOSIS\n");
        Path firstNote = file("note1.txt", "Wheeze at night ZEBRA-NOTE\n");
        CommandTerminal.Result added = run(LEE_PASSWORD, "Peak flow 380\n", "record", "add", "--user", "dr.lee",
                "--patient", mrn, "--diagnosis-file", diagnosis.toString(), "--note-file", firstNote.toString(),
                "--note-file", "-", "--icd10", "J45", "--json");
        assertThat(added.exitCode()).as(added.err()).isZero();
        String id = new ObjectMapper().readTree(added.out()).get("record").asText();

        CommandTerminal.Result shown = run(LEE_PASSWORD, "", "record", "show", "--user", "dr.lee", "--record", id);
        assertThat(shown.out()).contains("Diagnosis:   Asthma ZEBRA-DIAGNOSIS" + System.lineSeparator())
                .contains("Wheeze at night ZEBRA-NOTE" + System.lineSeparator() + System.lineSeparator() + "Peak flow 380");

        CommandTerminal.Result amended = run(LEE_PASSWORD, "Asthma, moderate\n", "record", "amend", "--user", "dr.lee",
                "--record", id, "--diagnosis-file", "-");
        assertThat(amended.exitCode()).as(amended.err()).isZero();
        assertThat(run(LEE_PASSWORD, "", "record", "show", "--user", "dr.lee", "--record", id).out())
                .contains("Diagnosis:   Asthma, moderate" + System.lineSeparator());

        long before = blocks();
        refusedInOneLine(run(LEE_PASSWORD, "", "record", "add", "--user", "dr.lee", "--patient", mrn,
                "--diagnosis", "Asthma", "--diagnosis-file", diagnosis.toString()),
                "Give --diagnosis or --diagnosis-file, not both.");
        refusedInOneLine(run(LEE_PASSWORD, "", "record", "add", "--user", "dr.lee", "--patient", mrn),
                "Give the diagnosis with --diagnosis-file (or --diagnosis).");
        Path missing = temp.resolve("missing.txt");
        refusedInOneLine(run(LEE_PASSWORD, "", "record", "add", "--user", "dr.lee", "--patient", mrn,
                "--diagnosis-file", missing.toString()), "--diagnosis-file " + missing + ": no such file.");
        Path large = Files.write(temp.resolve("large.txt"), new byte[TextInput.MAX_BYTES + 1]);
        refusedInOneLine(run(LEE_PASSWORD, "", "record", "amend", "--user", "dr.lee", "--record", id,
                "--diagnosis", "Asthma", "--note-file", large.toString()), "--note-file " + large + " is larger than 512 KiB.");
        Path latin1 = Files.write(temp.resolve("latin1.txt"), "Sch\u00f6n".getBytes(StandardCharsets.ISO_8859_1));
        refusedInOneLine(run(LEE_PASSWORD, "", "record", "add", "--user", "dr.lee", "--patient", mrn,
                "--diagnosis", "Asthma", "--note-file", latin1.toString()), "--note-file " + latin1 + " is not UTF-8 text.");
        refusedInOneLine(run(LEE_PASSWORD, "Asthma\n", "record", "add", "--user", "dr.lee", "--patient", mrn,
                "--diagnosis-file", "-", "--note-file", "-"),
                "Only one option can read standard input (-); give the others as files.");
        refusedInOneLine(run(LEE_PASSWORD, "", "record", "add", "--user", "dr.lee", "--patient", mrn,
                "--diagnosis", "Asthma", "--note", "inline", "--note-file", firstNote.toString()),
                "Give --note or --note-file, not both.");

        refusedInOneLine(run(LEE_PASSWORD, "   \n", "record", "delete", "--user", "dr.lee", "--record", id,
                "--reason-file", "-"), "Give the reason for deleting the record.");
        refusedInOneLine(run(LEE_PASSWORD, "", "record", "delete", "--user", "dr.lee", "--record", id,
                "--reason", "Wrong patient", "--reason-file", firstNote.toString()), "Give --reason or --reason-file, not both.");
        assertThat(blocks()).as("nothing refused was written").isEqualTo(before);
        CommandTerminal.Result deleted = run(LEE_PASSWORD, "Entered for the wrong patient ZEBRA-REASON\n", "record",
                "delete", "--user", "dr.lee", "--record", id, "--reason-file", "-");
        assertThat(deleted.exitCode()).as(deleted.err()).isZero();
        assertThat(DataFolderScan.forText(data, List.of("ZEBRA-DIAGNOSIS", "ZEBRA-NOTE", "ZEBRA-REASON")).findings())
                .isEmpty();
    }

    @Test
    void referralAndEmergencyReasonsComeFromFiles() throws Exception {
        Path blank = file("blank.txt", "\n");
        refusedInOneLine(run(LEE_PASSWORD, "", "refer", "--user", "dr.lee", "--patient", mrn, "--to", "dr.kim",
                "--reason-file", blank.toString()), "Give the reason for the referral.");
        Path missing = temp.resolve("nope.txt");
        refusedInOneLine(run(LEE_PASSWORD, "", "refer", "--user", "dr.lee", "--patient", mrn, "--to", "dr.kim",
                "--reason-file", missing.toString()), "--reason-file " + missing + ": no such file.");
        Path why = file("why.txt", "Needs a pulmonologist QUOKKA-REFERRAL\n");
        CommandTerminal.Result referred = run(LEE_PASSWORD, "", "refer", "--user", "dr.lee", "--patient", mrn, "--to",
                "dr.kim", "--reason-file", why.toString());
        assertThat(referred.exitCode()).as(referred.err()).isZero();

        refusedInOneLine(run(ADMIN_PASSWORD, "short\n", "emergency", "--user", "admin", "--patient", mrn,
                "--reason-file", "-"), "Give the reason for the emergency access, at least 10 characters.");
        refusedInOneLine(run(ADMIN_PASSWORD, "", "emergency", "--user", "admin", "--patient", mrn,
                "--reason", "Unconscious in the waiting room", "--reason-file", why.toString()),
                "Give --reason or --reason-file, not both.");
        refusedInOneLine(run(ADMIN_PASSWORD, terminal.recoverySheet, "emergency", "--user", "admin", "--patient", mrn,
                "--reason-file", "-", "--recovery-sheet", "-"), "The reason and the recovery sheet's words cannot both "
                + "come from standard input: give the reason in a file (--reason-file FILE).");
        Path emergency = file("emergency.txt", "Unconscious in the waiting room QUOKKA-EMERGENCY\n");
        CommandTerminal.Result opened = run(ADMIN_PASSWORD, terminal.recoverySheet, "emergency", "--user", "admin",
                "--patient", mrn, "--reason-file", emergency.toString(), "--recovery-sheet", "-");
        assertThat(opened.exitCode()).as(opened.err()).isZero();
        assertThat(DataFolderScan.forText(data, List.of("QUOKKA-REFERRAL", "QUOKKA-EMERGENCY")).findings()).isEmpty();
    }

    @Test
    void aPatientIsRegisteredFromADetailsFormAndFoundByAQueryFromStandardInput() throws Exception {
        Path form = file("patient.txt", "# at the desk\nname: Grace Hopper\ndob: 1906-12-09\nsex: female\n"
                + "contact: +1 555 0100\n");
        terminal.newPassword("patient passphrase 2");
        terminal.variables.put(PasswordReader.PASSWORD_VARIABLE, DESK_PASSWORD);
        terminal.stdin = "";
        CommandTerminal.Result registered = terminal.run("patient", "register", "--user", "desk", "--details-file",
                form.toString(), "--data", data.toString());
        assertThat(registered.exitCode()).as(registered.err()).isZero();

        terminal.stdin = "name: Alan Turing\ndob: 1912-06-23\n";
        CommandTerminal.Result fromStdin = terminal.run("patient", "register", "--user", "desk", "--details-file", "-",
                "--data", data.toString());
        assertThat(fromStdin.exitCode()).as(fromStdin.err()).isZero();

        CommandTerminal.Result found = run(DESK_PASSWORD, "hopper\n", "patient", "search", "--user", "desk",
                "--query-file", "-");
        assertThat(found.exitCode()).as(found.err()).isZero();
        assertThat(found.out()).contains("Grace Hopper  1906-12-09").doesNotContain("Turing");
        Path query = file("query.txt", "1912-06-23");
        assertThat(run(DESK_PASSWORD, "", "patient", "search", "--user", "desk", "--query-file", query.toString()).out())
                .contains("Alan Turing");

        refusedInOneLine(run(DESK_PASSWORD, "", "patient", "search", "--user", "desk"),
                "Give what to search for with --query-file (or as QUERY).");
        refusedInOneLine(run(DESK_PASSWORD, "", "patient", "search", "--user", "desk", "--query-file", query.toString(),
                "Turing"), "Give QUERY or --query-file, not both.");
        long before = blocks();
        refusedInOneLine(run(DESK_PASSWORD, "", "patient", "register", "--user", "desk", "--details-file",
                form.toString(), "--name", "Grace Hopper"),
                "Give --details-file or --name, --dob, --sex and --contact, not both.");
        Path bad = file("bad.txt", "name: Ada\nborn: 1815-12-10\n");
        refusedInOneLine(run(DESK_PASSWORD, "", "patient", "register", "--user", "desk", "--details-file",
                bad.toString()), "--details-file " + bad + ", line 2: expected one of name, dob, sex, contact, then "
                + "':' and the value.");
        Path noDate = file("nodate.txt", "name: Ada\n");
        refusedInOneLine(run(DESK_PASSWORD, "", "patient", "register", "--user", "desk", "--details-file",
                noDate.toString()), "Enter the patient's date of birth as YYYY-MM-DD, such as 1984-03-07.");
        assertThat(blocks()).isEqualTo(before);
        assertThat(DataFolderScan.forText(data, List.of("Hopper", "Turing")).findings()).isEmpty();
    }

    @Test
    void aMemberOfStaffsDetailsComeFromAForm() throws Exception {
        Path form = file("doctor.txt", "name: Dr Ana Okafor\nspecialty: Cardiology\nlicence: GMC-7654321\n");
        terminal.newPassword("doctor password 3");
        terminal.variables.put(PasswordReader.PASSWORD_VARIABLE, ADMIN_PASSWORD);
        CommandTerminal.Result added = terminal.run("user", "add", "--user", "admin", "--role", "doctor", "--username",
                "dr.okafor", "--details-file", form.toString(), "--data", data.toString());
        assertThat(added.exitCode()).as(added.err()).isZero();
        try (Workspace workspace = Workspace.open(data, false, terminal.clock, KeyDerivationTuning.minimum());
             Session admin = workspace.accounts().login("admin", ADMIN_PASSWORD.toCharArray())) {
            assertThat(workspace.accounts().details(admin, "dr.okafor"))
                    .isEqualTo(new AccountDetails("Dr Ana Okafor", "Cardiology", "GMC-7654321"));
        }

        refusedInOneLine(run(ADMIN_PASSWORD, "", "user", "add", "--user", "admin", "--role", "doctor", "--username",
                "dr.other", "--details-file", form.toString(), "--licence", "GMC-1"),
                "Give --details-file or --name, --specialty and --licence, not both.");
        Path twice = file("twice.txt", "name: A\nname: B\n");
        refusedInOneLine(run(ADMIN_PASSWORD, "", "user", "add", "--user", "admin", "--role", "doctor", "--username",
                "dr.other", "--details-file", twice.toString()), "--details-file " + twice + ", line 2: name is given twice.");
    }

    @Test
    void theInlineFormsSayInTheirHelpThatOthersCanSeeThem() {
        for (String[] command : List.of(new String[] {"record", "add"}, new String[] {"record", "amend"},
                new String[] {"record", "delete"}, new String[] {"refer"}, new String[] {"emergency"},
                new String[] {"patient", "register"}, new String[] {"patient", "search"}, new String[] {"user", "add"})) {
            List<String> args = new ArrayList<>(List.of(command));
            args.add("--help");
            CommandTerminal.Result help = terminal.run(args.toArray(String[]::new));
            assertThat(help.exitCode()).isZero();
            assertThat(help.out().replaceAll("\\s+", " ")).as(String.join(" ", command))
                    .contains("Visible to other local users in the process list; prefer --").contains("-file");
        }
    }
}
