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
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.clinicledger.clinic.Session;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.AccountDetails;
import org.clinicledger.domain.Role;
import org.junit.jupiter.api.BeforeEach;
import org.clinicledger.testing.DataFolderScan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserAddCommandTest {

    private static final String ADMIN_PASSWORD = "admin password 1";
    private static final String WRONG_LINE = "clinicledger: The username or password is not right." + System.lineSeparator();

    @TempDir
    Path temp;

    private final CommandTerminal terminal = new CommandTerminal();
    private Path data;
    private String sheet;

    @BeforeEach
    void setUpClinic() {
        data = temp.resolve("data");
        terminal.newPassword(ADMIN_PASSWORD);
        CommandTerminal.Result setup = terminal.run("setup", "--clinic", "Hillside Clinic", "--admin", "admin",
                "--data", data.toString());
        assertThat(setup.exitCode()).as(setup.err()).isZero();
        sheet = ScriptedClinic.sheetWords(setup.out());
        terminal.variables.clear();
    }

    private CommandTerminal.Result add(String... args) {
        List<String> all = new ArrayList<>(List.of("user", "add"));
        all.addAll(List.of(args));
        all.add("--data");
        all.add(data.toString());
        return terminal.run(all.toArray(String[]::new));
    }

    @Test
    void anAdministratorAddsADoctorAndGetsJson() throws Exception {
        terminal.password(ADMIN_PASSWORD).newPassword("doctor password 1");
        CommandTerminal.Result result = add("--user", "admin", "--role", "doctor", "--username", "dr.lee",
                "--name", "Ana Lee", "--specialty", "Cardiology", "--licence", "GMC-1234", "--json");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).isEmpty();
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("username").asText()).isEqualTo("dr.lee");
        assertThat(json.get("role").asText()).isEqualTo("doctor");
        assertThat(json.get("chain").asText()).isEqualTo("doctor/dr.lee");

        Workspace workspace = Workspace.open(data, false);
        try (Session doctor = workspace.accounts().login("dr.lee", "doctor password 1".toCharArray())) {
            assertThat(doctor.role()).isEqualTo(Role.DOCTOR);
            assertThat(workspace.accounts().details(doctor, "dr.lee"))
                    .isEqualTo(new AccountDetails("Ana Lee", "Cardiology", "GMC-1234"));
        }
    }

    @Test
    void addsAReceptionistAndAnAdministratorAndTheLedgerStaysIntact() {
        terminal.password(ADMIN_PASSWORD).newPassword("reception password");
        CommandTerminal.Result desk = add("--user", "admin", "--role", "receptionist", "--username", "desk");
        assertThat(desk.exitCode()).as(desk.err()).isZero();
        assertThat(desk.out().strip()).isEqualTo("Added receptionist desk (chain staff/desk).");
        terminal.newPassword("second admin pass");
        terminal.stdin = sheet;
        assertThat(add("--user", "admin", "--role", "ADMINISTRATOR", "--username", "second", "--recovery-sheet", "-")
                .exitCode()).isZero();
        terminal.stdin = "";
        terminal.password("reception password").newPassword("doctor password 1");
        assertThat(add("--user", "desk", "--role", "doctor", "--username", "dr.kim").exitCode())
                .as("a receptionist adds doctors").isZero();

        CommandTerminal.Result verify = terminal.run("verify", "--json", "--data", data.toString());
        assertThat(verify.exitCode()).isZero();
        assertThat(verify.out()).contains("\"ok\":true", "\"chains\":6", "\"blocks\":6");
    }

    @Test
    void promptsForBothPasswordsOnTheTerminal() {
        terminal.hasTerminal = true;
        terminal.typed.addAll(List.of(ADMIN_PASSWORD, "doctor password 1", "doctor password 1"));
        CommandTerminal.Result result = add("--user", "admin", "--role", "doctor", "--username", "dr.lee");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(terminal.prompts).containsExactly("Password for admin: ", "New password for dr.lee: ",
                "Type the new password again: ");
    }

    @Test
    void aWrongPasswordAndAnUnknownUserExitThreeWithTheSameOneLine() {
        terminal.password("not the password").newPassword("doctor password 1");
        CommandTerminal.Result wrong = add("--user", "admin", "--role", "doctor", "--username", "dr.lee");
        assertThat(wrong.exitCode()).isEqualTo(ExitCode.AUTHENTICATION);
        assertThat(wrong.err()).isEqualTo(WRONG_LINE);
        assertThat(wrong.out()).isEmpty();

        terminal.password(ADMIN_PASSWORD);
        CommandTerminal.Result unknown = add("--user", "nobody", "--role", "doctor", "--username", "dr.lee");
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.AUTHENTICATION);
        assertThat(unknown.err()).isEqualTo(WRONG_LINE);
        assertThat(Workspace.open(data, false).accounts().account("dr.lee")).isEmpty();
    }

    @Test
    void wrongPasswordsExitThreeAndSayHowLongToWait() {
        terminal.password("not the password").newPassword("doctor password 1");
        for (int i = 0; i < 2; i++) {
            assertThat(add("--user", "admin", "--role", "doctor", "--username", "dr.lee").err()).isEqualTo(WRONG_LINE);
        }
        CommandTerminal.Result third = add("--user", "admin", "--role", "doctor", "--username", "dr.lee");
        assertThat(third.exitCode()).isEqualTo(ExitCode.AUTHENTICATION);
        assertThat(third.err().strip()).isEqualTo("clinicledger: The username or password is not right. "
                + "Wait 1 second before trying again.");
        terminal.password(ADMIN_PASSWORD);
        CommandTerminal.Result waiting = add("--user", "admin", "--role", "doctor", "--username", "dr.lee");
        assertThat(waiting.exitCode()).isEqualTo(ExitCode.AUTHENTICATION);
        assertThat(waiting.err().strip()).isEqualTo("clinicledger: Too many wrong passwords: wait 1 second, then try again.");

        terminal.clock = java.time.Clock.offset(terminal.clock, java.time.Duration.ofSeconds(1));
        assertThat(add("--user", "admin", "--role", "doctor", "--username", "dr.lee").exitCode()).isZero();
    }

    @Test
    void refusalsExitOneAndBadInputExitsTwo() {
        terminal.password(ADMIN_PASSWORD).newPassword("doctor password 1");
        assertThat(add("--user", "admin", "--role", "doctor", "--username", "dr.lee").exitCode()).isZero();

        CommandTerminal.Result taken = add("--user", "admin", "--role", "doctor", "--username", "DR.LEE");
        assertThat(taken.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(taken.err()).startsWith("clinicledger: The username dr.lee is taken");

        CommandTerminal.Result patient = add("--user", "admin", "--role", "patient", "--username", "mrn-1");
        assertThat(patient.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(patient.err().strip()).isEqualTo("clinicledger: Patients are not added with 'user add': register "
                + "them with 'patient register', which makes their MRN their username.");

        CommandTerminal.Result role = add("--user", "admin", "--role", "janitor", "--username", "jo.bloggs");
        assertThat(role.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(role.err()).contains("There is no role 'janitor'");

        CommandTerminal.Result specialty = add("--user", "admin", "--role", "receptionist", "--username", "desk",
                "--specialty", "Cardiology");
        assertThat(specialty.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(specialty.err()).contains("Only a doctor's account has a specialty");

        assertThat(add("--user", "admin", "--role", "doctor", "--username", "x").exitCode()).isEqualTo(ExitCode.USAGE);
        terminal.newPassword("short");
        CommandTerminal.Result weak = add("--user", "admin", "--role", "doctor", "--username", "dr.kim");
        assertThat(weak.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(weak.err()).contains("at least 10 characters");

        terminal.password("doctor password 1").newPassword("doctor password 2");
        CommandTerminal.Result notAllowed = add("--user", "dr.lee", "--role", "doctor", "--username", "dr.kim");
        assertThat(notAllowed.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(notAllowed.err().strip()).isEqualTo("clinicledger: Only an administrator can add accounts.");
        assertThat(Workspace.open(data, false).accounts().account("dr.kim")).isEmpty();
    }

    @Test
    void aNewAdministratorNeedsASecondHolderTheSheetOrAnotherAdministrator() throws Exception {
        terminal.password(ADMIN_PASSWORD).newPassword("second admin password");
        CommandTerminal.Result alone = add("--user", "admin", "--role", "administrator", "--username", "boss");
        assertThat(alone.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(alone.err().strip()).startsWith("clinicledger: Adding an administrator needs a second holder")
                .contains("--confirm-by ADMIN", "--recovery-sheet -");
        assertThat(alone.err().strip().lines()).hasSize(1);

        terminal.stdin = sheet.substring(0, 20) + (sheet.charAt(20) == 'Q' ? 'R' : 'Q') + sheet.substring(21);
        CommandTerminal.Result typo = add("--user", "admin", "--role", "administrator", "--username", "boss",
                "--recovery-sheet", "-");
        assertThat(typo.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(typo.err()).contains("there is a typo");
        assertThat(Workspace.open(data, false).accounts().account("boss")).isEmpty();

        terminal.stdin = sheet;
        CommandTerminal.Result bySheet = add("--user", "admin", "--role", "administrator", "--username", "boss",
                "--recovery-sheet", "-");
        assertThat(bySheet.exitCode()).as(bySheet.err()).isZero();
        terminal.stdin = "";

        // boss now holds a share, and confirms the next administrator with their password.
        terminal.newPassword("third admin password").secondPassword("wrong password!");
        CommandTerminal.Result wrong = add("--user", "admin", "--role", "administrator", "--username", "third",
                "--confirm-by", "boss");
        assertThat(wrong.exitCode()).isEqualTo(ExitCode.AUTHENTICATION);
        terminal.secondPassword("second admin password");
        CommandTerminal.Result byBoss = add("--user", "admin", "--role", "administrator", "--username", "third",
                "--confirm-by", "boss");
        assertThat(byBoss.exitCode()).as(byBoss.err()).isZero();
        assertThat(terminal.run("verify", "--data", data.toString()).exitCode()).isZero();
        terminal.variables.clear();
    }

    @Test
    void withoutAVariableOrATerminalItSaysWhatToDo() {
        CommandTerminal.Result result = add("--user", "admin", "--role", "doctor", "--username", "dr.lee");
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err().strip())
                .isEqualTo("clinicledger: Set CLINICLEDGER_PASSWORD or run in a terminal to type the password of admin.");

        terminal.password(ADMIN_PASSWORD);
        CommandTerminal.Result noNew = add("--user", "admin", "--role", "doctor", "--username", "dr.lee");
        assertThat(noNew.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(noNew.err()).contains("Set CLINICLEDGER_NEW_PASSWORD or run in a terminal");
    }

    @Test
    void userWithoutASubCommandIsAUsageErrorAndHelpListsTheOptions() {
        CommandTerminal.Result bare = terminal.run("user");
        assertThat(bare.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(bare.err()).contains("Missing sub-command: user add");
        CommandTerminal.Result help = terminal.run("user", "add", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--user=USER", "--role=ROLE", "--username=U", "--name", "--specialty",
                "--licence", "--json", "Exit codes");
        assertThat(terminal.run("--help").out()).contains("setup", "user");
    }

    @Test
    void theDataOptionWorksBeforeTheCommandToo() {
        terminal.password(ADMIN_PASSWORD).newPassword("doctor password 1");
        CommandTerminal.Result result = terminal.run("--data", data.toString(), "user", "add", "--user", "admin",
                "--role", "doctor", "--username", "dr.lee");
        assertThat(result.exitCode()).as(result.err()).isZero();
    }

    /**
     * The canary: a marker in a doctor's name, specialty and licence, and the passwords themselves,
     * appear in no byte of any file under the data folder (database, write-ahead log, shared memory,
     * logs), in UTF-8 or UTF-16, after a scripted session. A connection is held open throughout so
     * that SQLite keeps its -wal and -shm files for the scan instead of folding them away.
     */
    @Test
    void noNameOrPasswordAppearsInAnyFileUnderTheDataFolder() throws Exception {
        String marker = "CANARY" + UUID.randomUUID().toString().replace("-", "");
        String doctorPassword = "pw" + marker.substring(6, 24);
        try (Connection held = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("clinicledger.db"));
             Statement statement = held.createStatement()) {
            statement.execute("PRAGMA wal_autocheckpoint = 0");
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM blocks")) {
                rows.next();
            }
            terminal.password(ADMIN_PASSWORD).newPassword(doctorPassword);
            CommandTerminal.Result added = add("--user", "admin", "--role", "doctor", "--username", "dr.canary",
                    "--name", "Dr " + marker + " Smith", "--specialty", marker + "-ology", "--licence", "L-" + marker);
            assertThat(added.exitCode()).as(added.err()).isZero();
            terminal.password(doctorPassword).newPassword("another password 9");
            assertThat(add("--user", "admin", "--role", "receptionist", "--username", "desk").exitCode())
                    .as("a wrong password, logged").isEqualTo(ExitCode.AUTHENTICATION);
            assertThat(terminal.run("verify", "--data", data.toString()).exitCode()).isZero();

            assertThat(data.resolve("clinicledger.db-wal")).exists();
            assertThat(data.resolve("logs").resolve("clinicledger.log")).exists();
            assertThat(Files.readString(data.resolve("logs").resolve("clinicledger.log")))
                    .contains("Account dr.canary added with role doctor");
            DataFolderScan.Result scan = DataFolderScan.forText(data, List.of(marker, doctorPassword, ADMIN_PASSWORD));
            assertThat(scan.findings()).isEmpty();
            assertThat(scan.filesRead()).isGreaterThanOrEqualTo(5);
        }
        Workspace workspace = Workspace.open(data, false);
        try (Session admin = workspace.accounts().login("admin", ADMIN_PASSWORD.toCharArray())) {
            assertThat(workspace.accounts().details(admin, "dr.canary").name()).isEqualTo("Dr " + marker + " Smith");
        }
    }

}
