package org.clinicledger.clinic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PatientDetails;
import org.clinicledger.store.PatientStore.PatientRow;

/**
 * The patients' demographics one session has decrypted, kept in memory for that session only
 * (the session drops it when it closes). Each use compares it with the table's sealed bytes and
 * opens only what is new or changed, so that searching as someone types does not decrypt the whole
 * directory at every key press, and a row changed since is never answered from the old copy.
 */
final class PatientDirectory {

    /** One decrypted patient, with the name's {@linkplain Demographics#searchKey search key}. */
    record Entry(MedicalRecordNumber mrn, PatientDetails details, String nameKey) {
    }

    private record Cached(byte[] sealed, Entry entry) {
    }

    private final Map<String, Cached> byMrn = new HashMap<>();
    /** The MRNs (digits) that share their name key and date of birth with another entry; null when stale. */
    private Set<String> duplicates;

    /**
     * Brings the copy in line with {@code rows} and returns every entry; {@code open} decrypts a row
     * (MRN digits, sealed bytes) that is not held yet in the same sealed form.
     */
    synchronized List<Entry> refresh(List<PatientRow> rows, BiFunction<String, byte[], PatientDetails> open) {
        Map<String, Cached> current = new HashMap<>(rows.size() * 2);
        boolean changed = rows.size() != byMrn.size();
        for (PatientRow row : rows) {
            Cached cached = byMrn.get(row.mrn());
            if (cached == null || !Arrays.equals(cached.sealed, row.sealedDemographics())) {
                changed = true;
                PatientDetails details = open.apply(row.mrn(), row.sealedDemographics());
                cached = new Cached(row.sealedDemographics(), new Entry(new MedicalRecordNumber(row.mrn()), details,
                        Demographics.searchKey(details.name())));
            }
            current.put(row.mrn(), cached);
        }
        byMrn.clear();
        byMrn.putAll(current);
        if (changed) {
            duplicates = null;
        }
        List<Entry> entries = new ArrayList<>(byMrn.size());
        byMrn.values().forEach(cached -> entries.add(cached.entry));
        return entries;
    }

    /**
     * Whether the entry of {@code mrn} has the same name key and date of birth as another entry, as
     * of the last {@link #refresh}: computed once per change of the directory, not per search.
     */
    synchronized boolean possibleDuplicate(MedicalRecordNumber mrn) {
        if (duplicates == null) {
            Map<String, List<String>> byPerson = new HashMap<>();
            byMrn.values().forEach(cached -> byPerson.computeIfAbsent(cached.entry.nameKey() + "\n"
                    + cached.entry.details().dateOfBirth(), key -> new ArrayList<>(1)).add(cached.entry.mrn().digits()));
            Set<String> shared = new HashSet<>();
            byPerson.values().stream().filter(mrns -> mrns.size() > 1).forEach(shared::addAll);
            duplicates = shared;
        }
        return duplicates.contains(mrn.digits());
    }

    /** Forgets every decrypted entry. */
    synchronized void clear() {
        duplicates = null;
        byMrn.clear();
    }
}
