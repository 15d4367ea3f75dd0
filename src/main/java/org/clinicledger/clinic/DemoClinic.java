package org.clinicledger.clinic;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

import org.clinicledger.domain.Account;
import org.clinicledger.domain.AccountDetails;
import org.clinicledger.domain.ClinicSetUp;
import org.clinicledger.domain.EscrowConfirmation;
import org.clinicledger.domain.AddedRecord;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PatientDetails;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.RecordId;
import org.clinicledger.domain.RecordInput;
import org.clinicledger.domain.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills an empty data folder with a fictional clinic, through the same services a clinic uses:
 * an administrator, a receptionist, doctors, and patients registered at the desk with a consent to
 * a first doctor, who then writes their records (some with attachments); some records are amended,
 * read, deleted; some patients are referred, grant a second doctor access and revoke it again, and
 * a few records are opened in an emergency. Every block is signed and every record encrypted as in
 * real use, so the result verifies, and can be used to try the window, the commands and the speed.
 *
 * <p>What happens to whom follows from the seed; the MRNs, keys and passwords are random, as they
 * are for real people. Patients are worked on in parallel: each patient's passphrase costs one
 * Argon2id derivation, which is most of the processor time. The folder must be opened
 * with the cost the demo uses for every account ({@link #passwordCost()}).
 */
public final class DemoClinic {

    public static final int MAX_PATIENTS = 100_000;
    public static final int MAX_DOCTORS = 1_000;
    public static final int MAX_RECORDS_PER_PATIENT = 100;

    /** What to make. */
    public record Plan(int patients, int doctors, int recordsPerPatient, long seed) {

        /** @throws InvalidInputException for a count out of range */
        public Plan {
            if (patients < 0 || patients > MAX_PATIENTS) {
                throw new InvalidInputException("The number of patients must be between 0 and " + MAX_PATIENTS + ".");
            }
            if (doctors < 1 || doctors > MAX_DOCTORS) {
                throw new InvalidInputException("The number of doctors must be between 1 and " + MAX_DOCTORS + ".");
            }
            if (recordsPerPatient < 0 || recordsPerPatient > MAX_RECORDS_PER_PATIENT) {
                throw new InvalidInputException("The number of records per patient must be between 0 and "
                        + MAX_RECORDS_PER_PATIENT + ".");
            }
        }
    }

    /**
     * An account the demo made, with the password it chose: for trying the clinic out, never for
     * real use. The id is the account's chain, or for a patient their MRN as printed (with dashes).
     */
    public record DemoAccount(String username, Role role, String password, String id) {
    }

    /** What the demo did, counted. */
    public enum Activity {
        RECORDS_ADDED("records added"),
        ATTACHMENTS("attachments"),
        AMENDMENTS("amendments"),
        DELETIONS("deletions"),
        RECORDS_READ("records read"),
        REFERRALS("referrals"),
        GRANTS("grants"),
        REVOCATIONS("revocations"),
        EMERGENCY_ACCESSES("emergency accesses");

        private final String description;

        Activity(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /**
     * The clinic made: its name, every account in the order made, how often each activity happened,
     * and its recovery sheet's words (a fictional clinic's, printed like its passwords so that its one
     * administrator can try emergency access and key recovery).
     */
    public record Result(String clinic, List<DemoAccount> accounts, Map<Activity, Long> activity, Duration elapsed,
            String recoverySheet) {
        public Result {
            accounts = List.copyOf(accounts);
            activity = Map.copyOf(activity);
        }
    }

    /**
     * The first patients each show one story, so that even a small demo has every kind of event;
     * after them, chance decides (a few in a hundred for each).
     */
    private static final int SHOWCASE_ATTACHMENT = 0;
    private static final int SHOWCASE_REFERRAL = 1;
    private static final int SHOWCASE_GRANT = 2;
    private static final int SHOWCASE_DELETION = 3;
    private static final int SHOWCASE_EMERGENCY = 4;

    private static final Logger LOG = LoggerFactory.getLogger(DemoClinic.class);
    private static final char[] PASSWORD_LETTERS = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

    private final Workspace workspace;
    private final Plan plan;
    private final Clock clock;
    private final SecureRandom secureRandom = new SecureRandom();
    private final AtomicLongArray counts = new AtomicLongArray(Activity.values().length);
    private final List<Session> doctors = new ArrayList<>();
    private final List<String> specialties = new ArrayList<>();
    private Session administrator;
    /** The recovery sheet's words, which confirm the demo's emergencies: its one administrator has no second. */
    private String recoverySheet;
    private Session receptionist;
    private LocalDate today;

    private DemoClinic(Workspace workspace, Plan plan, Clock clock) {
        this.workspace = workspace;
        this.plan = plan;
        this.clock = clock;
    }

    /** The Argon2id cost of every demo account: the lowest the design allows, so that thousands are made in minutes. */
    public static KeyDerivationTuning passwordCost() {
        return KeyDerivationTuning.minimum();
    }

    /**
     * Makes the clinic in {@code workspace}, which must not be set up yet.
     *
     * @throws org.clinicledger.domain.RefusedException when the data folder has a clinic already
     */
    public static Result fill(Workspace workspace, Plan plan, Clock clock, Progress progress) {
        workspace.accounts().requireNotSetUp();
        long started = System.nanoTime();
        DemoClinic demo = new DemoClinic(workspace, plan, clock);
        try {
            Result result = demo.run(progress, started);
            LOG.info("Demo clinic made: {} patients, {} doctors, {} records per patient, in {} s", plan.patients(),
                    plan.doctors(), plan.recordsPerPatient(), result.elapsed().toSeconds());
            return result;
        } finally {
            demo.closeSessions();
        }
    }

    private Result run(Progress progress, long started) {
        Random random = new Random(plan.seed());
        today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<DemoAccount> staff = new ArrayList<>();
        String clinic = DemoContent.clinicName(random);
        AccountService accounts = workspace.accounts();

        char[] password = newPassword();
        ClinicSetUp setUp = accounts.setUp(clinic, "admin", password);
        Account admin = setUp.administrator();
        // The demo's one administrator confirms its emergencies with the recovery sheet, held in memory only.
        recoverySheet = setUp.recoverySheet().words();
        staff.add(new DemoAccount(admin.username(), Role.ADMINISTRATOR, new String(password), admin.chain().value()));
        administrator = accounts.login("admin", password);
        receptionist = addStaff(Role.RECEPTIONIST, "reception", new AccountDetails("Front desk", null, null), staff);

        Set<String> taken = new HashSet<>();
        for (int index = 0; index < plan.doctors(); index++) {
            progress.update(index, plan.doctors(), "Adding doctors");
            String family = DemoContent.familyName(random);
            String username = "dr." + DemoContent.usernamePart(family);
            for (int suffix = 2; !taken.add(username); suffix++) {
                username = "dr." + DemoContent.usernamePart(family) + suffix;
            }
            String specialty = index == 0 ? DemoContent.specialty(0) : DemoContent.specialty(random.nextInt(10));
            doctors.add(addStaff(Role.DOCTOR, username, new AccountDetails(DemoContent.doctorName(random, family),
                    specialty, DemoContent.licence(random)), staff));
            specialties.add(specialty);
        }

        List<DemoAccount> patients = registerPatients(progress);
        List<DemoAccount> all = new ArrayList<>(staff);
        all.addAll(patients);
        Map<Activity, Long> activity = new EnumMap<>(Activity.class);
        for (Activity kind : Activity.values()) {
            activity.put(kind, counts.get(kind.ordinal()));
        }
        return new Result(clinic, all, activity, Duration.ofNanos(System.nanoTime() - started), recoverySheet);
    }

    private Session addStaff(Role role, String username, AccountDetails details, List<DemoAccount> made) {
        char[] password = newPassword();
        Account account = workspace.accounts().addAccount(administrator, role, username, password, details);
        made.add(new DemoAccount(account.username(), role, new String(password), account.chain().value()));
        return workspace.accounts().login(account.username(), password);
    }

    /**
     * Every patient, each with their whole story, on twice as many threads as there are
     * processors: while one thread waits for the disk (each record is made durable before the next
     * step), another derives a passphrase's key or wraps a record's keys.
     */
    private List<DemoAccount> registerPatients(Progress progress) {
        int threads = Math.max(2, Math.min(2 * Runtime.getRuntime().availableProcessors(), 16));
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "demo-patient");
            thread.setDaemon(true);
            return thread;
        });
        AtomicInteger done = new AtomicInteger();
        try {
            List<Future<DemoAccount>> futures = new ArrayList<>(plan.patients());
            for (int index = 0; index < plan.patients(); index++) {
                int patient = index;
                futures.add(pool.submit(() -> {
                    DemoAccount account = patient(patient);
                    progress.update(done.incrementAndGet(), plan.patients(), "Registering patients and their records");
                    return account;
                }));
            }
            List<DemoAccount> accounts = new ArrayList<>(plan.patients());
            for (Future<DemoAccount> future : futures) {
                accounts.add(future.get());
            }
            return accounts;
        } catch (ExecutionException e) {
            pool.shutdownNow();
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("The demo stopped: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("The demo was interrupted", e);
        } finally {
            pool.shutdown();
        }
    }

    /** One patient: registration at the desk, then what their doctors, they and the clinic do. */
    private DemoAccount patient(int index) {
        Random random = new Random(plan.seed() * 1_000_003L + index);
        PatientDetails details = DemoContent.patient(random, today);
        int firstDoctor = random.nextInt(doctors.size());
        Session doctor = doctors.get(firstDoctor);
        char[] passphrase = newPassword();
        MedicalRecordNumber mrn = workspace.registrations()
                .registerPatient(receptionist, details, passphrase, doctor.username()).mrn();
        RecordService records = workspace.records();

        List<RecordId> live = new ArrayList<>();
        for (int count = 0; count < plan.recordsPerPatient(); count++) {
            RecordInput input = DemoContent.record(random);
            boolean attach = random.nextInt(10) == 0 || index == SHOWCASE_ATTACHMENT && count == 0;
            List<Attachment> attachments = attach ? List.of(DemoContent.attachment(random, today)) : List.of();
            AddedRecord added = records.addRecord(doctor, mrn, input, attachments);
            count(Activity.RECORDS_ADDED);
            counts.addAndGet(Activity.ATTACHMENTS.ordinal(), attachments.size());
            live.add(added.recordId());
            if (random.nextInt(100) < 12 || index == SHOWCASE_ATTACHMENT && count == 0) {
                records.amendRecord(doctor, added.recordId(), DemoContent.amendment(random, input));
                count(Activity.AMENDMENTS);
            }
        }
        if (!live.isEmpty() && random.nextInt(5) == 0) {
            records.showRecord(doctor, DemoContent.pick(random, live));
            count(Activity.RECORDS_READ);
        }
        Set<Integer> withAccess = new HashSet<>(Set.of(firstDoctor));
        int other = random.nextInt(100) < 10 || index == SHOWCASE_REFERRAL ? otherDoctor(random, withAccess) : -1;
        if (other >= 0) {
            withAccess.add(other);
            workspace.access().refer(doctor, mrn, doctors.get(other).username(),
                    DemoContent.referralReason(specialties.get(other)));
            count(Activity.REFERRALS);
            if (!live.isEmpty()) {
                records.showRecord(doctors.get(other), DemoContent.pick(random, live));
                count(Activity.RECORDS_READ);
            }
            live.add(records.addRecord(doctors.get(other), mrn, DemoContent.record(random), List.of()).recordId());
            count(Activity.RECORDS_ADDED);
        }
        int granted = random.nextInt(100) < 8 || index == SHOWCASE_GRANT ? otherDoctor(random, withAccess) : -1;
        if (granted >= 0) {
            patientManagesAccess(random, mrn, passphrase, granted, live, index == SHOWCASE_GRANT);
        }
        if (!live.isEmpty() && (random.nextInt(100) < 4 || index == SHOWCASE_DELETION)) {
            RecordId deleted = live.remove(random.nextInt(live.size()));
            records.deleteRecord(doctor, deleted, DemoContent.deletionReason(random));
            count(Activity.DELETIONS);
        }
        if (random.nextInt(1000) < 5 || index == SHOWCASE_EMERGENCY) {
            workspace.access().emergency(administrator, mrn, DemoContent.emergencyReason(),
                    new EscrowConfirmation.RecoverySheetWords(recoverySheet));
            count(Activity.EMERGENCY_ACCESSES);
            if (!live.isEmpty()) {
                records.showRecord(administrator, DemoContent.pick(random, live));
                count(Activity.RECORDS_READ);
            }
        }
        return new DemoAccount(mrn.digits(), Role.PATIENT, new String(passphrase), mrn.formatted());
    }

    /** The patient logs in, grants another doctor access (half of them for a limited time), reads a record, and may revoke. */
    private void patientManagesAccess(Random random, MedicalRecordNumber mrn, char[] passphrase, int doctor,
            List<RecordId> live, boolean revoke) {
        try (Session patient = workspace.accounts().login(mrn.digits(), passphrase)) {
            String username = doctors.get(doctor).username();
            workspace.access().grant(patient, username,
                    random.nextBoolean() ? null : clock.instant().plus(Duration.ofDays(30 + random.nextInt(335))));
            count(Activity.GRANTS);
            if (!live.isEmpty()) {
                workspace.records().showRecord(patient, DemoContent.pick(random, live));
                count(Activity.RECORDS_READ);
            }
            if (random.nextInt(3) == 0 || revoke) {
                workspace.access().revoke(patient, username);
                count(Activity.REVOCATIONS);
            }
        }
    }

    /** A doctor other than those in {@code besides}, or -1 when there is none. */
    private int otherDoctor(Random random, Set<Integer> besides) {
        if (besides.size() >= doctors.size()) {
            return -1;
        }
        int other;
        do {
            other = random.nextInt(doctors.size());
        } while (besides.contains(other));
        return other;
    }

    private void count(Activity activity) {
        counts.incrementAndGet(activity.ordinal());
    }

    /** Four groups of four letters and digits, without the ones easily misread (l, o, 0, 1): 19 characters. */
    private char[] newPassword() {
        char[] password = new char[19];
        for (int i = 0; i < password.length; i++) {
            password[i] = i % 5 == 4 ? '-' : PASSWORD_LETTERS[secureRandom.nextInt(PASSWORD_LETTERS.length)];
        }
        return password;
    }

    private void closeSessions() {
        doctors.forEach(Session::close);
        if (receptionist != null) {
            receptionist.close();
        }
        if (administrator != null) {
            administrator.close();
        }
    }
}
