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

    private final Map<String, Cached> byMrn = new HashMap<>();
    /** The MRNs (digits) that share their name key and date of birth with another entry; null when stale. */
    private Set<String> duplicates;
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
    synchronized List<Entry> refresh(String newStamp, List<PatientRow> rows,
            BiFunction<String, byte[], PatientDetails> open) {
        stamp = newStamp;
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
     * The MRNs of the entries that have the same name key and date of birth as another entry, as of
     * the last {@link #refresh}: computed once per change of the directory, not per search.
     */
    private Set<String> possibleDuplicates() {
        if (duplicates == null) {
            Map<String, List<String>> byPerson = new HashMap<>();
            byMrn.values().forEach(cached -> byPerson.computeIfAbsent(cached.entry.nameKey() + "\n"
                    + cached.entry.details().dateOfBirth(), key -> new ArrayList<>(1)).add(cached.entry.mrn().digits()));
            Set<String> shared = new HashSet<>();
            byPerson.values().stream().filter(mrns -> mrns.size() > 1).forEach(shared::addAll);
            duplicates = Set.copyOf(shared);
        }
        return duplicates;
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
            made.add(new DirectoryMatch(new PatientSummary(entry.mrn(), entry.details().name(),
                    entry.details().dateOfBirth(), entry.details().sex()), shared.contains(entry.mrn().digits())));
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
        sorted = null;
        byMrn.clear();
    }
}
