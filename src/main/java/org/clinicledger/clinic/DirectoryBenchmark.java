package org.clinicledger.clinic;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PatientDetails;
import org.clinicledger.domain.Sex;
import org.clinicledger.store.PatientStore.PatientRow;

/**
 * The desk's directory search at the size of a large clinic: {@code patients} demographics sealed
 * with a fresh directory key exactly as registration seals them, the first load of the session's
 * copy (every entry decrypted), then a few hundred varied queries (parts of names, MRN fragments,
 * whole dates and year-months) each as a search runs after that load: the copy found unchanged by
 * its stamp, the match in name order and the duplicate flags. The rows are held in memory, not read
 * from SQLite, so registering a hundred thousand patients (an Argon2id derivation each) is not
 * needed to measure it; the one query a search makes, {@code PatientStore#directoryStamp} (two
 * counts), is the part this leaves out.
 */
final class DirectoryBenchmark {

    static final int DEFAULT_PATIENTS = 100_000;
    private static final int QUERIES = 300;
    private static final String[] FIRST = {"Ada", "Grace", "Emile", "Łukasz", "Amara", "Ngozi", "Maria", "José",
        "Chen", "Wei", "Fatima", "Olu", "Ingrid", "Søren", "Zoë", "Hiroshi", "Priya", "Aleksandr", "Noor", "Liam"};
    private static final String[] LAST = {"Byron", "Hopper", "Zola", "Żółć", "Okafor", "Adeyemi", "García", "Müller",
        "Li", "Wang", "Haddad", "Bello", "Berg", "Kierkegaard", "Dubois", "Tanaka", "Patel", "Ivanov", "Rahman",
        "Murphy", "Nowak", "Rossi", "Silva", "Kowalski", "Novak", "Smith", "Jones", "Khan", "Nguyen", "Kim"};

    private final int patients;

    DirectoryBenchmark(int patients) {
        if (patients < 1_000) {
            throw new InvalidInputException("Benchmark a directory of at least 1000 patients.");
        }
        this.patients = patients;
    }

    void run(List<LedgerBenchmark.Figure> figures) {
        Random random = new Random(13);
        byte[] directoryKey = new byte[32];
        new SecureRandom().nextBytes(directoryKey);
        SecureRandom nonces = new SecureRandom();
        List<PatientRow> rows = new ArrayList<>(patients);
        List<PatientDetails> people = new ArrayList<>(patients);
        Set<String> taken = new HashSet<>();
        while (rows.size() < patients) {
            MedicalRecordNumber mrn = MedicalRecordNumber.generate(random);
            if (!taken.add(mrn.digits())) {
                continue;
            }
            PatientDetails details = new PatientDetails(FIRST[random.nextInt(FIRST.length)] + " "
                    + LAST[random.nextInt(LAST.length)] + "-" + LAST[random.nextInt(LAST.length)],
                    LocalDate.of(1930, 1, 1).plusDays(random.nextInt(90 * 365)),
                    random.nextBoolean() ? Sex.FEMALE : Sex.MALE, null);
            people.add(details);
            rows.add(new PatientRow(mrn.digits(), Demographics.seal(directoryKey, mrn, details, nonces)));
        }
        PatientDirectory directory = new PatientDirectory();
        long start = System.nanoTime();
        String stamp = patients + ":0";
        directory.refresh(stamp, rows, java.util.Map.of(), (mrn, sealed) -> Demographics.open(directoryKey, mrn, sealed));
        RegistrationService.search(directory.ifUnchanged(stamp).orElseThrow(), directory, "");
        double firstLoad = (System.nanoTime() - start) / 1e6;

        List<String> queries = new ArrayList<>(QUERIES);
        for (int i = 0; i < QUERIES; i++) {
            int pick = random.nextInt(patients);
            PatientDetails person = people.get(pick);
            String digits = rows.get(pick).mrn();
            queries.add(switch (i % 5) {
                case 0 -> person.name().substring(0, 2 + random.nextInt(3));
                case 1 -> person.name().split("[ -]")[1];
                case 2 -> digits.substring(0, 4 + random.nextInt(6));
                case 3 -> person.dateOfBirth().toString();
                default -> person.dateOfBirth().toString().substring(0, 7);
            });
        }
        // One untimed pass first, as the desk's first few key presses warm the JIT: the figures are
        // of a search in a window that has been in use, not of the first one after start-up.
        for (String query : queries) {
            RegistrationService.search(directory.ifUnchanged(stamp).orElseThrow(), directory, query);
        }
        double[] millis = new double[QUERIES];
        for (int i = 0; i < QUERIES; i++) {
            long began = System.nanoTime();
            // As the desk's search runs once the directory is loaded: the stamp has not changed, so no
            // row is read or compared, and the query runs over the entries held.
            RegistrationService.search(directory.ifUnchanged(stamp).orElseThrow(), directory, queries.get(i));
            millis[i] = (System.nanoTime() - began) / 1e6;
        }
        Arrays.fill(directoryKey, (byte) 0);
        Arrays.sort(millis);
        figures.add(new LedgerBenchmark.Figure("directory of " + patients + " patients, first load (decrypt all)",
                firstLoad, "ms"));
        figures.add(new LedgerBenchmark.Figure("directory search (search_p50_ms), " + QUERIES + " queries",
                millis[QUERIES / 2], "ms"));
        figures.add(new LedgerBenchmark.Figure("directory search (search_p99_ms)",
                millis[(int) Math.ceil(QUERIES * 0.99) - 1], "ms"));
    }
}
