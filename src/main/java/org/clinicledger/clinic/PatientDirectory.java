package org.clinicledger.clinic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PatientSummary;
import org.clinicledger.domain.DirectoryMatch;
import org.clinicledger.domain.DuplicatePair;
import org.clinicledger.domain.PatientDetails;
import org.clinicledger.store.PatientStore.PatientRow;

/**
 * The patients' demographics one session has decrypted, kept in memory for that session only
 * (the session drops it when it closes). Each use compares it with the table's sealed bytes and
 * opens only what is new or changed, so that searching as someone types does not decrypt the whole
 * directory at every key press, and a row changed since is never answered from the old copy.
 */
final class PatientDirectory {

    /**
     * One decrypted patient, with the name's {@linkplain Demographics#searchKey search key} and the
     * date of birth as typed ({@code YYYY-MM-DD}): both made once per change of the directory, as a
     * search that spelt every date again at each key press took ten times as long.
     */
    record Entry(MedicalRecordNumber mrn, PatientDetails details, String nameKey, String born) {

        Entry(MedicalRecordNumber mrn, PatientDetails details) {
            this(mrn, details, Demographics.searchKey(details.name()), details.dateOfBirth().toString());
        }
    }

    private record Cached(byte[] sealed, Entry entry) {
    }

    /** Past this many patients born on one day, only names that are the same are compared (a test clinic's dates). */
    private static final int LARGEST_FUZZY_GROUP = 200;

    private final Map<String, Cached> byMrn = new HashMap<>();
    /** The duplicate's MRN digits to the survivor's, for every merge the ledger holds. */
    private Map<String, String> mergedInto = Map.of();
    /** The MRNs (digits) in a {@linkplain #pairs suspected pair}; null when stale. */
    private Set<String> duplicates;
    /** The suspected duplicate pairs ({@link DuplicateRule}) among patients not merged; null when stale. */
    private List<DuplicatePair> pairs;
    /** Each MRN's (digits) place in {@link #sorted}; null when stale. */
    private Map<String, Integer> places;
    /** Every entry in the order search shows them; null until the first refresh. */
    private List<Entry> sorted;
    /** What a search answers for each of {@link #sorted}, in the same order; made once per change. */
    private List<DirectoryMatch> matches;
    /** What {@code PatientStore#directoryStamp} said when {@link #sorted} was made; null before. */
    private String stamp;

    private static final Comparator<Entry> BY_NAME = Comparator.comparing(Entry::nameKey)
            .thenComparing(entry -> entry.details().name())
            .thenComparing(entry -> entry.mrn().digits());

    /**
     * Brings the copy in line with {@code rows} and returns every entry, sorted by name key, name
     * and MRN; {@code open} decrypts a row (MRN digits, sealed bytes) that is not held yet in the
     * same sealed form. When nothing changed, the list sorted last time is returned as it is, so a
     * search as someone types compares bytes and neither decrypts, allocates nor sorts.
     */
    synchronized List<Entry> refresh(String newStamp, List<PatientRow> rows, Map<String, String> merges,
            BiFunction<String, byte[], PatientDetails> open) {
        stamp = newStamp;
        if (!merges.equals(mergedInto)) {
            mergedInto = Map.copyOf(merges);
            duplicates = null;
            pairs = null;
            matches = null;
        }
        if (sorted != null && unchanged(rows)) {
            return sorted;
        }
        Map<String, Cached> current = new HashMap<>(rows.size() * 2);
        for (PatientRow row : rows) {
            Cached cached = byMrn.get(row.mrn());
            if (cached == null || !Arrays.equals(cached.sealed, row.sealedDemographics())) {
                PatientDetails details = open.apply(row.mrn(), row.sealedDemographics());
                cached = new Cached(row.sealedDemographics(), new Entry(new MedicalRecordNumber(row.mrn()), details));
            }
            current.put(row.mrn(), cached);
        }
        byMrn.clear();
        byMrn.putAll(current);
        duplicates = null;
        pairs = null;
        places = null;
        matches = null;
        List<Entry> entries = new ArrayList<>(byMrn.size());
        byMrn.values().forEach(cached -> entries.add(cached.entry));
        entries.sort(BY_NAME);
        sorted = List.copyOf(entries);
        return sorted;
    }

    /**
     * The entries as last {@linkplain #refresh refreshed}, when the directory's stamp is still
     * {@code current} (no patient registered or corrected since): a search as someone types then
     * reads no rows at all. Empty when the rows must be read again.
     */
    synchronized Optional<List<Entry>> ifUnchanged(String current) {
        return sorted != null && current.equals(stamp) ? Optional.of(sorted) : Optional.empty();
    }

    private boolean unchanged(List<PatientRow> rows) {
        if (rows.size() != byMrn.size()) {
            return false;
        }
        for (PatientRow row : rows) {
            Cached cached = byMrn.get(row.mrn());
            if (cached == null || !Arrays.equals(cached.sealed, row.sealedDemographics())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The pairs of patients not merged into another that {@link DuplicateRule} says look like one
     * person, as of the last {@link #refresh}: computed once per change of the directory, comparing
     * only patients born on the same day. Sorted by the first one's name.
     */
    synchronized List<DuplicatePair> pairs() {
        if (pairs == null) {
            Map<java.time.LocalDate, List<Entry>> byBirth = new HashMap<>();
            for (Entry entry : sorted == null ? List.<Entry>of() : sorted) {
                if (!mergedInto.containsKey(entry.mrn().digits())) {
                    byBirth.computeIfAbsent(entry.details().dateOfBirth(), day -> new ArrayList<>(2)).add(entry);
                }
            }
            List<DuplicatePair> found = new ArrayList<>();
            for (List<Entry> born : byBirth.values()) {
                for (int i = 0; i < born.size(); i++) {
                    for (int j = i + 1; j < born.size(); j++) {
                        Entry first = born.get(i);
                        Entry second = born.get(j);
                        Optional<String> likeness = born.size() > LARGEST_FUZZY_GROUP
                                ? Optional.of(DuplicateRule.SAME).filter(same -> first.nameKey().equals(second.nameKey()))
                                : DuplicateRule.likeness(first.nameKey(), second.nameKey());
                        likeness.ifPresent(words -> found.add(new DuplicatePair(summary(first), summary(second), words)));
                    }
                }
            }
            found.sort(Comparator.comparing((DuplicatePair pair) -> Demographics.searchKey(pair.first().name()))
                    .thenComparing(pair -> pair.first().mrn().digits())
                    .thenComparing(pair -> pair.second().mrn().digits()));
            pairs = List.copyOf(found);
        }
        return pairs;
    }

    /** The patients of the last {@link #refresh} who {@link DuplicateRule} says look like {@code nameKey} born on {@code born}, not merged. */
    synchronized List<PatientSummary> like(String nameKey, java.time.LocalDate born) {
        List<PatientSummary> found = new ArrayList<>();
        for (Entry entry : sorted == null ? List.<Entry>of() : sorted) {
            if (entry.details().dateOfBirth().equals(born) && !mergedInto.containsKey(entry.mrn().digits())
                    && DuplicateRule.likeness(nameKey, entry.nameKey()).isPresent()) {
                found.add(summary(entry));
            }
        }
        return List.copyOf(found);
    }

    /** The list the last {@link #refresh} returned, or null before the first. */
    synchronized List<Entry> sortedEntries() {
        return sorted;
    }

    /** The patient with these MRN digits as of the last {@link #refresh}. */
    synchronized Optional<PatientSummary> summaryOf(String digits) {
        Cached cached = byMrn.get(digits);
        return cached == null ? Optional.empty() : Optional.of(summary(cached.entry));
    }

    /** The survivor's MRN digits of a merged patient, or null. */
    synchronized String mergedInto(String digits) {
        return mergedInto.get(digits);
    }

    /** The place of an MRN (digits) in the list the last {@link #refresh} returned, or -1. */
    synchronized int placeOf(String digits) {
        if (places == null) {
            Map<String, Integer> made = new HashMap<>(sorted.size() * 2);
            for (int i = 0; i < sorted.size(); i++) {
                made.put(sorted.get(i).mrn().digits(), i);
            }
            places = made;
        }
        return places.getOrDefault(digits, -1);
    }

    private Set<String> possibleDuplicates() {
        if (duplicates == null) {
            Set<String> shared = new HashSet<>();
            pairs().forEach(pair -> {
                shared.add(pair.first().mrn().digits());
                shared.add(pair.second().mrn().digits());
            });
            duplicates = Set.copyOf(shared);
        }
        return duplicates;
    }

    private static PatientSummary summary(Entry entry) {
        return new PatientSummary(entry.mrn(), entry.details().name(), entry.details().dateOfBirth(),
                entry.details().sex());
    }

    /**
     * What a search answers for each of {@code entries}, in their order: the summary and the
     * duplicate flag. For the list the last {@link #refresh} returned they are made once per change,
     * so that a search as someone types allocates nothing per match; for any other list (a refresh
     * came in between) they are made for that list.
     */
    synchronized List<DirectoryMatch> matchesOf(List<Entry> entries) {
        if (entries == sorted && matches != null) {
            return matches;
        }
        Set<String> shared = possibleDuplicates();
        List<DirectoryMatch> made = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            String survivor = mergedInto.get(entry.mrn().digits());
            made.add(new DirectoryMatch(summary(entry), shared.contains(entry.mrn().digits()),
                    survivor == null ? null : new MedicalRecordNumber(survivor)));
        }
        List<DirectoryMatch> answers = List.copyOf(made);
        if (entries == sorted) {
            matches = answers;
        }
        return answers;
    }

    /** Forgets every decrypted entry. */
    synchronized void clear() {
        stamp = null;
        matches = null;
        duplicates = null;
        pairs = null;
        places = null;
        mergedInto = Map.of();
        sorted = null;
        byMrn.clear();
    }
}
