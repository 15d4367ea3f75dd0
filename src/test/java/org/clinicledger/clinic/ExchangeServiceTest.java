package org.clinicledger.clinic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.clinicledger.crypto.Hex;
import org.clinicledger.domain.Cancel;
import org.clinicledger.domain.CancelledException;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.ClinicFingerprint;
import org.clinicledger.domain.ExportScope;
import org.clinicledger.domain.ExportSummary;
import org.clinicledger.domain.ExportVerdict;
import org.clinicledger.domain.ImportSummary;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.LoginFailedException;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.PatientDetails;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.RecordInput;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.VerificationReport;
import org.clinicledger.domain.Witnessing;
import org.clinicledger.testing.Folders;
import org.clinicledger.testing.RawTables;
import org.clinicledger.testing.TestClinic;

/**
 * Chains between machines through the service, on real folders: the doctor's offline round trip,
 * random work on both machines merged back and forth, and every refusal (conflicting chains,
 * equivocation, another clinic, a file not for this person, the wrong password, a non-empty
 * folder, who may export what), each leaving the receiving folder's contents as they were.
 * Each machine keeps its own memory of the chains, as two computers would.
 */
class ExchangeServiceTest {

    @TempDir
    Path temp;

    private String savedState;
    private TestClinic clinic;
    private Path clinicFolder;

    @BeforeEach
    void setUp() {
        savedState = System.getProperty(RollbackMemory.PROPERTY);
        clinicFolder = temp.resolve("clinic");
        clinic = onMachine("clinic", () -> new TestClinic(clinicFolder));
    }

    @AfterEach
    void tearDown() {
        clinic.workspace.close();
        if (savedState == null) {
            System.clearProperty(RollbackMemory.PROPERTY);
        } else {
            System.setProperty(RollbackMemory.PROPERTY, savedState);
        }
    }

    /** Runs {@code work} as the computer called {@code machine}: with its own memory of the chains. */
    private <T> T onMachine(String machine, Supplier<T> work) {
        System.setProperty(RollbackMemory.PROPERTY, temp.resolve("state-" + machine).toString());
        return work.get();
    }

    private static RecordInput record(String diagnosis) {
        return new RecordInput(diagnosis, null, "Seen today.", List.of());
    }

    private ExportSummary exportLee(Workspace workspace, String name, boolean newMachine) {
        try (Session lee = workspace.accounts().login("dr.lee", TestClinic.LEE_PASSWORD.toCharArray())) {
            return workspace.exchange().export(lee, ExportScope.doctor("dr.lee"), newMachine, temp.resolve(name), false,
                    Progress.NONE, Cancel.NEVER);
        }
    }

    private ImportSummary importAs(Workspace workspace, String user, String password, Path file) {
        try (Session session = workspace.accounts().login(user, password.toCharArray())) {
            return workspace.exchange().importFile(session, file, Progress.NONE, Cancel.NEVER);
        }
    }

    private Path startLaptop() {
        exportLee(clinic.workspace, "to-laptop.clchain", true);
        Path laptop = temp.resolve("laptop");
        ImportSummary made = onMachine("laptop", () -> ExchangeService.startReplica(laptop,
                temp.resolve("to-laptop.clchain"), "dr.lee", TestClinic.LEE_PASSWORD.toCharArray(), Progress.NONE,
                Cancel.NEVER));
        assertThat(made.outcome()).isEqualTo(ImportSummary.Outcome.REPLICA);
        return laptop;
    }

    @Test
    void theDoctorsOfflineRoundTripLeavesBothFoldersIntactAndTheRecordAtTheClinic() {
        Path laptopFolder = startLaptop();
        String recordId = onMachine("laptop", () -> {
            try (Workspace laptop = Workspace.open(laptopFolder, false);
                    Session lee = laptop.accounts().login("dr.lee", TestClinic.LEE_PASSWORD.toCharArray())) {
                assertThat(laptop.rollbackFindings()).isEmpty();
                String id = laptop.records().addRecord(lee, clinic.mrn, record("Written offline")).recordId().value();
                exportLee(laptop, "from-laptop.clchain", false);
                assertThat(laptop.verify(Progress.NONE).ok()).as("the replica verifies").isTrue();
                return id;
            }
        });

        ImportSummary back = onMachine("clinic", () -> importAs(clinic.workspace, "dr.lee", TestClinic.LEE_PASSWORD,
                temp.resolve("from-laptop.clchain")));

        assertThat(back.outcome()).isEqualTo(ImportSummary.Outcome.MERGED);
        assertThat(back.newBlocks()).isEqualTo(2);
        assertThat(back.newRecords()).isEqualTo(1);
        assertThat(back.newFiles()).isEqualTo(1);
        VerificationReport report = clinic.workspace.verify(Progress.NONE);
        assertThat(report.problems()).isEmpty();
        try (Session ada = clinic.patient()) {
            assertThat(clinic.workspace.records().listRecords(ada, clinic.mrn)).extracting(r -> r.recordId().value())
                    .contains(recordId);
        }
        assertThat(onMachine("clinic", () -> importAs(clinic.workspace, "dr.lee", TestClinic.LEE_PASSWORD,
                temp.resolve("from-laptop.clchain"))).outcome()).as("the same file twice")
                .isEqualTo(ImportSummary.Outcome.NOTHING_NEW);
        assertThat(onMachine("clinic", () -> importAs(clinic.workspace, "dr.lee", TestClinic.LEE_PASSWORD,
                temp.resolve("to-laptop.clchain"))).outcome()).as("the older file")
                .isEqualTo(ImportSummary.Outcome.OLDER);
        try (Session lee = clinic.lee()) {
            assertThat(clinic.workspace.records().showRecord(lee, new org.clinicledger.domain.RecordId(recordId))
                    .latest().diagnosis()).isEqualTo("Written offline");
        }
    }

    @Test
    void randomWorkOnBothMachinesMergesBackAndForthIntoIdenticalVerifyingChains() {
        List<MedicalRecordNumber> kims = new ArrayList<>();
        List<MedicalRecordNumber> lees = new ArrayList<>(List.of(clinic.mrn));
        try (Session desk = clinic.login("desk", TestClinic.DESK_PASSWORD)) {
            for (int i = 0; i < 3; i++) {
                kims.add(clinic.workspace.registrations().registerPatient(desk, new PatientDetails("Kim patient " + i,
                        LocalDate.of(1970 + i, 1, 1), null, null), "patient pass kim".toCharArray(), "dr.kim").mrn());
                lees.add(clinic.workspace.registrations().registerPatient(desk, new PatientDetails("Lee patient " + i,
                        LocalDate.of(1980 + i, 1, 1), null, null), "patient pass lee".toCharArray(), "dr.lee").mrn());
            }
        }
        Path laptopFolder = startLaptop();
        Random random = new Random(20261127L);
        for (int round = 0; round < 3; round++) {
            try (Session kim = clinic.kim()) {
                for (int i = 0; i < 4; i++) {
                    clinic.workspace.records().addRecord(kim, kims.get(random.nextInt(kims.size())),
                            record("Clinic visit " + round + "." + i));
                }
            }
            int round0 = round;
            onMachine("laptop", () -> {
                try (Workspace laptop = Workspace.open(laptopFolder, false);
                        Session lee = laptop.accounts().login("dr.lee", TestClinic.LEE_PASSWORD.toCharArray())) {
                    for (int i = 0; i < 4; i++) {
                        laptop.records().addRecord(lee, lees.get(random.nextInt(lees.size())),
                                record("Home visit " + round0 + "." + i));
                    }
                    exportLee(laptop, "up-" + round0 + ".clchain", false);
                }
                return null;
            });
            assertThat(onMachine("clinic", () -> importAs(clinic.workspace, "dr.lee", TestClinic.LEE_PASSWORD,
                    temp.resolve("up-" + round0 + ".clchain"))).outcome()).isEqualTo(ImportSummary.Outcome.MERGED);
            exportLee(clinic.workspace, "down-" + round + ".clchain", false);
            ImportSummary down = onMachine("laptop", () -> {
                try (Workspace laptop = Workspace.open(laptopFolder, false)) {
                    return importAs(laptop, "dr.lee", TestClinic.LEE_PASSWORD, temp.resolve("down-" + round0 + ".clchain"));
                }
            });
            assertThat(down.outcome()).as("dr.kim's chain grew at the clinic").isEqualTo(ImportSummary.Outcome.MERGED);
        }
        assertThat(clinic.workspace.verify(Progress.NONE).problems()).isEmpty();
        Map<String, String> clinicTips = tips(clinicFolder);
        Map<String, String> laptopTips = tips(laptopFolder);
        assertThat(onMachine("laptop", () -> {
            try (Workspace laptop = Workspace.inspect(laptopFolder)) {
                return laptop.verify(Progress.NONE).problems();
            }
        })).isEmpty();
        assertThat(laptopTips).isNotEmpty();
        laptopTips.forEach((chain, tip) -> assertThat(clinicTips.get(chain)).as(chain).isEqualTo(tip));
        assertThat(clinicTips.keySet()).containsAll(laptopTips.keySet());
    }

    @Test
    void aCheckpointIsWitnessedOnceTwoOfTheClinicsThreeMachinesStandBehindIt() {
        Path laptopFolder = startLaptop();
        try (Session kim = clinic.kim()) {
            clinic.workspace.exchange().export(kim, ExportScope.doctor("dr.kim"), true, temp.resolve("kim.clchain"),
                    false, Progress.NONE, Cancel.NEVER);
        }
        onMachine("kims-laptop", () -> ExchangeService.startReplica(temp.resolve("kims-laptop"),
                temp.resolve("kim.clchain"), "dr.kim", TestClinic.KIM_PASSWORD.toCharArray(), Progress.NONE,
                Cancel.NEVER));
        ChainId lee = new ChainId(PartyKind.DOCTOR, "dr.lee");
        Witnessing before = clinic.workspace.witnesses().witnessing(lee);
        assertThat(before.machines()).isEqualTo(3);
        assertThat(before.behind()).isEqualTo(1);
        assertThat(before.witnessed()).isFalse();

        onMachine("laptop", () -> {
            try (Workspace laptop = Workspace.open(laptopFolder, false)) {
                return exportLee(laptop, "cosigned.clchain", false);
            }
        });
        ImportSummary back = onMachine("clinic", () -> importAs(clinic.workspace, "dr.lee", TestClinic.LEE_PASSWORD,
                temp.resolve("cosigned.clchain")));

        assertThat(back.outcome()).isEqualTo(ImportSummary.Outcome.MERGED);
        assertThat(back.newBlocks()).isZero();
        assertThat(back.newCosignatures()).isPositive();
        Witnessing after = clinic.workspace.witnesses().witnessing(lee);
        assertThat(after.behind()).isEqualTo(2);
        assertThat(after.witnessed()).as(after.describe()).isTrue();
        assertThat(clinic.workspace.verify(Progress.NONE).problems()).isEmpty();
    }

    @Test
    void whenBothMachinesAddedToTheSameChainNothingIsImportedAndTheBlocksAreNamed() throws Exception {
        Path laptopFolder = startLaptop();
        onMachine("laptop", () -> {
            try (Workspace laptop = Workspace.open(laptopFolder, false);
                    Session lee = laptop.accounts().login("dr.lee", TestClinic.LEE_PASSWORD.toCharArray())) {
                laptop.records().addRecord(lee, clinic.mrn, record("On the laptop"));
                exportLee(laptop, "from-laptop.clchain", false);
            }
            return null;
        });
        try (Session lee = clinic.lee()) {
            clinic.workspace.records().addRecord(lee, clinic.mrn, record("At the clinic"));
        }
        String before = contents(clinicFolder);

        assertThatThrownBy(() -> onMachine("clinic", () -> importAs(clinic.workspace, "dr.lee", TestClinic.LEE_PASSWORD,
                temp.resolve("from-laptop.clchain"))))
                .isInstanceOf(ImportConflictException.class)
                .hasMessageContaining("patient/" + clinic.mrn.digits())
                .hasMessageContaining("doctor/dr.lee")
                .hasMessageNotContaining("Equivocation");
        assertThat(contents(clinicFolder)).isEqualTo(before);
        assertThat(stagingFolders(clinicFolder)).isEmpty();
    }

    @Test
    void aMachineThatSignedTwoHistoriesOfOneChainIsNamedAsEquivocating() {
        Path twin = Folders.copy(clinicFolder, temp.resolve("twin"));
        onMachine("twin", () -> {
            try (Workspace copy = Workspace.open(twin, false);
                    Session lee = copy.accounts().login("dr.lee", TestClinic.LEE_PASSWORD.toCharArray())) {
                copy.records().addRecord(lee, clinic.mrn, record("One history"));
                exportLee(copy, "twin.clchain", false);
            }
            return null;
        });
        try (Session lee = clinic.lee()) {
            clinic.workspace.records().addRecord(lee, clinic.mrn, record("Another history"));
        }
        String node = clinic.workspace.ledger().nodeChainId().orElseThrow().subject();

        assertThatThrownBy(() -> onMachine("clinic", () -> importAs(clinic.workspace, "dr.lee", TestClinic.LEE_PASSWORD,
                temp.resolve("twin.clchain"))))
                .isInstanceOfSatisfying(ImportConflictException.class, conflict -> assertThat(conflict.conflicts())
                        .allSatisfy(each -> assertThat(each.equivocators()).containsExactly(node)))
                .hasMessageStartingWith("Equivocation")
                .hasMessageContaining("node/" + node);
    }

    @Test
    void anotherClinicsFileIsRefusedAndChangesNothing() {
        TestClinic other = onMachine("other", () -> new TestClinic(temp.resolve("other")));
        try (Session lee = other.lee()) {
            other.workspace.exchange().export(lee, ExportScope.doctor("dr.lee"), false, temp.resolve("other.clchain"),
                    false, Progress.NONE, Cancel.NEVER);
        } finally {
            other.workspace.close();
        }
        String before = contents(clinicFolder);

        assertThatThrownBy(() -> onMachine("clinic", () -> importAs(clinic.workspace, "dr.lee", TestClinic.LEE_PASSWORD,
                temp.resolve("other.clchain")))).isInstanceOf(RefusedException.class).hasMessageContaining("another clinic");
        assertThat(contents(clinicFolder)).isEqualTo(before);
        ClinicFingerprint ours = clinic.workspace.verify(Progress.NONE).clinicKey();
        ExportVerdict verdict = ExchangeService.verifyExport(temp.resolve("other.clchain"), ours, Progress.NONE,
                Cancel.NEVER);
        assertThat(verdict.intact()).as("checked against our fingerprint").isFalse();
        assertThat(ExchangeService.verifyExport(temp.resolve("other.clchain"), null, Progress.NONE, Cancel.NEVER)
                .intact()).as("on its own").isTrue();
    }

    @Test
    void aReplicaIsMadeOnlyFromAFileThatStartsAMachineForThatPersonWithTheirPassword() {
        exportLee(clinic.workspace, "plain.clchain", false);
        exportLee(clinic.workspace, "machine.clchain", true);
        Path empty = temp.resolve("empty");

        assertThatThrownBy(() -> ExchangeService.startReplica(empty, temp.resolve("plain.clchain"), "dr.lee",
                TestClinic.LEE_PASSWORD.toCharArray(), Progress.NONE, Cancel.NEVER))
                .isInstanceOf(RefusedException.class).hasMessageContaining("does not start a new machine");
        assertThat(isEmpty(empty)).isTrue();
        assertThatThrownBy(() -> ExchangeService.startReplica(empty, temp.resolve("machine.clchain"), "dr.kim",
                TestClinic.KIM_PASSWORD.toCharArray(), Progress.NONE, Cancel.NEVER))
                .isInstanceOf(RefusedException.class).hasMessageContaining("for dr.lee, not for dr.kim");
        assertThat(isEmpty(empty)).isTrue();
        assertThatThrownBy(() -> onMachine("laptop", () -> ExchangeService.startReplica(empty,
                temp.resolve("machine.clchain"), "dr.lee", "wrong password".toCharArray(), Progress.NONE, Cancel.NEVER)))
                .isInstanceOf(LoginFailedException.class);
        assertThat(isEmpty(empty)).as("left empty after the wrong password").isTrue();
        assertThatThrownBy(() -> ExchangeService.startReplica(clinicFolder, temp.resolve("machine.clchain"), "dr.lee",
                TestClinic.LEE_PASSWORD.toCharArray(), Progress.NONE, Cancel.NEVER))
                .isInstanceOf(RefusedException.class).hasMessageContaining("is not empty");
    }

    @Test
    void eachRoleExportsOnlyWhatItMay() {
        try (Session desk = clinic.login("desk", TestClinic.DESK_PASSWORD);
                Session kim = clinic.kim();
                Session ada = clinic.patient()) {
            ExchangeService exchange = clinic.workspace.exchange();
            assertThatThrownBy(() -> exchange.export(desk, ExportScope.clinic(), false, temp.resolve("a.clchain"),
                    false, Progress.NONE, Cancel.NEVER)).isInstanceOf(RefusedException.class)
                    .hasMessageContaining("may not export");
            assertThatThrownBy(() -> exchange.export(kim, ExportScope.doctor("dr.lee"), false, temp.resolve("b.clchain"),
                    false, Progress.NONE, Cancel.NEVER)).isInstanceOf(RefusedException.class);
            assertThatThrownBy(() -> exchange.export(kim, ExportScope.patient(clinic.mrn), false,
                    temp.resolve("c.clchain"), false, Progress.NONE, Cancel.NEVER)).isInstanceOf(RefusedException.class)
                    .hasMessageContaining("no active grant");
            ExportSummary own = exchange.export(ada, ExportScope.patient(clinic.mrn), false, temp.resolve("d.clchain"),
                    false, Progress.NONE, Cancel.NEVER);
            assertThat(own.records()).isZero();
            assertThat(Stream.of("a", "b", "c").map(n -> temp.resolve(n + ".clchain"))).noneMatch(Files::exists);
            ExportVerdict verdict = ExchangeService.verifyExport(temp.resolve("d.clchain"), null, Progress.NONE,
                    Cancel.NEVER);
            assertThat(verdict.problems()).isEmpty();
            assertThat(verdict.scope()).isEqualTo("patient");
        }
    }

    @Test
    void aCancelledExportLeavesNoFileAndAnExistingFileIsKeptUnlessReplaced() throws Exception {
        try (Session lee = clinic.lee()) {
            clinic.workspace.records().addRecord(lee, clinic.mrn, record("Something"));
            ExchangeService exchange = clinic.workspace.exchange();
            assertThatThrownBy(() -> exchange.export(lee, ExportScope.doctor("dr.lee"), false,
                    temp.resolve("cancelled.clchain"), false, Progress.NONE, () -> true))
                    .isInstanceOf(CancelledException.class);
            Map<String, String> chains = tips(clinicFolder);
            assertThatThrownBy(() -> exchange.export(lee, ExportScope.doctor("dr.lee"), true,
                    temp.resolve("cancelled-machine.clchain"), false, Progress.NONE, () -> true))
                    .isInstanceOf(CancelledException.class);
            assertThat(tips(clinicFolder)).as("a cancelled export starts no machine").isEqualTo(chains);
            try (Stream<Path> left = Files.list(temp)) {
                assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("cancelled")
                        || n.endsWith(".part"));
            }
            Files.writeString(temp.resolve("there.clchain"), "mine");
            assertThatThrownBy(() -> exchange.export(lee, ExportScope.doctor("dr.lee"), false,
                    temp.resolve("there.clchain"), false, Progress.NONE, Cancel.NEVER))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("already exists");
            assertThat(Files.readString(temp.resolve("there.clchain"))).isEqualTo("mine");
        }
    }

    @Test
    void aFileThatIsNotAnExportIsRefusedInOneSentence() throws Exception {
        Path junk = Files.writeString(temp.resolve("junk.clchain"), "hello\n");
        assertThatThrownBy(() -> ExchangeService.verifyExport(junk, null, Progress.NONE, Cancel.NEVER))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("This is not a ClinicLedger export file");
        assertThatThrownBy(() -> ExchangeService.verifyExport(temp.resolve("missing.clchain"), null, Progress.NONE,
                Cancel.NEVER)).isInstanceOf(InvalidInputException.class).hasMessageContaining("does not exist");
        String before = contents(clinicFolder);
        assertThatThrownBy(() -> onMachine("clinic", () -> importAs(clinic.workspace, "dr.lee", TestClinic.LEE_PASSWORD,
                junk))).isInstanceOf(InvalidInputException.class);
        assertThat(contents(clinicFolder)).isEqualTo(before);
        assertThat(stagingFolders(clinicFolder)).isEmpty();
    }

    @Test
    void aReplicaVerifiesAsPartButTheClinicsOwnFolderMustHoldEveryChain() throws Exception {
        try (Session desk = clinic.login("desk", TestClinic.DESK_PASSWORD)) {
            clinic.workspace.registrations().registerPatient(desk, new PatientDetails("Kim's patient",
                    LocalDate.of(1990, 2, 2), null, null), "patient pass 2".toCharArray(), "dr.kim");
        }
        Path laptopFolder = startLaptop();
        try (Workspace laptop = Workspace.inspect(laptopFolder)) {
            assertThat(laptop.verify(Progress.NONE).problems()).as("the replica holds part").isEmpty();
        }
        // The clinic's own folder with a patient's chain taken out is not a replica: its machine's key
        // was vouched for by the clinic key itself.
        Path copy = Folders.copy(clinicFolder, temp.resolve("copy"));
        try (Connection connection = new RawTables(copy).connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TRIGGER blocks_are_never_deleted");
            statement.execute("DROP TRIGGER signed_heads_are_never_deleted");
            statement.execute("PRAGMA foreign_keys = OFF");
            for (String table : List.of("blocks", "signed_heads", "chains", "author_keys")) {
                statement.execute("DELETE FROM " + table + " WHERE chain_id LIKE 'patient/%' AND chain_id NOT IN "
                        + "(SELECT 'patient/' || '" + clinic.mrn.digits() + "')");
            }
            statement.execute("DELETE FROM patients WHERE mrn <> '" + clinic.mrn.digits() + "'");
            statement.execute("DELETE FROM accounts WHERE role = 'patient' AND username <> '" + clinic.mrn.digits() + "'");
        }
        try (Workspace tampered = Workspace.inspect(copy)) {
            assertThat(tampered.verify(Progress.NONE).problems()).extracting(p -> p.code().code())
                    .contains("counterpart-missing");
        }
    }

    // ---- helpers

    private static boolean isEmpty(Path folder) {
        if (!Files.exists(folder)) {
            return true;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Path> stagingFolders(Path folder) throws java.io.IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(".import-")).toList();
        }
    }

    private static String contents(Path folder) {
        StringBuilder all = new StringBuilder();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("clinicledger.db"));
                Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet names = statement.executeQuery(
                    "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
                while (names.next()) {
                    tables.add(names.getString(1));
                }
            }
            for (String table : tables) {
                if (table.equals("accounts") || table.equals("unknown_logins")) {
                    // Signing in to import counts attempts in these.
                    continue;
                }
                try (ResultSet rows = statement.executeQuery("SELECT * FROM " + table + " ORDER BY 1, 2")) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        all.append(table).append(':');
                        for (int i = 1; i <= columns; i++) {
                            Object value = rows.getObject(i);
                            all.append(value instanceof byte[] bytes ? Hex.encode(bytes) : String.valueOf(value)).append('|');
                        }
                        all.append('\n');
                    }
                }
            }
            if (Files.isDirectory(folder.resolve("vault"))) {
                try (Stream<Path> files = Files.walk(folder.resolve("vault"))) {
                    files.sorted().forEach(file -> all.append(folder.relativize(file)).append('\n'));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return all.toString();
    }

    private static Map<String, String> tips(Path folder) {
        Map<String, String> tips = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("clinicledger.db"));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT chain_id, size, tip_hash FROM chains")) {
            while (rows.next()) {
                tips.put(rows.getString(1), rows.getLong(2) + ":" + Hex.encode(rows.getBytes(3)));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return tips;
    }

}
