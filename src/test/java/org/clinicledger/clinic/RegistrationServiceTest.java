package org.clinicledger.clinic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.clinicledger.clinic.AccountServiceTest.MovableClock;
import org.clinicledger.crypto.Hex;
import org.clinicledger.crypto.Sha256;
import org.clinicledger.domain.AccessEvent;
import org.clinicledger.domain.AccessPolicy.AccessState;
import org.clinicledger.domain.AccessPolicy.Reason;
import org.clinicledger.domain.AccessPolicy;
import org.clinicledger.domain.AccountDetails;
import org.clinicledger.domain.Block;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.LoginFailedException;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.PatientDetails;
import org.clinicledger.domain.PatientSummary;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.Registration;
import org.clinicledger.domain.Role;
import org.clinicledger.domain.Sex;
import org.clinicledger.domain.StorageFailure;
import org.clinicledger.domain.VerificationReport;
import org.clinicledger.testing.TestLedger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registering patients and searching the directory, against real SQLite files and real
 * cryptography at the minimum Argon2id cost.
 */
class RegistrationServiceTest {

    private static final String PASSPHRASE = "correct horse battery";
    private static final LocalDate ADA_BORN = LocalDate.of(1985, 12, 10);
    private static final List<String> TABLES = List.of("accounts", "patients", "account_details", "wrapped_clinic_keys",
            "blocks", "signed_heads", "chains", "author_keys");

    @TempDir
    Path temp;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T09:00:00Z"));
    private Path data;
    private Workspace workspace;
    private AccountService accounts;
    private RegistrationService registrations;

    @BeforeEach
    void setUpClinic() {
        data = temp.resolve("data");
        workspace = Workspace.open(data, true, clock, KeyDerivationTuning.minimum());
        accounts = workspace.accounts();
        registrations = workspace.registrations();
        accounts.setUp("Hillside Clinic", "admin", pw("admin password 1"));
        try (Session admin = login("admin", "admin password 1")) {
            accounts.addAccount(admin, Role.RECEPTIONIST, "desk", pw("reception password"), AccountDetails.NONE);
            accounts.addAccount(admin, Role.DOCTOR, "dr.lee", pw("doctor password 1"),
                    new AccountDetails("Ana Lee", "Cardiology", null));
            accounts.addAccount(admin, Role.DOCTOR, "dr.kim", pw("doctor password 2"), AccountDetails.NONE);
        }
    }

    // ---- registering

    @Test
    void aReceptionistRegistersAPatientWhoseMrnIsTheirUsername() throws Exception {
        Registration registration;
        try (Session desk = desk()) {
            registration = registrations.registerPatient(desk, ada(), pw(PASSPHRASE), null);
        }
        MedicalRecordNumber mrn = registration.mrn();
        assertThat(MedicalRecordNumber.parse(mrn.formatted())).isEqualTo(mrn);
        assertThat(registration.username()).isEqualTo(mrn.digits());
        assertThat(registration.chain()).isEqualTo(new ChainId(PartyKind.PATIENT, mrn.digits()));
        assertThat(registration.firstDoctor()).isNull();
        assertThat(registration.possibleDuplicates()).isEmpty();
        assertThat(accounts.account(mrn.digits()).orElseThrow().role()).isEqualTo(Role.PATIENT);

        Block genesis = TestLedger.of(workspace).registration(registration.chain()).orElseThrow();
        JsonNode payload = new ObjectMapper().readTree(genesis.payload());
        assertThat(payload.get("role").asText()).isEqualTo("patient");
        assertThat(payload.get("addedBy").asText()).isEqualTo("staff/desk");
        assertThat(payload.get("details").asText()).as("the block commits to the sealed demographics")
                .isEqualTo(Hex.encode(Sha256.digest(sealedDemographics(mrn))));
        assertThat(new String(genesis.payload(), StandardCharsets.UTF_8)).doesNotContain("Ada", "Lovelace", "1985-12-10");
        assertThat(count("SELECT count(*) FROM wrapped_clinic_keys WHERE username = ?", mrn.digits()))
                .as("a patient gets no copy of the directory key").isZero();

        // The patient logs in with the MRN as it is printed, with or without dashes.
        for (String typed : List.of(mrn.digits(), mrn.formatted(), " " + mrn.formatted().replace('-', ' '))) {
            try (Session patient = accounts.login(typed, pw(PASSPHRASE))) {
                assertThat(patient.role()).isEqualTo(Role.PATIENT);
                assertThat(patient.username()).isEqualTo(mrn.digits());
                assertThat(patient.chain()).isEqualTo(registration.chain());
                assertThat(patient.hasDirectoryAccess()).isFalse();
            }
        }
        assertThat(accounts.account(mrn.formatted())).contains(accounts.account(mrn.digits()).orElseThrow());
        assertThatThrownBy(() -> accounts.login(mrn.digits(), pw("not the passphrase")))
                .isInstanceOf(LoginFailedException.class).hasMessage(LoginFailedException.WRONG_USERNAME_OR_PASSWORD);
        assertThat(workspace.accessEvents(registration.chain())).isEmpty();
        assertThat(workspace.verify(Progress.NONE).ok()).isTrue();
    }

    @Test
    void aMistypedMrnAtLoginIsAnUnknownUserAndStaffCannotTakeAnMrnShapedUsername() {
        assertThatThrownBy(() -> accounts.login("1234-5678-0", pw(PASSPHRASE)))
                .isInstanceOf(LoginFailedException.class).hasMessage(LoginFailedException.WRONG_USERNAME_OR_PASSWORD);
        try (Session admin = login("admin", "admin password 1")) {
            assertThatThrownBy(() -> accounts.addAccount(admin, Role.DOCTOR, "1234-5678-2", pw("doctor password 3"),
                    AccountDetails.NONE)).isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("A username written like a medical record number is kept for patients");
            assertThatThrownBy(() -> accounts.addAccount(admin, Role.RECEPTIONIST, "123456789", pw("doctor password 3"),
                    AccountDetails.NONE)).isInstanceOf(InvalidInputException.class);
        }
    }

    @Test
    void withAFirstDoctorThePatientsOwnKeySignsTheConsentOnBothChains() throws Exception {
        Registration registration;
        try (Session desk = desk()) {
            registration = registrations.registerPatient(desk, ada(), pw(PASSPHRASE), " DR.LEE ");
        }
        ChainId patient = registration.chain();
        ChainId lee = new ChainId(PartyKind.DOCTOR, "dr.lee");
        assertThat(registration.firstDoctor()).isEqualTo(lee);

        Block genesis = TestLedger.of(workspace).registration(patient).orElseThrow();
        List<AccessEvent> events = workspace.accessEvents(patient);
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.kind()).isEqualTo(AccessEvent.Kind.GRANT);
            assertThat(event.actor()).isEqualTo(patient.value());
            assertThat(event.subject()).isEqualTo(lee.value());
            assertThat(event.until()).isNull();
        });
        try (Connection connection = connect();
             PreparedStatement query = connection.prepareStatement("SELECT chain_id, height, kind, author_key_id, "
                     + "counterpart_chain, payload FROM blocks WHERE kind = 'access-granted' ORDER BY chain_id")) {
            try (ResultSet rows = query.executeQuery()) {
                List<String> chains = new ArrayList<>();
                while (rows.next()) {
                    chains.add(rows.getString(1));
                    assertThat(rows.getString(4)).as("signed by the patient's key").isEqualTo(genesis.authorKeyId());
                    assertThat(new String(rows.getBytes(6), StandardCharsets.UTF_8)).isEqualTo("{\"doctor\":\"doctor/dr.lee\","
                            + "\"format\":\"clinicledger/access/v1\",\"kind\":\"grant\",\"patient\":\"" + patient
                            + "\",\"until\":null}");
                }
                assertThat(chains).containsExactly(lee.value(), patient.value());
            }
        }

        AccessState state = AccessPolicy.evaluate(patient.value(), events, clock.instant());
        assertThat(state.mayRead(patient.value(), lee.value())).contains(Reason.PATIENT);
        assertThat(state.mayRead(lee.value(), patient.value())).contains(Reason.GRANT);
        assertThat(state.mayRead("doctor/dr.kim", lee.value())).isEmpty();
        assertThat(state.currentReaders()).containsExactly(patient.value(), lee.value());
        VerificationReport report = workspace.verify(Progress.NONE);
        assertThat(report.problems()).isEmpty();
        assertThat(report.blocks()).as("clinic, node, admin, desk, 2 doctors, registration, consent on two chains").isEqualTo(9);
    }

    @Test
    void anAdministratorMayRegisterButADoctorOrAPatientMayNot() throws Exception {
        Registration registration;
        try (Session admin = login("admin", "admin password 1")) {
            registration = registrations.registerPatient(admin, ada(), pw(PASSPHRASE), "dr.kim");
        }
        Map<String, Long> before = counts();
        try (Session lee = login("dr.lee", "doctor password 1")) {
            assertThatThrownBy(() -> registrations.registerPatient(lee, ada(), pw(PASSPHRASE), null))
                    .isInstanceOf(RefusedException.class)
                    .hasMessage("Only a receptionist or an administrator can register patients.");
        }
        try (Session patient = accounts.login(registration.username(), pw(PASSPHRASE))) {
            assertThatThrownBy(() -> registrations.registerPatient(patient, ada(), pw(PASSPHRASE), null))
                    .isInstanceOf(RefusedException.class)
                    .hasMessage("Only a receptionist or an administrator can register patients.");
        }
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void badInputIsRefusedWithAClearMessageAndNothingIsWritten() throws Exception {
        Map<String, Long> before = counts();
        try (Session desk = desk()) {
            LocalDate today = LocalDate.of(2026, 11, 23);
            assertThatThrownBy(() -> registrations.registerPatient(desk,
                    new PatientDetails("Ada Lovelace", today.plusDays(2), null, null), pw(PASSPHRASE), null))
                    .isInstanceOf(InvalidInputException.class).hasMessage("The date of birth 2026-11-25 is in the future.");
            assertThatThrownBy(() -> registrations.registerPatient(desk, ada(), pw("short"), null))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("A password needs at least 10 characters; this one has 5.");
            assertThatThrownBy(() -> registrations.registerPatient(desk, ada(), pw("xxxxxxxxxxxx"), null))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("cannot be one character repeated");
            assertThatThrownBy(() -> registrations.registerPatient(desk, ada(), pw(PASSPHRASE), "dr.nobody"))
                    .isInstanceOf(RefusedException.class).hasMessage("There is no doctor with the username dr.nobody: "
                            + "check it, or register the patient without a first doctor.");
            assertThatThrownBy(() -> registrations.registerPatient(desk, ada(), pw(PASSPHRASE), "desk"))
                    .as("a receptionist is no doctor").isInstanceOf(RefusedException.class)
                    .hasMessageStartingWith("There is no doctor with the username desk");
            assertThatThrownBy(() -> registrations.registerPatient(desk, ada(), pw(PASSPHRASE), "not a username"))
                    .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("A username has 3 to 32 characters");
            assertThatThrownBy(() -> registrations.registerPatient(desk, null, pw(PASSPHRASE), null))
                    .isInstanceOf(NullPointerException.class);
        }
        Session closed = desk();
        closed.close();
        assertThatThrownBy(() -> registrations.registerPatient(closed, ada(), pw(PASSPHRASE), null))
                .isInstanceOf(RefusedException.class).hasMessage(Session.ENDED);
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void aNewbornIsRegisteredWhateverTheTimeZone() {
        clock.advance(java.time.Duration.ofHours(14));
        LocalDate tomorrowInUtc = LocalDate.of(2026, 11, 24);
        try (Session desk = desk()) {
            // 23:00 UTC is already the next day in Kiribati.
            assertThat(registrations.registerPatient(desk, new PatientDetails("Baby Tabiteuea", tomorrowInUtc, null, null),
                    pw(PASSPHRASE), null).mrn()).isNotNull();
        }
    }

    @Test
    void aFailureInsideTheTransactionLeavesNoAccountNoDemographicsAndNoBlock() throws Exception {
        Map<String, Long> before = counts();
        execute("CREATE TRIGGER refuse_grants BEFORE INSERT ON blocks WHEN NEW.kind = 'access-granted' "
                + "BEGIN SELECT RAISE(ABORT, 'no grants today'); END");
        try (Session desk = desk()) {
            assertThatThrownBy(() -> registrations.registerPatient(desk, ada(), pw(PASSPHRASE), "dr.lee"))
                    .isInstanceOf(StorageFailure.class).hasMessageContaining("no grants today");
        }
        assertThat(counts()).as("the account and registration written before the consent are rolled back")
                .isEqualTo(before);
        execute("DROP TRIGGER refuse_grants");
        assertThat(workspace.verify(Progress.NONE).ok()).isTrue();
    }

    @Test
    void mrnsAreValidAndUniqueAcrossManyRegistrationsAndTheLedgerStaysIntact() {
        Set<String> seen = new HashSet<>();
        long start = System.nanoTime();
        try (Session desk = desk()) {
            for (int i = 0; i < 200; i++) {
                Registration registration = registrations.registerPatient(desk,
                        new PatientDetails("Patient " + i, ADA_BORN.plusDays(i), null, null), pw(PASSPHRASE),
                        i % 10 == 0 ? "dr.lee" : null);
                assertThat(MedicalRecordNumber.parse(registration.mrn().formatted())).isEqualTo(registration.mrn());
                assertThat(registration.possibleDuplicates()).isEmpty();
                seen.add(registration.mrn().digits());
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(seen).hasSize(200);
        VerificationReport report = workspace.verify(Progress.NONE);
        assertThat(report.problems()).isEmpty();
        assertThat(report.chains()).isEqualTo(6 + 200);
        assertThat(report.blocks()).as("200 registrations, 20 consents on two chains each").isEqualTo(6 + 200 + 40);
        org.slf4j.LoggerFactory.getLogger(RegistrationServiceTest.class)
                .info("200 registrations at the minimum password cost took {} ms", millis);
    }

    @Test
    void aNumberTakenAlreadyOrMeanwhileIsSkippedForAFreshOne() throws Exception {
        MedicalRecordNumber taken;
        try (Session desk = desk()) {
            taken = registrations.registerPatient(desk, ada(), pw(PASSPHRASE), null).mrn();
        }
        MedicalRecordNumber meanwhile = MedicalRecordNumber.generate(new Random(1));
        MedicalRecordNumber fresh = MedicalRecordNumber.generate(new Random(2));
        assertThat(Set.of(taken, meanwhile, fresh)).hasSize(3);
        Deque<MedicalRecordNumber> drawn = new ArrayDeque<>(List.of(taken, meanwhile, fresh));
        RegistrationService scripted = registrations.withMrnSource(drawn::poll);
        // "Another desk" takes the second number between the check and the insert: SQLite skips the
        // insert, as ON CONFLICT DO NOTHING would for a row committed meanwhile.
        execute("CREATE TRIGGER taken_meanwhile BEFORE INSERT ON accounts WHEN NEW.username = '"
                + meanwhile.digits() + "' BEGIN SELECT RAISE(IGNORE); END");
        try (Session desk = desk()) {
            Registration registration = scripted.registerPatient(desk, grace(), pw(PASSPHRASE), null);
            assertThat(registration.mrn()).isEqualTo(fresh);
        }
        assertThat(drawn).isEmpty();
        assertThat(TestLedger.of(workspace).registration(new ChainId(PartyKind.PATIENT, meanwhile.digits()))).isEmpty();
        assertThat(count("SELECT count(*) FROM patients WHERE mrn = ?", meanwhile.digits())).isZero();

        RegistrationService stuck = registrations.withMrnSource(() -> taken);
        try (Session desk = desk()) {
            assertThatThrownBy(() -> stuck.registerPatient(desk, grace(), pw(PASSPHRASE), null))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("No free medical record number");
        }
        assertThat(workspace.verify(Progress.NONE).ok()).isTrue();
    }

    @Test
    void aRegistrationThatLooksLikeAnEarlierOneIsFlaggedNotRefused() {
        try (Session desk = desk()) {
            MedicalRecordNumber first = registrations.registerPatient(desk, ada(), pw(PASSPHRASE), null).mrn();
            Registration second = registrations.registerPatient(desk,
                    new PatientDetails("  ADA   lovelace ", ADA_BORN, Sex.FEMALE, null), pw(PASSPHRASE), null);
            assertThat(second.possibleDuplicates()).containsExactly(first);
            assertThat(second.hasPossibleDuplicates()).isTrue();
            Registration third = registrations.registerPatient(desk,
                    new PatientDetails("Adá Lovelace", ADA_BORN, null, null), pw(PASSPHRASE), null);
            assertThat(third.possibleDuplicates()).containsExactlyInAnyOrder(first, second.mrn());
            assertThat(registrations.registerPatient(desk, new PatientDetails("Ada Lovelace", ADA_BORN.plusDays(1),
                    null, null), pw(PASSPHRASE), null).possibleDuplicates()).as("another day").isEmpty();
            assertThat(registrations.registerPatient(desk, new PatientDetails("Ada Byron", ADA_BORN, null, null),
                    pw(PASSPHRASE), null).possibleDuplicates()).as("another name").isEmpty();
            assertThat(registrations.searchPatients(desk, "ada lovelace")).hasSize(4);
        }
    }

    // ---- searching

    @Test
    void searchFindsNamesInAnyCaseWithOrWithoutAccentsSortedByName() {
        Map<String, MedicalRecordNumber> mrns = registerSome();
        try (Session desk = desk()) {
            assertThat(names(registrations.searchPatients(desk, "emile")))
                    .containsExactly("Émile Durkheim", "Emile Zola");
            assertThat(names(registrations.searchPatients(desk, "ÉMILE")))
                    .containsExactly("Émile Durkheim", "Emile Zola");
            assertThat(names(registrations.searchPatients(desk, "zola émile"))).containsExactly("Emile Zola");
            assertThat(names(registrations.searchPatients(desk, "lukasz"))).containsExactly("Łukasz Żółć");
            assertThat(names(registrations.searchPatients(desk, "zolc"))).containsExactly("Łukasz Żółć");
            assertThat(names(registrations.searchPatients(desk, "LACE"))).containsExactly("Ada Lovelace");
            assertThat(registrations.searchPatients(desk, "nobody here")).isEmpty();

            PatientSummary ada = registrations.searchPatients(desk, "lovelace").get(0);
            assertThat(ada.mrn()).isEqualTo(mrns.get("Ada Lovelace"));
            assertThat(ada.dateOfBirth()).isEqualTo(ADA_BORN);
            assertThat(ada.sex()).isEqualTo(Sex.FEMALE);
        }
    }

    @Test
    void searchFindsAnMrnWithOrWithoutDashesAndADateOfBirth() {
        Map<String, MedicalRecordNumber> mrns = registerSome();
        MedicalRecordNumber zola = mrns.get("Emile Zola");
        try (Session lee = login("dr.lee", "doctor password 1")) {
            assertThat(names(registrations.searchPatients(lee, zola.formatted()))).containsExactly("Emile Zola");
            assertThat(names(registrations.searchPatients(lee, zola.digits()))).containsExactly("Emile Zola");
            assertThat(names(registrations.searchPatients(lee, " " + zola.formatted().replace('-', ' '))))
                    .containsExactly("Emile Zola");
            assertThat(names(registrations.searchPatients(lee, "1940-04-02")))
                    .as("a doctor may search too").containsExactly("Émile Durkheim", "Emile Zola");
            String wrongCheck = zola.digits().substring(0, 8) + ((zola.digits().charAt(8) - '0' + 1) % 10);
            assertThatThrownBy(() -> registrations.searchPatients(lee, wrongCheck))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("check digit does not match");
            assertThatThrownBy(() -> registrations.searchPatients(lee, "1940-02-30"))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("is not a date that exists");
            assertThatThrownBy(() -> registrations.searchPatients(lee, "  "))
                    .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("Enter part of a name");
            assertThatThrownBy(() -> registrations.searchPatients(lee, "--"))
                    .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("Enter part of a name");
            assertThatThrownBy(() -> registrations.searchPatients(lee, "a".repeat(201)))
                    .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("The search is too long");
        }
    }

    @Test
    void patientsMayNotSearchTheDirectory() {
        MedicalRecordNumber mrn;
        try (Session desk = desk()) {
            mrn = registrations.registerPatient(desk, ada(), pw(PASSPHRASE), null).mrn();
        }
        try (Session patient = accounts.login(mrn.formatted(), pw(PASSPHRASE))) {
            assertThatThrownBy(() -> registrations.searchPatients(patient, "Ada"))
                    .isInstanceOf(RefusedException.class)
                    .hasMessage("Only the clinic's staff can search the directory of patients.");
            assertThatThrownBy(() -> registrations.patientDetails(patient, mrn))
                    .isInstanceOf(RefusedException.class);
        }
    }

    @Test
    void theFullDetailsIncludingTheContactOpenForStaff() {
        MedicalRecordNumber mrn;
        try (Session desk = desk()) {
            mrn = registrations.registerPatient(desk, new PatientDetails("Ada Lovelace", ADA_BORN, Sex.FEMALE,
                    "+44 20 7946 0958"), pw(PASSPHRASE), null).mrn();
        }
        try (Session kim = login("dr.kim", "doctor password 2")) {
            assertThat(registrations.patientDetails(kim, mrn))
                    .contains(new PatientDetails("Ada Lovelace", ADA_BORN, Sex.FEMALE, "+44 20 7946 0958"));
            assertThat(registrations.patientDetails(kim, MedicalRecordNumber.parse("1234-5678-2"))).isEmpty();
        }
    }

    @Test
    void aSessionsSearchSeesLaterRegistrationsAndNoLongerOpensAfterLogout() {
        Session desk = desk();
        registrations.registerPatient(desk, ada(), pw(PASSPHRASE), null);
        assertThat(registrations.searchPatients(desk, "grace")).isEmpty();
        try (Session admin = login("admin", "admin password 1")) {
            registrations.registerPatient(admin, grace(), pw(PASSPHRASE), null);
        }
        assertThat(names(registrations.searchPatients(desk, "grace"))).containsExactly("Grace Hopper");
        desk.close();
        assertThatThrownBy(() -> registrations.searchPatients(desk, "grace"))
                .isInstanceOf(RefusedException.class).hasMessage(Session.ENDED);
    }

    @Test
    void demographicsMovedToAnotherPatientFailTheirIntegrityCheck() throws Exception {
        MedicalRecordNumber ada;
        MedicalRecordNumber grace;
        try (Session desk = desk()) {
            ada = registrations.registerPatient(desk, ada(), pw(PASSPHRASE), null).mrn();
            grace = registrations.registerPatient(desk, grace(), pw(PASSPHRASE), null).mrn();
            assertThat(registrations.searchPatients(desk, "a")).hasSize(2);
        }
        // The seal binds the MRN, so Ada's sealed demographics copied onto Grace's row do not open.
        try (Connection connection = connect(); PreparedStatement update = connection.prepareStatement(
                "UPDATE patients SET sealed_demographics = (SELECT sealed_demographics FROM patients WHERE mrn = ?) "
                        + "WHERE mrn = ?")) {
            update.setString(1, ada.digits());
            update.setString(2, grace.digits());
            update.executeUpdate();
        }
        try (Session desk = desk()) {
            assertThatThrownBy(() -> registrations.searchPatients(desk, "Ada"))
                    .isInstanceOf(RefusedException.class)
                    .hasMessage("The directory entry of patient " + grace + " fails its integrity check: it was "
                            + "changed outside ClinicLedger. Verify the data folder and restore it from a backup.");
        }
    }

    // ---- helpers

    private Map<String, MedicalRecordNumber> registerSome() {
        Map<String, MedicalRecordNumber> mrns = new LinkedHashMap<>();
        try (Session desk = desk()) {
            for (PatientDetails details : List.of(ada(), grace(),
                    new PatientDetails("Emile Zola", LocalDate.of(1940, 4, 2), Sex.MALE, null),
                    new PatientDetails("Émile Durkheim", LocalDate.of(1940, 4, 2), Sex.MALE, null),
                    new PatientDetails("Łukasz Żółć", LocalDate.of(1977, 7, 7), null, "Kraków"))) {
                mrns.put(details.name(), registrations.registerPatient(desk, details, pw(PASSPHRASE), null).mrn());
            }
        }
        return mrns;
    }

    private static List<String> names(List<PatientSummary> found) {
        return found.stream().map(PatientSummary::name).toList();
    }

    private static PatientDetails ada() {
        return new PatientDetails("Ada Lovelace", ADA_BORN, Sex.FEMALE, "ada@example.org");
    }

    private static PatientDetails grace() {
        return new PatientDetails("Grace Hopper", LocalDate.of(1956, 12, 9), Sex.FEMALE, null);
    }

    private Session desk() {
        return login("desk", "reception password");
    }

    private Session login(String username, String password) {
        return accounts.login(username, pw(password));
    }

    private static char[] pw(String text) {
        return text.toCharArray();
    }

    private byte[] sealedDemographics(MedicalRecordNumber mrn) throws Exception {
        try (Connection connection = connect(); PreparedStatement query = connection.prepareStatement(
                "SELECT sealed_demographics FROM patients WHERE mrn = ?")) {
            query.setString(1, mrn.digits());
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getBytes(1);
            }
        }
    }

    private Map<String, Long> counts() throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
                    rows.next();
                    counts.put(table, rows.getLong(1));
                }
            }
        }
        return counts;
    }

    private long count(String sql, String parameter) throws Exception {
        try (Connection connection = connect(); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + data.resolve("clinicledger.db"));
    }

    private void execute(String sql) throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }
}
