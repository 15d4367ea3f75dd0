package org.clinicledger.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.clinicledger.custody.RecordCustody;
import org.clinicledger.domain.AccessEvent;
import org.clinicledger.domain.AddedRecord;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.RecordId;
import org.clinicledger.domain.RecordInput;
import org.clinicledger.domain.VerificationReport;
import org.clinicledger.testing.PatientChainView.PlacedRecord;
import org.clinicledger.testing.PatientChainView;
import org.clinicledger.testing.RawTables;
import org.clinicledger.testing.TestClinic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A record added while the patient revokes another doctor's access must not leave that doctor a
 * copy of the new record's key once the revocation is on the chain before the record: who receives
 * a copy has to be decided by the chain as it is when the record's block is appended, not as it was
 * when the writing began.
 *
 * <p>Patient Ada (P) consented to dr.lee (A) at registration and grants dr.kim (C). Each round
 * re-grants dr.kim if needed, then runs in two threads, started together with a random offset, A
 * adding a record with a 2–4 MB attachment and P revoking dr.kim. Mostly the revocation starts up
 * to twice the median add time (measured on a few unraced adds first) after the add, sometimes the
 * add up to 3 ms after the revocation, so both orders of the two blocks occur often, and the
 * revocation often lands while the add is sealing or writing. After each round every
 * {@code record_keys} row of the patient is checked against the chain (see {@link #keyViolations});
 * at the end {@code verify} must find nothing wrong. A few more rounds run the two as separate
 * processes through the command line. The seed is printed; {@code -Drace.seed=N} repeats a run,
 * {@code -Drace.rounds}, {@code -Drace.processRounds} and {@code -Drace.maxOffsetMicros} change it.
 */
class RecordRevokeRaceTest {

    private static final int ROUNDS = Integer.getInteger("race.rounds", 200);
    private static final int PROCESS_ROUNDS = Integer.getInteger("race.processRounds", 3);
    /**
     * The largest head start the revocation gets, in microseconds; by default twice the median time
     * of a record add on this machine, measured before the rounds, so that the revocation lands
     * anywhere from before the add reads the chain to well after it has appended.
     */
    private static final int MAX_OFFSET_MICROS = Integer.getInteger("race.maxOffsetMicros", 0);
    /** The largest head start the add gets, in microseconds. */
    private static final int MAX_ADD_HEAD_START_MICROS = 3_000;
    private static final int WARM_UP_ADDS = 5;
    private static final int MAX_PROCESS_OFFSET_MILLIS = 400;
    private static final String KIM = "dr.kim";
    private static final String KIM_CHAIN = "doctor/" + KIM;

    @TempDir
    Path temp;

    private TestClinic clinic;
    private Workspace workspace;
    private RawTables tables;
    private ChainId patientChain;
    private Session lee;
    private Session patient;
    private final List<Path> attachments = new ArrayList<>();
    private ExecutorService threads;

    /** Every key copy the chain does not allow, across all rounds, in the order found. */
    private final Set<String> violations = new LinkedHashSet<>();
    private int roundsRun;
    private int landedAfterRevocation;
    private int landedBeforeRevocation;
    private int racedRounds;
    private final List<String> racedRoundNames = new ArrayList<>();

    @BeforeEach
    void setUpClinic() throws Exception {
        Path data = temp.resolve("data");
        clinic = new TestClinic(data);
        workspace = clinic.workspace;
        tables = new RawTables(data);
        patientChain = new ChainId(PartyKind.PATIENT, clinic.mrn.digits());
        lee = clinic.lee();
        patient = clinic.patient();
        workspace.access().grant(patient, KIM, null);
        threads = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void closeClinic() {
        threads.shutdownNow();
        lee.close();
        patient.close();
        workspace.close();
    }

    @Test
    void aRecordRacingARevocationIsNeverWrappedForTheRevokedDoctor() throws Exception {
        long seed = Long.getLong("race.seed", System.nanoTime());
        System.out.println("RecordRevokeRaceTest seed " + seed + " (repeat with -Drace.seed=" + seed + ")");
        Random random = new Random(seed);
        Path files = Files.createDirectories(temp.resolve("files"));
        for (int megabytes = 2; megabytes <= 4; megabytes++) {
            byte[] bytes = new byte[megabytes * 1024 * 1024];
            random.nextBytes(bytes);
            attachments.add(Files.write(files.resolve("scan-" + megabytes + "mb.bin"), bytes));
        }
        int maxOffsetMicros = MAX_OFFSET_MICROS > 0 ? MAX_OFFSET_MICROS : 2 * medianAddMicros();
        System.out.println("RecordRevokeRaceTest: the revocation starts up to " + maxOffsetMicros
                + " µs after the add, or the add up to " + MAX_ADD_HEAD_START_MICROS + " µs after the revocation");
        keyViolations("after the set-up");
        assertThat(violations).as("key copies after the set-up, before any race").isEmpty();

        long started = System.nanoTime();
        for (int round = 1; round <= ROUNDS; round++) {
            regrantKim();
            inProcessRound(round, random, maxOffsetMicros);
        }
        long inProcessMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        int inProcessRaced = racedRounds;
        int inProcessAfter = landedAfterRevocation;

        for (int round = 1; round <= PROCESS_ROUNDS; round++) {
            regrantKim();
            processRound(round, random);
        }
        long totalMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        VerificationReport report = workspace.verify(Progress.NONE);

        String figures = String.format("seed %d: %d rounds (%d in one process in %d ms, %d as two processes; %d ms in all);"
                + " the record's block landed after the revocation in %d rounds (%d in one process), before it in %d;"
                + " the revoked doctor got a copy of the new record's key in %d rounds (%d of the %d in one process%s);"
                + " %d key copies the chain does not allow; verify: %d problems",
                seed, roundsRun, ROUNDS, inProcessMillis, PROCESS_ROUNDS, totalMillis, landedAfterRevocation,
                inProcessAfter, landedBeforeRevocation, racedRounds, inProcessRaced, ROUNDS,
                racedRoundNames.isEmpty() ? "" : ": " + String.join(", ", racedRoundNames.stream().limit(20).toList())
                        + (racedRoundNames.size() > 20 ? ", …" : ""), violations.size(),
                report.problems().size());
        System.out.println("RecordRevokeRaceTest figures: " + figures);
        violations.stream().limit(20).forEach(violation -> System.out.println("  " + violation));

        assertThat(landedAfterRevocation).as("rounds whose record block landed after the revocation (the race was "
                + "exercised): " + figures).isPositive();
        assertThat(landedBeforeRevocation).as("rounds whose record block landed before the revocation: " + figures)
                .isPositive();
        assertThat(violations.size()).as("key copies of records for principals the patient's chain did not allow: "
                + figures + "; the first: " + String.join("; ", violations.stream().limit(4).toList())).isZero();
        assertThat(report.problems()).as("verify after the race: " + figures).isEmpty();
    }

    // ---- rounds

    private void regrantKim() {
        PatientChainView view = view();
        if (!view.grantedReadersNow(Instant.now()).contains(KIM_CHAIN)) {
            workspace.access().grant(patient, KIM, null);
        }
    }

    /** Adds a record and revokes dr.kim in two threads of this process, one of them given a random head start. */
    private void inProcessRound(int round, Random random, int maxOffsetMicros) throws Exception {
        Path attachment = attachments.get(random.nextInt(attachments.size()));
        // Mostly the revocation waits, so that it lands while the add is sealing its attachment.
        boolean revocationWaits = random.nextInt(4) != 0;
        long offsetNanos = TimeUnit.MICROSECONDS.toNanos(random.nextInt(
                (revocationWaits ? maxOffsetMicros : MAX_ADD_HEAD_START_MICROS) + 1));
        RecordInput input = new RecordInput("Race round " + round, null, "", List.of(attachment));
        CyclicBarrier start = new CyclicBarrier(2);
        Future<AddedRecord> add = threads.submit(startTogether(start, revocationWaits ? 0 : offsetNanos,
                () -> workspace.records().addRecord(lee, clinic.mrn, input)));
        Future<?> revoke = threads.submit(startTogether(start, revocationWaits ? offsetNanos : 0,
                () -> workspace.access().revoke(patient, KIM)));
        AddedRecord added = add.get(2, TimeUnit.MINUTES);
        revoke.get(2, TimeUnit.MINUTES);
        afterRound("round " + round, added.recordId());
    }

    /** Adds a few records with nothing racing them (dr.kim has access) and returns the median time an add took. */
    private int medianAddMicros() {
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < WARM_UP_ADDS; i++) {
            Path attachment = attachments.get(i % attachments.size());
            long start = System.nanoTime();
            workspace.records().addRecord(lee, clinic.mrn,
                    new RecordInput("Warm-up " + (i + 1), null, "", List.of(attachment)));
            micros.add(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start));
        }
        micros.sort(null);
        return (int) Math.max(1_000, micros.get(micros.size() / 2));
    }

    /**
     * Runs {@code record add} and {@code revoke} as two separate processes of the command line, as
     * two people at two machines sharing the data folder would, one started up to a few hundred
     * milliseconds after the other.
     */
    private void processRound(int round, Random random) throws Exception {
        Path attachment = attachments.get(random.nextInt(attachments.size()));
        long offsetMillis = random.nextInt(MAX_PROCESS_OFFSET_MILLIS + 1);
        boolean revocationWaits = random.nextBoolean();
        Path folder = Files.createDirectories(temp.resolve("process-round-" + round));
        List<String> add = List.of("record", "add", "--user", "dr.lee", "--patient", clinic.mrn.digits(),
                "--diagnosis", "Process race round " + round, "--attach", attachment.toString(), "--json");
        List<String> revoke = List.of("revoke", "--user", clinic.mrn.digits(), "--doctor", KIM, "--json");
        Process first;
        Process second;
        if (revocationWaits) {
            first = start(add, TestClinic.LEE_PASSWORD, folder.resolve("add"));
            Thread.sleep(offsetMillis);
            second = start(revoke, TestClinic.PATIENT_PASSPHRASE, folder.resolve("revoke"));
        } else {
            first = start(revoke, TestClinic.PATIENT_PASSPHRASE, folder.resolve("revoke"));
            Thread.sleep(offsetMillis);
            second = start(add, TestClinic.LEE_PASSWORD, folder.resolve("add"));
        }
        for (Process process : List.of(first, second)) {
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("a command of process round " + round + " did not finish in two minutes");
            }
        }
        String added = output(folder, "add", revocationWaits ? first : second);
        output(folder, "revoke", revocationWaits ? second : first);
        RecordId recordId = RecordId.parse(new ObjectMapper().readTree(added).get("record").asText());
        afterRound("process round " + round, recordId);
    }

    private Process start(List<String> arguments, String password, Path outputs) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp",
                System.getProperty("java.class.path"), "org.clinicledger.Main", "--data",
                workspace.root().toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(outputs.resolveSibling(outputs.getFileName() + ".out").toFile())
                .redirectError(outputs.resolveSibling(outputs.getFileName() + ".err").toFile());
        builder.environment().remove(DataFolderLocation.ENVIRONMENT_VARIABLE);
        builder.environment().put("CLINICLEDGER_PASSWORD", password);
        return builder.start();
    }

    private static String output(Path folder, String name, Process process) throws IOException {
        String out = Files.readString(folder.resolve(name + ".out"), StandardCharsets.UTF_8);
        String err = Files.readString(folder.resolve(name + ".err"), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("exit code of the %s command; stdout: %s; stderr: %s", name, out, err)
                .isZero();
        return out;
    }

    private static <T> Callable<T> startTogether(CyclicBarrier start, long delayNanos, Callable<T> work) {
        return () -> {
            start.await(1, TimeUnit.MINUTES);
            if (delayNanos > 0) {
                long until = System.nanoTime() + delayNanos;
                long left;
                while ((left = until - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(left);
                }
            }
            return work.call();
        };
    }

    /** Records where the round's record landed against its revocation, and checks every key copy. */
    private void afterRound(String name, RecordId recordId) throws Exception {
        roundsRun++;
        PatientChainView view = view();
        PlacedRecord record = view.record(recordId.value(), 1);
        assertThat(record).as("the block of the record of %s on %s", name, patientChain).isNotNull();
        long revocation = view.lastEventHeight(AccessEvent.Kind.REVOKE, KIM_CHAIN);
        boolean after = record.height() > revocation;
        if (after) {
            landedAfterRevocation++;
        } else {
            landedBeforeRevocation++;
        }
        boolean kimHoldsACopy = !tables.keyHolders(recordId, "AND principal = ?", KIM_CHAIN).isEmpty();
        if (kimHoldsACopy && !view.grantedReadersBelow(record.height(), record.at()).contains(KIM_CHAIN)) {
            racedRounds++;
            racedRoundNames.add(name);
        }
        keyViolations(name);
    }

    private PatientChainView view() {
        try {
            return PatientChainView.read(tables, patientChain, workspace.accessEvents(patientChain));
        } catch (java.sql.SQLException e) {
            throw new AssertionError("cannot read " + patientChain, e);
        }
    }

    /**
     * Adds to {@link #violations} every {@code record_keys} row of the patient's records held by a
     * principal the chain does not allow. Allowed always: the patient, the version's author and the
     * clinic's escrow key. A doctor may hold a copy only while the chain admits them now (grant or
     * referral; a revocation destroys copies at once), and only if it admitted them just below the
     * version's block on the patient's chain, evaluated over the access blocks below that height,
     * or granted them (or referred the patient to them) above it, since a grant gives copies of
     * every earlier record.
     */
    private void keyViolations(String when) throws Exception {
        PatientChainView view = view();
        Set<String> readersNow = view.grantedReadersNow(Instant.now());
        Map<String, Set<String>> readersBelow = new HashMap<>();
        try (Connection connection = tables.connect(); PreparedStatement query = connection.prepareStatement(
                "SELECT k.record_id, k.version, k.object, k.principal FROM record_keys k JOIN record_versions v "
                        + "ON v.record_id = k.record_id AND v.version = k.version WHERE v.patient = ? "
                        + "ORDER BY k.record_id, k.version, k.object, k.principal")) {
            query.setString(1, patientChain.subject());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String recordId = rows.getString(1);
                    int version = rows.getInt(2);
                    int object = rows.getInt(3);
                    String principal = rows.getString(4);
                    String author = view.author(recordId, version);
                    if (principal.equals(patientChain.value()) || principal.equals(RecordCustody.ESCROW)
                            || principal.equals("doctor/" + author)) {
                        continue;
                    }
                    String copy = "record " + recordId + " version " + version + " object " + object + ": a key copy for "
                            + principal;
                    PlacedRecord placed = view.record(recordId, version);
                    if (placed == null) {
                        violations.add(copy + ", but the patient's chain has no block for the version (" + when + ")");
                        continue;
                    }
                    boolean admittedThen = readersBelow.computeIfAbsent(recordId + "#" + version,
                            key -> view.grantedReadersBelow(placed.height(), placed.at())).contains(principal);
                    if (!admittedThen && !view.grantedAbove(placed.height(), principal)) {
                        violations.add(copy + ", whom the patient's chain did not admit below the record's block at "
                                + "height " + placed.height() + " (last revoked at height "
                                + view.lastEventHeight(AccessEvent.Kind.REVOKE, principal) + ") and has not granted "
                                + "since (" + when + ")");
                    } else if (!readersNow.contains(principal)) {
                        violations.add(copy + ", whose access has ended: revoked at height "
                                + view.lastEventHeight(AccessEvent.Kind.REVOKE, principal) + " (" + when + ")");
                    }
                }
            }
        }
    }
}
