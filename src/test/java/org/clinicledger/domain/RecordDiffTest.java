package org.clinicledger.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.clinicledger.domain.RecordDiff.Change;
import org.clinicledger.domain.RecordDiff.Kind;
import org.junit.jupiter.api.Test;

/** What {@link RecordDiff} reports between two versions, and its line diff of the notes. */
class RecordDiffTest {

    private static final String SHA_A = "a".repeat(64);
    private static final String SHA_B = "b".repeat(64);
    private static final String SHA_C = "c".repeat(64);

    @Test
    void identicalContentIsNoChange() {
        RecordVersion one = version(1, "J45.909", "Asthma", "Inhaler twice daily.", List.of(file("a.pdf", SHA_A)));
        RecordVersion two = version(2, "J45.909", "Asthma", "Inhaler twice daily.", List.of(file("a.pdf", SHA_A)));
        RecordDiff diff = RecordDiff.between(one, two);
        assertThat(diff.isEmpty()).isTrue();
        assertThat(diff.lines()).isEmpty();
        assertThat(diff.recordId()).isEqualTo("rec-1");
        assertThat(diff.fromVersion()).isEqualTo(1);
        assertThat(diff.toVersion()).isEqualTo(2);
    }

    @Test
    void theCodeChangesIsAddedOrIsRemoved() {
        assertThat(RecordDiff.between(version(1, "J45.909", "Asthma", "", List.of()),
                version(2, "J45.40", "Asthma", "", List.of())).lines()).containsExactly("ICD-10: J45.909 → J45.40");
        assertThat(RecordDiff.between(version(1, null, "Asthma", "", List.of()),
                version(2, "J45.40", "Asthma", "", List.of())).lines()).containsExactly("ICD-10 added: J45.40");
        RecordDiff removed = RecordDiff.between(version(1, "J45.40", "Asthma", "", List.of()),
                version(2, null, "Asthma", "", List.of()));
        assertThat(removed.lines()).containsExactly("ICD-10 removed: J45.40");
        assertThat(removed.changes()).containsExactly(new Change(Kind.ICD10, null, "J45.40", null));
    }

    @Test
    void theDiagnosisTextChanges() {
        RecordDiff diff = RecordDiff.between(version(1, null, "Asthma", "", List.of()),
                version(2, null, "Asthma, moderate", "", List.of()));
        assertThat(diff.changes()).containsExactly(new Change(Kind.DIAGNOSIS, null, "Asthma", "Asthma, moderate"));
        assertThat(diff.lines()).containsExactly("diagnosis: Asthma → Asthma, moderate");
    }

    @Test
    void notesAreComparedLineByLine() {
        assertThat(notes("Cough.\nInhaler twice daily.\nReview in 4 weeks.",
                "Cough.\nInhaler three times daily.\nReview in 4 weeks."))
                .containsExactly("- Inhaler twice daily.", "+ Inhaler three times daily.");
        assertThat(notes("", "First line\nSecond line")).containsExactly("+ First line", "+ Second line");
        assertThat(notes("Only line", "")).containsExactly("- Only line");
        assertThat(notes("a\nb\nc", "a\nb\nc\n")).as("a final line break is no new line").isEmpty();
        assertThat(notes("a\r\nb", "a\nb")).as("line endings are not content").isEmpty();
        assertThat(notes("a\nb\nc\nd", "a\nc\nd\ne")).containsExactly("- b", "+ e");
        // The classic example: ABCBDAB against BDCABA has a longest common subsequence of 4.
        List<String> lines = notes(String.join("\n", "A", "B", "C", "B", "D", "A", "B"),
                String.join("\n", "B", "D", "C", "A", "B", "A"));
        assertThat(lines.stream().filter(line -> line.startsWith("- "))).hasSize(3);
        assertThat(lines.stream().filter(line -> line.startsWith("+ "))).hasSize(2);
        // Kept: B, D, A, B; the trailing "+ A" follows the kept final B.
        assertThat(lines).containsExactly("- A", "- C", "- B", "+ C", "+ A");
    }

    @Test
    void aHugeNotesChangeFallsBackToRemovedThenAddedAndLongerNotesAreRefused() {
        StringBuilder older = new StringBuilder();
        StringBuilder newer = new StringBuilder();
        for (int i = 0; i < 3_000; i++) {
            older.append("o").append(i).append('\n');
            newer.append("n").append(i).append('\n');
        }
        List<String> lines = notes(older.toString(), newer.toString());
        assertThat(lines).hasSize(6_000);
        assertThat(lines.get(0)).isEqualTo("- o0");
        assertThat(lines.get(3_000)).isEqualTo("+ n0");

        String tooLong = "x".repeat(RecordDiff.MAX_NOTES + 1);
        assertThatThrownBy(() -> RecordDiff.between(version(1, null, "D", "", List.of()),
                version(2, null, "D", tooLong, List.of()))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void attachmentsAreAddedRemovedOrReplacedByNameAndHash() {
        RecordVersion one = version(1, null, "D", "", List.of(file("scan.png", SHA_A), file("old.pdf", SHA_B)));
        RecordVersion two = version(2, null, "D", "", List.of(file("scan.png", SHA_C), file("peak-flow.pdf", SHA_A)));
        RecordDiff diff = RecordDiff.between(one, two);
        assertThat(diff.changes()).containsExactly(
                new Change(Kind.ATTACHMENT_REPLACED, "scan.png", SHA_A, SHA_C),
                new Change(Kind.ATTACHMENT_REMOVED, "old.pdf", SHA_B, null),
                new Change(Kind.ATTACHMENT_ADDED, "peak-flow.pdf", null, SHA_A));
        assertThat(diff.lines()).containsExactly("attachment replaced: scan.png (new content)",
                "attachment removed: old.pdf", "attachment added: peak-flow.pdf");
        assertThat(RecordDiff.between(two, version(3, null, "D", "",
                List.of(file("peak-flow.pdf", SHA_A), file("scan.png", SHA_C)))).isEmpty())
                .as("a new order is no change").isTrue();
    }

    @Test
    void everyKindOfChangeInOneDiffInAFixedOrder() {
        RecordVersion one = version(1, "J45.909", "Asthma", "Inhaler twice daily.", List.of());
        RecordVersion two = version(2, "J45.40", "Asthma, moderate", "Inhaler three times daily.",
                List.of(file("peak-flow.pdf", SHA_A)));
        assertThat(RecordDiff.between(one, two).lines()).containsExactly("ICD-10: J45.909 → J45.40",
                "diagnosis: Asthma → Asthma, moderate", "- Inhaler twice daily.", "+ Inhaler three times daily.",
                "attachment added: peak-flow.pdf");
        assertThatThrownBy(() -> RecordDiff.between(one, new RecordVersion("other", 2, "0000001", "dr.lee",
                Instant.EPOCH, 1, null, "x", "", List.of(), "00"))).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- helpers

    private static List<String> notes(String older, String newer) {
        return RecordDiff.between(version(1, null, "D", older, List.of()), version(2, null, "D", newer, List.of()))
                .lines();
    }

    private static AttachmentSummary file(String name, String sha256) {
        return new AttachmentSummary(name, "application/pdf", 10, sha256);
    }

    private static RecordVersion version(int version, String icd10, String diagnosis, String notes,
            List<AttachmentSummary> attachments) {
        return new RecordVersion("rec-1", version, "0000001", "dr.lee", Instant.parse("2026-11-23T09:00:00Z"),
                version - 1, icd10 == null ? null : Icd10Code.parse(icd10), diagnosis, notes, attachments, "00");
    }
}
