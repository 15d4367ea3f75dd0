package org.clinicledger.cli;

import java.io.PrintWriter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.domain.AddedRecord;
import org.clinicledger.domain.AttachmentSummary;
import org.clinicledger.domain.RecordDiff;
import org.clinicledger.domain.RecordHistoryEntry;
import org.clinicledger.domain.RecordVersion;
import org.clinicledger.domain.ShownRecord;

/** How the record commands print what they did or found. */
final class RecordOutput {

    private RecordOutput() {
    }

    static void printAdded(PrintWriter out, AddedRecord added, boolean json, String verb) {
        if (json) {
            ObjectNode root = new ObjectMapper().createObjectNode();
            root.put("record", added.recordId().value());
            root.put("version", added.version());
            root.put("recordHash", added.recordHash());
            ArrayNode blocks = root.putArray("blocks");
            added.blockHashes().forEach(blocks::add);
            out.println(root);
        } else {
            out.printf("%s record %s version %d (record hash %s)%n", verb, added.recordId(), added.version(),
                    added.recordHash());
        }
        out.flush();
    }

    static void printShown(PrintWriter out, ShownRecord shown, boolean json) {
        RecordVersion record = shown.latest();
        if (json) {
            ObjectNode root = new ObjectMapper().createObjectNode();
            root.put("record", record.recordId());
            root.put("version", record.version());
            root.put("recordHash", shown.recordHash());
            root.put("patient", record.patient());
            root.put("author", record.author());
            root.put("createdAt", record.createdAt().toString());
            root.put("supersedes", record.supersedes());
            if (record.icd10() == null) {
                root.putNull("icd10");
            } else {
                root.put("icd10", record.icd10().value());
            }
            root.put("diagnosis", record.diagnosis());
            root.put("notes", record.notes());
            ArrayNode attachments = root.putArray("attachments");
            for (AttachmentSummary attachment : record.attachments()) {
                ObjectNode item = attachments.addObject();
                item.put("name", attachment.name());
                item.put("mediaType", attachment.mediaType());
                item.put("size", attachment.size());
                item.put("sha256", attachment.sha256());
            }
            ArrayNode history = root.putArray("history");
            for (RecordHistoryEntry entry : shown.history()) {
                ObjectNode item = history.addObject();
                item.put("version", entry.version());
                item.put("supersedes", entry.supersedes());
                item.put("author", entry.author());
                item.put("createdAt", entry.createdAt().toString());
                item.put("recordHash", entry.recordHash());
            }
            out.println(root);
        } else {
            out.printf("Record %s version %d%n", record.recordId(), record.version());
            out.printf("Patient:     %s%n", record.patient());
            out.printf("Author:      %s%n", record.author());
            out.printf("Written:     %s%n", record.createdAt());
            out.printf("ICD-10:      %s%n", record.icd10() == null ? "-" : record.icd10().value());
            out.printf("Diagnosis:   %s%n", record.diagnosis());
            out.printf("Notes:       %s%n", record.notes().isEmpty() ? "-" : record.notes());
            for (int i = 0; i < record.attachments().size(); i++) {
                AttachmentSummary attachment = record.attachments().get(i);
                out.printf("Attachment %d: %s (%s, %d bytes, sha256 %s)%n", i, attachment.name(),
                        attachment.mediaType(), attachment.size(), attachment.sha256());
            }
            out.printf("Record hash: %s%n", shown.recordHash());
            for (RecordHistoryEntry entry : shown.history()) {
                out.printf("History:     version %d by %s at %s, hash %s%n", entry.version(), entry.author(),
                        entry.createdAt(), entry.recordHash());
            }
        }
        out.flush();
    }

    static void printDiff(PrintWriter out, RecordDiff diff, boolean json) {
        if (json) {
            ObjectNode root = new ObjectMapper().createObjectNode();
            root.put("record", diff.recordId());
            root.put("from", diff.fromVersion());
            root.put("to", diff.toVersion());
            ArrayNode changes = root.putArray("changes");
            for (RecordDiff.Change change : diff.changes()) {
                ObjectNode item = changes.addObject();
                item.put("kind", change.kind().code());
                if (change.name() != null) {
                    item.put("name", change.name());
                }
                item.put("before", change.before());
                item.put("after", change.after());
                item.put("text", change.line());
            }
            out.println(root);
        } else {
            out.printf("Record %s, version %d to version %d%n", diff.recordId(), diff.fromVersion(),
                    diff.toVersion());
            if (diff.isEmpty()) {
                out.println("No changes.");
            }
            diff.lines().forEach(out::println);
        }
        out.flush();
    }
}
