package org.clinicledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.clinicledger.clinic.Session;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.Role;
import org.junit.jupiter.api.BeforeEach;
import org.clinicledger.testing.DataFolderScan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code patient register} and {@code patient search} as a script or a person at the desk runs them. */
class PatientCommandTest {

    private static final String ADMIN_PASSWORD = "admin password 1";
    private static final String DESK_PASSWORD = "reception password";
    private static final String DOCTOR_PASSWORD = "doctor password 1";
    private static final String PASSPHRASE = "correct horse battery";
    private static final Pattern REGISTERED = Pattern.compile(
            "Registered patient (\\d{4}-\\d{4}-\\d) \\(patient/(\\d{9})\\)\\R");

    @TempDir
    Path temp;

    private final CommandTerminal terminal = new CommandTerminal();
    private Path data;

    @BeforeEach
    void setUpClinic() {
        data = temp.resolve("data");
        terminal.newPassword(ADMIN_PASSWORD);
        assertThat(terminal.run("setup", "--clinic", "Hillside Clinic", "--admin", "admin", "--data", data.toString())
                .exitCode()).isZero();
        terminal.password(ADMIN_PASSWORD).newPassword(DESK_PASSWORD);
        assertThat(terminal.run("user", "add", "--user", "admin", "--role", "receptionist", "--username", "desk",
                "--data", data.toString()).exitCode()).isZero();
        terminal.newPassword(DOCTOR_PASSWORD);
        assertThat(terminal.run("user", "add", "--user", "admin", "--role", "doctor", "--username", "dr.lee",
                "--data", data.toString()).exitCode()).isZero();
        terminal.variables.clear();
    }

    private CommandTerminal.Result patient(String... args) {
        List<String> all = new ArrayList<>(List.of("patient"));
        all.addAll(List.of(args));
        all.add("--data");
        all.add(data.toString());
        return terminal.run(all.toArray(String[]::new));
    }

    private CommandTerminal.Result register(String... args) {
        List<String> all = new ArrayList<>(List.of("register", "--user", "desk"));
        all.addAll(List.of(args));
        return patient(all.toArray(String[]::new));
    }

    private MedicalRecordNumber registered(CommandTerminal.Result result) {
        assertThat(result.exitCode()).as(result.err()).isZero();
        Matcher matcher = REGISTERED.matcher(result.out());
        assertThat(matcher.lookingAt()).as(result.out()).isTrue();
        MedicalRecordNumber mrn = MedicalRecordNumber.parse(matcher.group(1));
        assertThat(mrn.digits()).isEqualTo(matcher.group(2));
        return mrn;
    }

    // ---- correct

    @Test
    void aReceptionistCorrectsADetailFromStandardInputAndTheRestStays() {
        terminal.password(DESK_PASSWORD).newPassword(PASSPHRASE);
        MedicalRecordNumber mrn = registered(register("--name", "Ada Lovelace", "--dob", "1985-12-10",
                "--contact", "ada@example.org"));
        terminal.password(DESK_PASSWORD);
        terminal.stdin = "name: Ada King\n";
        CommandTerminal.Result result = patient("correct", mrn.formatted(), "--user", "desk", "--details-file", "-");
        terminal.stdin = "";
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("Corrected the details of patient " + mrn.formatted(), "1 correction");
        Workspace workspace = Workspace.open(data, false);
        try (Session desk = workspace.accounts().login("desk", DESK_PASSWORD.toCharArray())) {
            var details = workspace.registrations().patientDetails(desk, mrn).orElseThrow();
            assertThat(details.name()).isEqualTo("Ada King");
            assertThat(details.contact()).isEqualTo("ada@example.org");
            assertThat(details.dateOfBirth()).hasToString("1985-12-10");
        } finally {
            workspace.close();
        }
        assertThat(terminal.run("verify", "--json", "--data", data.toString()).out()).contains("\"ok\":true");
    }

    @Test
    void aCorrectionThatCannotBeIsOneLineAndItsExitCode() {
        terminal.password(DESK_PASSWORD).newPassword(PASSPHRASE);
        MedicalRecordNumber mrn = registered(register("--name", "Ada Lovelace", "--dob", "1985-12-10"));
        terminal.password(DESK_PASSWORD);
        CommandTerminal.Result nothing = patient("correct", mrn.formatted(), "--user", "desk");
        assertThat(nothing.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(nothing.err()).contains("at least one detail").doesNotContain("Exception");
        CommandTerminal.Result badMrn = patient("correct", "1234", "--user", "desk", "--name", "X Y");
        assertThat(badMrn.exitCode()).isEqualTo(ExitCode.USAGE);
        CommandTerminal.Result badDate = patient("correct", mrn.formatted(), "--user", "desk", "--dob", "2020-02-30");
        assertThat(badDate.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(badDate.err().lines().count()).isEqualTo(1);
        CommandTerminal.Result same = patient("correct", mrn.formatted(), "--user", "desk", "--name", "Ada Lovelace");
        assertThat(same.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(same.err()).contains("Nothing was changed");
        terminal.password(DOCTOR_PASSWORD);
        CommandTerminal.Result doctor = patient("correct", mrn.formatted(), "--user", "dr.lee", "--name", "Ada King");
        assertThat(doctor.exitCode()).isEqualTo(ExitCode.FAILED);
        terminal.password("wrong password 1");
        CommandTerminal.Result wrong = patient("correct", mrn.formatted(), "--user", "desk", "--name", "Ada King");
        assertThat(wrong.exitCode()).isEqualTo(ExitCode.AUTHENTICATION);
    }

    // ---- register

    @Test
    void aReceptionistRegistersAPatientWhoCanThenLogInWithTheirMrn() {
        terminal.password(DESK_PASSWORD).newPassword(PASSPHRASE);
        CommandTerminal.Result result = register("--name", "Ada Lovelace", "--dob", "1985-12-10", "--sex", "Female",
                "--contact", "ada@example.org");
        MedicalRecordNumber mrn = registered(result);
        assertThat(result.out()).isEqualTo("Registered patient " + mrn + " (patient/" + mrn.digits() + ")"
                + System.lineSeparator());
        assertThat(result.err()).isEmpty();

        Workspace workspace = Workspace.open(data, false);
        try (Session patient = workspace.accounts().login(mrn.formatted(), PASSPHRASE.toCharArray())) {
            assertThat(patient.role()).isEqualTo(Role.PATIENT);
            assertThat(patient.chain().value()).isEqualTo("patient/" + mrn.digits());
        }
        CommandTerminal.Result verify = terminal.run("verify", "--json", "--data", data.toString());
        assertThat(verify.out()).contains("\"ok\":true", "\"chains\":6", "\"blocks\":6");
    }

    @Test
    void withADoctorAndJsonItPrintsTheIdsAndTheConsentIsOnTheLedger() throws Exception {
        terminal.password(DESK_PASSWORD).newPassword(PASSPHRASE);
        CommandTerminal.Result result = register("--name", "Grace Hopper", "--dob", "1956-12-09", "--doctor", "dr.lee",
                "--json");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).isEmpty();
        JsonNode json = new ObjectMapper().readTree(result.out());
        MedicalRecordNumber mrn = MedicalRecordNumber.parse(json.get("mrn").asText());
        assertThat(json.get("mrn").asText()).isEqualTo(mrn.formatted());
        assertThat(json.get("username").asText()).isEqualTo(mrn.digits());
        assertThat(json.get("chain").asText()).isEqualTo("patient/" + mrn.digits());
        assertThat(json.get("doctor").asText()).isEqualTo("doctor/dr.lee");
        assertThat(json.get("possibleDuplicates").isArray()).isTrue();
        assertThat(json.get("possibleDuplicates")).isEmpty();

        Workspace workspace = Workspace.open(data, false);
        assertThat(workspace.accessEvents(ChainId.parse(json.get("chain").asText())))
                .singleElement().satisfies(event -> assertThat(event.subject()).isEqualTo("doctor/dr.lee"));
        CommandTerminal.Result verify = terminal.run("verify", "--json", "--data", data.toString());
        assertThat(verify.out()).contains("\"ok\":true", "\"blocks\":8");

        terminal.newPassword("another passphrase 2");
        CommandTerminal.Result plain = register("--name", "Alan Turing", "--dob", "1954-06-23", "--doctor", "DR.LEE");
        MedicalRecordNumber second = registered(plain);
        assertThat(plain.out()).endsWith("The patient consented to doctor/dr.lee." + System.lineSeparator());
        assertThat(second).isNotEqualTo(mrn);
    }

    @Test
    void aSecondRegistrationWithTheSameNameAndDateOfBirthWarnsOnStderr() throws Exception {
        terminal.password(DESK_PASSWORD).newPassword(PASSPHRASE);
        MedicalRecordNumber first = registered(register("--name", "Ada Lovelace", "--dob", "1985-12-10"));

        CommandTerminal.Result again = register("--name", "ada  LOVELACE", "--dob", "1985-12-10");
        MedicalRecordNumber second = registered(again);
        assertThat(again.err()).isEqualTo("warning: looks like " + first + " (same name and date of birth)"
                + System.lineSeparator());

        CommandTerminal.Result third = register("--name", "Adá Lovelace", "--dob", "1985-12-10", "--json");
        assertThat(third.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(third.out());
        List<String> duplicates = new ArrayList<>();
        json.get("possibleDuplicates").forEach(node -> duplicates.add(node.asText()));
        assertThat(duplicates).containsExactlyInAnyOrder(first.formatted(), second.formatted());
        assertThat(third.err()).contains("warning: looks like " + first, "warning: looks like " + second);
    }

    @Test
    void exitCodesSayRefusedBadInputOrAuthentication() throws Exception {
        terminal.password(DOCTOR_PASSWORD).newPassword(PASSPHRASE);
        CommandTerminal.Result doctor = patient("register", "--user", "dr.lee", "--name", "Ada Lovelace", "--dob",
                "1985-12-10");
        assertThat(doctor.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(doctor.err().strip())
                .isEqualTo("clinicledger: Only a receptionist or an administrator can register patients.");

        terminal.password(DESK_PASSWORD);
        CommandTerminal.Result unknownDoctor = register("--name", "Ada Lovelace", "--dob", "1985-12-10", "--doctor",
                "dr.nobody");
        assertThat(unknownDoctor.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(unknownDoctor.err()).startsWith("clinicledger: There is no doctor with the username dr.nobody");

        assertBadInput(register("--name", "Ada Lovelace", "--dob", "1985-02-30"),
                "clinicledger: '1985-02-30' is not a date that exists: check the month and the day.");
        assertBadInput(register("--name", "Ada Lovelace", "--dob", "10/12/1985"),
                "clinicledger: '10/12/1985' is not a date of birth: write it as YYYY-MM-DD, such as 1984-03-07.");
        assertBadInput(register("--name", "Ada Lovelace", "--dob", "2026-11-26"),
                "clinicledger: The date of birth 2026-11-26 is in the future.");
        assertBadInput(register("--name", "Ada Lovelace", "--dob", "1899-01-01"),
                "clinicledger: The date of birth 1899-01-01 is before 1900-01-01: check the year.");
        assertBadInput(register("--name", "  ", "--dob", "1985-12-10"), "clinicledger: Enter the patient's name.");
        assertBadInput(register("--name", "Ada", "--dob", "1985-12-10", "--sex", "f"),
                "clinicledger: 'f' is not a sex the clinic records: choose female, male, other or unknown, or leave it out.");
        assertBadInput(register("--name", "Ada", "--dob", "1985-12-10", "--contact", "x".repeat(201)),
                "clinicledger: The patient's contact is too long: at most 200 characters.");
        assertThat(register("--dob", "1985-12-10").exitCode()).as("--name is required").isEqualTo(ExitCode.USAGE);
        terminal.newPassword("short");
        assertBadInput(register("--name", "Ada Lovelace", "--dob", "1985-12-10"),
                "clinicledger: A password needs at least 10 characters; this one has 5.");

        terminal.password("not the password").newPassword(PASSPHRASE);
        CommandTerminal.Result wrong = register("--name", "Ada Lovelace", "--dob", "1985-12-10");
        assertThat(wrong.exitCode()).isEqualTo(ExitCode.AUTHENTICATION);
        assertThat(wrong.err().strip()).isEqualTo("clinicledger: The username or password is not right.");

        assertThat(patientRows()).as("nothing was registered").isZero();
        CommandTerminal.Result verify = terminal.run("verify", "--json", "--data", data.toString());
        assertThat(verify.out()).contains("\"ok\":true", "\"blocks\":5");
    }

    private static void assertBadInput(CommandTerminal.Result result, String line) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err().strip()).isEqualTo(line);
        assertThat(result.out()).isEmpty();
    }

    @Test
    void atTheDeskThePatientTypesTheirPassphraseTwiceAfterTheReceptionistsPassword() {
        terminal.hasTerminal = true;
        terminal.typed.addAll(List.of(DESK_PASSWORD, PASSPHRASE, PASSPHRASE));
        registered(register("--name", "Ada Lovelace", "--dob", "1985-12-10"));
        assertThat(terminal.prompts).containsExactly("Password for desk: ", "The patient's new passphrase: ",
                "Type the passphrase again: ");

        terminal.prompts.clear();
        terminal.typed.addAll(List.of(DESK_PASSWORD, PASSPHRASE, "another passphrase"));
        CommandTerminal.Result differ = register("--name", "Grace Hopper", "--dob", "1956-12-09");
        assertThat(differ.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(differ.err().strip()).isEqualTo("clinicledger: The two passphrases typed differ; nothing was registered.");

        // A date in the future is refused before anyone is asked for a password.
        terminal.prompts.clear();
        terminal.typed.clear();
        assertThat(register("--name", "Grace Hopper", "--dob", "2030-01-01").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(terminal.prompts).isEmpty();

        // An unknown doctor is refused before the patient is asked for anything.
        terminal.prompts.clear();
        terminal.typed.clear();
        terminal.typed.addAll(List.of(DESK_PASSWORD, PASSPHRASE, PASSPHRASE));
        assertThat(register("--name", "Grace Hopper", "--dob", "1956-12-09", "--doctor", "dr.who").exitCode())
                .isEqualTo(ExitCode.FAILED);
        assertThat(terminal.prompts).containsExactly("Password for desk: ");
    }

    @Test
    void withoutAVariableOrATerminalItSaysHowToGiveThePassphrase() {
        terminal.password(DESK_PASSWORD);
        CommandTerminal.Result result = register("--name", "Ada Lovelace", "--dob", "1985-12-10");
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err().strip()).isEqualTo("clinicledger: Set CLINICLEDGER_NEW_PASSWORD or run in a terminal "
                + "to type the patient's new passphrase.");
    }

    // ---- search

    @Test
    void searchPrintsOneLinePerPatientByNameMrnOrDateOfBirth() throws Exception {
        terminal.password(DESK_PASSWORD).newPassword(PASSPHRASE);
        MedicalRecordNumber ada = registered(register("--name", "Ada Lovelace", "--dob", "1985-12-10", "--sex", "female"));
        MedicalRecordNumber zola = registered(register("--name", "Émile Zola", "--dob", "1940-04-02"));
        MedicalRecordNumber durkheim = registered(register("--name", "Emile Durkheim", "--dob", "1940-04-02"));
        String nl = System.lineSeparator();

        CommandTerminal.Result byName = patient("search", "--user", "desk", "EMILE");
        assertThat(byName.exitCode()).as(byName.err()).isZero();
        assertThat(byName.out()).isEqualTo(durkheim + "  Emile Durkheim  1940-04-02" + nl
                + zola + "  Émile Zola  1940-04-02" + nl);
        assertThat(patient("search", "--user", "desk", "zola", "emile").out())
                .as("several words").isEqualTo(zola + "  Émile Zola  1940-04-02" + nl);
        assertThat(patient("search", "--user", "desk", ada.formatted()).out())
                .isEqualTo(ada + "  Ada Lovelace  1985-12-10" + nl);
        assertThat(patient("search", "--user", "desk", ada.digits()).out())
                .isEqualTo(ada + "  Ada Lovelace  1985-12-10" + nl);
        assertThat(patient("search", "--user", "desk", "1940-04-02").out().lines()).hasSize(2);

        terminal.password(DOCTOR_PASSWORD);
        CommandTerminal.Result json = patient("search", "--user", "dr.lee", "--json", "lovelace");
        assertThat(json.exitCode()).as("a doctor may search").isZero();
        JsonNode found = new ObjectMapper().readTree(json.out()).get("patients");
        assertThat(found).hasSize(1);
        assertThat(found.get(0).get("mrn").asText()).isEqualTo(ada.formatted());
        assertThat(found.get(0).get("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(found.get(0).get("dateOfBirth").asText()).isEqualTo("1985-12-10");
        assertThat(found.get(0).get("sex").asText()).isEqualTo("female");
    }

    @Test
    void searchExitCodes() {
        terminal.password(DESK_PASSWORD).newPassword(PASSPHRASE);
        MedicalRecordNumber ada = registered(register("--name", "Ada Lovelace", "--dob", "1985-12-10"));

        CommandTerminal.Result none = patient("search", "--user", "desk", "nobody");
        assertThat(none.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(none.out()).isEmpty();
        assertThat(none.err().strip()).isEqualTo("clinicledger: No patient matches.");
        CommandTerminal.Result noneJson = patient("search", "--user", "desk", "--json", "nobody");
        assertThat(noneJson.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(noneJson.out().strip()).isEqualTo("{\"patients\":[]}");

        String wrongCheck = ada.digits().substring(0, 8) + ((ada.digits().charAt(8) - '0' + 1) % 10);
        CommandTerminal.Result mistyped = patient("search", "--user", "desk", wrongCheck);
        assertThat(mistyped.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(mistyped.err()).contains("check digit does not match");
        assertThat(patient("search", "--user", "desk").exitCode()).as("a query is required").isEqualTo(ExitCode.USAGE);

        terminal.password(PASSPHRASE);
        CommandTerminal.Result asPatient = patient("search", "--user", ada.formatted(), "Ada");
        assertThat(asPatient.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(asPatient.err().strip())
                .isEqualTo("clinicledger: Only the clinic's staff can search the directory of patients.");

        terminal.password("not the password");
        assertThat(patient("search", "--user", "desk", "Ada").exitCode()).isEqualTo(ExitCode.AUTHENTICATION);
    }

    @Test
    void patientWithoutASubCommandIsAUsageErrorAndHelpListsTheOptions() {
        CommandTerminal.Result bare = terminal.run("patient");
        assertThat(bare.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(bare.err()).contains("Missing sub-command: patient register, patient search or patient correct");
        CommandTerminal.Result help = terminal.run("patient", "register", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--user=USER", "--name=NAME", "--dob=YYYY-MM-DD", "--sex=SEX", "--contact",
                "--doctor=DR", "--json", "Exit codes");
        assertThat(terminal.run("patient", "search", "--help").out()).contains("QUERY", "--json", "Exit codes");
        assertThat(terminal.run("--help").out()).contains("patient");
    }

    /**
     * The canary: a marker in a patient's name and contact, and the passphrases, appear in no byte of
     * any file under the data folder (database, write-ahead log, shared memory, logs, anything else),
     * in UTF-8 or UTF-16, after registering (with a duplicate warning and a consent), searching (which
     * prints the name), a refused registration and a verification. A connection is held open so that
     * SQLite keeps its -wal and -shm files for the scan.
     */
    @Test
    void noNameContactOrPassphraseAppearsInAnyFileUnderTheDataFolder() throws Exception {
        String marker = "CANARY" + UUID.randomUUID().toString().replace("-", "");
        String name = "Zoë " + marker + " Quill";
        String contact = "+1 555 " + marker.substring(6, 14) + " " + marker + "@example.org";
        String passphrase = "pp" + marker.substring(6, 26);
        try (Connection held = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("clinicledger.db"));
             Statement statement = held.createStatement()) {
            statement.execute("PRAGMA wal_autocheckpoint = 0");
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM blocks")) {
                rows.next();
            }
            terminal.password(DESK_PASSWORD).newPassword(passphrase);
            MedicalRecordNumber first = registered(register("--name", name, "--dob", "1990-01-31", "--contact", contact,
                    "--sex", "other", "--doctor", "dr.lee"));
            CommandTerminal.Result twin = register("--name", name.toUpperCase(Locale.ROOT), "--dob", "1990-01-31",
                    "--contact", contact);
            assertThat(twin.err()).contains("warning: looks like " + first);
            CommandTerminal.Result found = patient("search", "--user", "desk", marker.toLowerCase(Locale.ROOT));
            assertThat(found.out()).contains(name);
            assertThat(register("--name", name, "--dob", "1990-01-31", "--doctor", "dr.nobody").exitCode())
                    .isEqualTo(ExitCode.FAILED);
            terminal.password(passphrase);
            assertThat(patient("search", "--user", first.formatted(), name).exitCode()).isEqualTo(ExitCode.FAILED);
            assertThat(terminal.run("verify", "--data", data.toString()).exitCode()).isZero();

            assertThat(data.resolve("clinicledger.db-wal")).exists();
            assertThat(data.resolve("clinicledger.db-shm")).exists();
            Path log = data.resolve("logs").resolve("clinicledger.log");
            assertThat(Files.readString(log)).contains("Patient " + first + " registered by desk, consenting to doctor/dr.lee");
            DataFolderScan.Result scan = DataFolderScan.forText(data, List.of(marker, marker.toLowerCase(Locale.ROOT),
                    marker.toUpperCase(Locale.ROOT), passphrase, DESK_PASSWORD));
            assertThat(scan.findings()).isEmpty();
            assertThat(scan.filesRead()).isGreaterThanOrEqualTo(5);
        }
        Workspace workspace = Workspace.open(data, false);
        try (Session desk = workspace.accounts().login("desk", DESK_PASSWORD.toCharArray())) {
            assertThat(workspace.registrations().searchPatients(desk, marker)).hasSize(2)
                    .allSatisfy(summary -> assertThat(summary.name()).isIn(name, name.toUpperCase(Locale.ROOT)));
        }
    }

    private long patientRows() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("clinicledger.db"));
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM patients")) {
            rows.next();
            return rows.getLong(1);
        }
    }

}
