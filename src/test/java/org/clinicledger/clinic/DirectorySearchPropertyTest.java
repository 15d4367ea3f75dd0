package org.clinicledger.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.clinicledger.crypto.Aead;
import org.clinicledger.domain.DirectoryMatch;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PatientDetails;
import org.clinicledger.domain.Sex;
import org.clinicledger.store.PatientStore.PatientRow;
import org.junit.jupiter.api.Test;

/**
 * The directory search against a plain scan written from its documented rules alone (every date
 * spelt again, every name folded again, every entry tried, sorted afterwards), on random directories
 * sealed and opened with a real directory key and random queries of every shape the desk types.
 */
class DirectorySearchPropertyTest {

    private static final String[] FIRST = {"Ada", "Émile", "Łukasz", "Zoë", "Søren", "José", "Noor", "Li", "O'Brien"};
    private static final String[] LAST = {"Byron", "Żółć", "García", "Müller", "Berg", "Kim", "Straße", "Ng", "Mary-Jane"};

    @Test
    void searchFindsExactlyWhatAPlainScanFinds() {
        SecureRandom nonces = new SecureRandom();
        for (long seed = 1; seed <= 12; seed++) {
            Random random = new Random(seed);
            byte[] key = Aead.newKey(nonces);
            List<PatientRow> rows = new ArrayList<>();
            List<PatientDetails> people = new ArrayList<>();
            Set<String> taken = new HashSet<>();
            int size = 50 + random.nextInt(400);
            while (rows.size() < size) {
                MedicalRecordNumber mrn = MedicalRecordNumber.generate(random);
                if (!taken.add(mrn.digits())) {
                    continue;
                }
                // Few distinct dates and names, so that queries match many and duplicates occur.
                PatientDetails details = new PatientDetails(FIRST[random.nextInt(FIRST.length)] + " "
                        + LAST[random.nextInt(LAST.length)], LocalDate.of(1950 + random.nextInt(5), 1 + random.nextInt(12),
                        1 + random.nextInt(28)), random.nextBoolean() ? Sex.FEMALE : Sex.MALE, null);
                people.add(details);
                rows.add(new PatientRow(mrn.digits(), Demographics.seal(key, mrn, details, nonces)));
            }
            PatientDirectory directory = new PatientDirectory();
            List<PatientDirectory.Entry> entries = directory.refresh(seed + ":0", rows, java.util.Map.of(),
                    (mrn, sealed) -> Demographics.open(key, mrn, sealed));
            for (int i = 0; i < 200; i++) {
                int pick = random.nextInt(size);
                String query = query(random, people.get(pick), new MedicalRecordNumber(rows.get(pick).mrn()));
                List<String> expected;
                try {
                    RegistrationService.matcher(query);
                    expected = plainScan(people, rows, query);
                } catch (InvalidInputException unusable) {
                    continue;
                }
                List<String> found = RegistrationService.search(entries, directory, query).stream()
                        .map(DirectoryMatch::patient).map(patient -> patient.mrn().digits()).toList();
                assertThat(found).as("seed %d, query '%s'", seed, query).isEqualTo(expected);
            }
        }
    }

    private static String query(Random random, PatientDetails person, MedicalRecordNumber mrn) {
        String born = person.dateOfBirth().toString();
        String name = person.name();
        return switch (random.nextInt(9)) {
            case 0 -> name.substring(0, 1 + random.nextInt(Math.min(4, name.length())));
            case 1 -> name.split("[ -]")[1].toUpperCase();
            case 2 -> mrn.digits().substring(0, 1 + random.nextInt(9));
            case 3 -> mrn.digits().substring(random.nextInt(5), 6 + random.nextInt(3));
            case 4 -> born;
            case 5 -> born.substring(0, 1 + random.nextInt(9));
            case 6 -> mrn.formatted();
            case 7 -> name.split(" ")[1] + " " + name.split(" ")[0].substring(0, 2);
            default -> String.valueOf(random.nextInt(100));
        };
    }

    /** The documented rules, tried on every patient with nothing made ahead, then sorted by name. */
    private static List<String> plainScan(List<PatientDetails> people, List<PatientRow> rows, String query) {
        String text = query.strip();
        record Hit(String nameKey, String name, String mrn) {
        }
        List<Hit> hits = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            PatientDetails person = people.get(i);
            String digits = rows.get(i).mrn();
            String nameKey = Demographics.searchKey(person.name());
            boolean match;
            if (MedicalRecordNumber.looksLikeOne(text)) {
                match = MedicalRecordNumber.parse(text).digits().equals(digits);
            } else if (text.matches("\\d{4}-\\d{2}-\\d{2}")) {
                match = person.dateOfBirth().toString().equals(text);
            } else if (text.matches("\\d[\\d -]*")) {
                match = digits.contains(text.replace("-", "").replace(" ", ""))
                        || person.dateOfBirth().toString().startsWith(text)
                        || nameKey.contains(Demographics.searchKey(text));
            } else {
                match = true;
                for (String word : Demographics.searchKey(text).split(" ")) {
                    match &= nameKey.contains(word);
                }
            }
            if (match) {
                hits.add(new Hit(nameKey, person.name(), digits));
            }
        }
        hits.sort(Comparator.comparing(Hit::nameKey).thenComparing(Hit::name).thenComparing(Hit::mrn));
        return hits.stream().map(Hit::mrn).toList();
    }
}
