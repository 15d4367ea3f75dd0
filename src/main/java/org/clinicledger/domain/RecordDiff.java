package org.clinicledger.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What changed between two versions of a record, in plain words: the ICD-10 code, the diagnosis
 * text, the notes line by line (a longest-common-subsequence diff), and the attachments by name and
 * SHA-256 (the same name with other content is a replacement). Pure: it compares two decrypted
 * versions and does no I/O.
 *
 * @param recordId the record both versions belong to
 * @param fromVersion the version compared from (usually the older)
 * @param toVersion the version compared to (usually the newer)
 * @param changes what changed, in the order: ICD-10 code, diagnosis, notes, attachments
 */
public record RecordDiff(String recordId, int fromVersion, int toVersion, List<Change> changes) {

    /**
     * The largest number of cells of the line table the notes diff builds (lines of the older notes
     * times lines of the newer, after the common beginning and end are set aside). Beyond it the
     * differing middle is shown as removed and then added: still correct, only not minimal.
     */
    static final long MAX_TABLE_CELLS = 4_000_000L;

    /** The longest notes compared, in characters: the longest a record document holds. */
    public static final int MAX_NOTES = RecordInput.MAX_NOTES;

    /** The kinds of change. */
    public enum Kind {
        ICD10("icd10"),
        DIAGNOSIS("diagnosis"),
        NOTE_LINE_REMOVED("note-line-removed"),
        NOTE_LINE_ADDED("note-line-added"),
        ATTACHMENT_ADDED("attachment-added"),
        ATTACHMENT_REMOVED("attachment-removed"),
        ATTACHMENT_REPLACED("attachment-replaced");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        /** The stable name of the kind, as JSON output uses it. */
        public String code() {
            return code;
        }
    }

    /**
     * One change.
     *
     * <ul>
     *   <li>{@code ICD10}: {@code before} and {@code after} are the codes, either null when there was or is none;
     *   <li>{@code DIAGNOSIS}: {@code before} and {@code after} are the texts;
     *   <li>{@code NOTE_LINE_REMOVED}: {@code before} is the line; {@code NOTE_LINE_ADDED}: {@code after} is;
     *   <li>{@code ATTACHMENT_*}: {@code name} is the file name, {@code before} and {@code after} the SHA-256
     *       (hex) of the old and new content, null for the side where there is none.
     * </ul>
     */
    public record Change(Kind kind, String name, String before, String after) {

        public Change {
            Objects.requireNonNull(kind, "kind");
        }

        /** The change as one line of plain words. */
        public String line() {
            return switch (kind) {
                case ICD10 -> before == null ? "ICD-10 added: " + after
                        : after == null ? "ICD-10 removed: " + before
                        : "ICD-10: " + before + " → " + after;
                case DIAGNOSIS -> "diagnosis: " + before + " → " + after;
                case NOTE_LINE_REMOVED -> "- " + before;
                case NOTE_LINE_ADDED -> "+ " + after;
                case ATTACHMENT_ADDED -> "attachment added: " + name;
                case ATTACHMENT_REMOVED -> "attachment removed: " + name;
                case ATTACHMENT_REPLACED -> "attachment replaced: " + name + " (new content)";
            };
        }
    }

    public RecordDiff {
        Objects.requireNonNull(recordId, "recordId");
        changes = List.copyOf(changes);
    }

    /**
     * The changes from {@code older} to {@code newer}, two versions of the same record.
     *
     * @throws IllegalArgumentException when they belong to different records, or notes are longer than
     *     {@link #MAX_NOTES}
     */
    public static RecordDiff between(RecordVersion older, RecordVersion newer) {
        Objects.requireNonNull(older, "older");
        Objects.requireNonNull(newer, "newer");
        if (!older.recordId().equals(newer.recordId())) {
            throw new IllegalArgumentException("Versions of different records cannot be compared");
        }
        List<Change> changes = new ArrayList<>();
        String oldCode = older.icd10() == null ? null : older.icd10().value();
        String newCode = newer.icd10() == null ? null : newer.icd10().value();
        if (!Objects.equals(oldCode, newCode)) {
            changes.add(new Change(Kind.ICD10, null, oldCode, newCode));
        }
        if (!older.diagnosis().equals(newer.diagnosis())) {
            changes.add(new Change(Kind.DIAGNOSIS, null, older.diagnosis(), newer.diagnosis()));
        }
        changes.addAll(noteChanges(older.notes(), newer.notes()));
        changes.addAll(attachmentChanges(older.attachments(), newer.attachments()));
        return new RecordDiff(older.recordId(), older.version(), newer.version(), changes);
    }

    /** Whether the two versions say the same. */
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** The changes as lines to print, one per change. */
    public List<String> lines() {
        return changes.stream().map(Change::line).toList();
    }

    // ---- notes

    /** The notes split into lines; a final line break does not start another line, and no notes are no lines. */
    static List<String> splitLines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>(List.of(text.split("\r\n|\r|\n", -1)));
        if (lines.size() > 1 && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    static List<Change> noteChanges(String older, String newer) {
        if (older.length() > MAX_NOTES || newer.length() > MAX_NOTES) {
            throw new IllegalArgumentException("Notes longer than " + MAX_NOTES + " characters cannot be compared");
        }
        if (older.equals(newer)) {
            return List.of();
        }
        List<String> a = splitLines(older);
        List<String> b = splitLines(newer);
        int start = 0;
        while (start < a.size() && start < b.size() && a.get(start).equals(b.get(start))) {
            start++;
        }
        int endA = a.size();
        int endB = b.size();
        while (endA > start && endB > start && a.get(endA - 1).equals(b.get(endB - 1))) {
            endA--;
            endB--;
        }
        List<String> middleA = a.subList(start, endA);
        List<String> middleB = b.subList(start, endB);
        List<Change> changes = new ArrayList<>();
        if ((long) (middleA.size() + 1) * (middleB.size() + 1) > MAX_TABLE_CELLS) {
            middleA.forEach(line -> changes.add(removed(line)));
            middleB.forEach(line -> changes.add(added(line)));
            return changes;
        }
        int n = middleA.size();
        int m = middleB.size();
        // lcs[i][j]: the length of the longest common subsequence of middleA[i..] and middleB[j..].
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = middleA.get(i).equals(middleB.get(j)) ? lcs[i + 1][j + 1] + 1
                        : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && middleA.get(i).equals(middleB.get(j))) {
                i++;
                j++;
            } else if (j == m || i < n && lcs[i + 1][j] >= lcs[i][j + 1]) {
                changes.add(removed(middleA.get(i++)));
            } else {
                changes.add(added(middleB.get(j++)));
            }
        }
        return changes;
    }

    private static Change removed(String line) {
        return new Change(Kind.NOTE_LINE_REMOVED, null, line, null);
    }

    private static Change added(String line) {
        return new Change(Kind.NOTE_LINE_ADDED, null, null, line);
    }

    // ---- attachments

    static List<Change> attachmentChanges(List<AttachmentSummary> older, List<AttachmentSummary> newer) {
        List<AttachmentSummary> gone = new ArrayList<>(older);
        List<AttachmentSummary> come = new ArrayList<>();
        for (AttachmentSummary attachment : newer) {
            int same = indexOf(gone, attachment.name(), attachment.sha256());
            if (same >= 0) {
                gone.remove(same);
            } else {
                come.add(attachment);
            }
        }
        List<Change> changes = new ArrayList<>();
        List<AttachmentSummary> added = new ArrayList<>();
        for (AttachmentSummary attachment : come) {
            int renamed = indexOf(gone, attachment.name(), null);
            if (renamed >= 0) {
                changes.add(new Change(Kind.ATTACHMENT_REPLACED, attachment.name(), gone.remove(renamed).sha256(),
                        attachment.sha256()));
            } else {
                added.add(attachment);
            }
        }
        for (AttachmentSummary attachment : gone) {
            changes.add(new Change(Kind.ATTACHMENT_REMOVED, attachment.name(), attachment.sha256(), null));
        }
        for (AttachmentSummary attachment : added) {
            changes.add(new Change(Kind.ATTACHMENT_ADDED, attachment.name(), null, attachment.sha256()));
        }
        return Collections.unmodifiableList(changes);
    }

    private static int indexOf(List<AttachmentSummary> attachments, String name, String sha256) {
        for (int i = 0; i < attachments.size(); i++) {
            AttachmentSummary candidate = attachments.get(i);
            if (candidate.name().equals(name) && (sha256 == null || candidate.sha256().equals(sha256))) {
                return i;
            }
        }
        return -1;
    }
}
