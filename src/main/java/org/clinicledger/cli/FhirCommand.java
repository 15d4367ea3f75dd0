package org.clinicledger.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.clinicledger.clinic.ChosenFile;
import org.clinicledger.domain.FhirExport;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.Username;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A patient's records as an HL7 FHIR R4 Bundle. */
@Command(name = "fhir", mixinStandardHelpOptions = true,
        description = {"Write a patient's records as an HL7 FHIR R4 Bundle (type collection, JSON; docs/formats/fhir.md):",
            "the patient, the doctors, a Condition per current record version (ICD-10-CM coding, diagnosis, notes), a",
            "DocumentReference per attachment (with its bytes unless --no-attachments), a Consent per grant and",
            "referral, an AuditEvent per emergency access, and a Provenance per version (earlier ones too) carrying",
            "its record hash, block hash, checkpoint and proof file; deleted records are Provenance without content. The patient",
            "exports their own records; a doctor those of a patient they have access to now. The export is logged",
            "on the patient's chain like opening each record. The Bundle holds the records in plain text: keep it",
            "where only the patient can read it. Without --out it is printed.",
            "The password comes from $CLINICLEDGER_PASSWORD, else it is asked for.",
            "Exit codes: 0 written, 1 refused (access denied, no such patient), 2 unusable --out or value,",
            "3 authentication."})
final class FhirCommand implements Callable<Integer> {

    @ParentCommand
    ClinicLedgerCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--user", required = true, paramLabel = "USERNAME", description = "Who exports: the patient or a doctor.")
    String user;

    @Option(names = "--patient", required = true, paramLabel = "MRN", description = "The patient's MRN.")
    String patient;

    @Option(names = "--out", paramLabel = "FILE", description = "The file to write (written whole or not at all, "
            + "readable by you only); without it the Bundle is printed.")
    Path out;

    @Option(names = "--force", description = "Replace FILE if it exists (otherwise an existing file is refused).")
    boolean force;

    @Option(names = "--no-attachments", description = "Describe and hash each attachment but leave its bytes out.")
    boolean noAttachments;

    @Option(names = "--json", description = "Print what was written as JSON: out, bytes, resources, records, "
            + "earlierVersions, attachments, attachmentsIncluded, deletions, consents, emergencies, anchored (needs --out).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        String actor = Username.normalize(user);
        MedicalRecordNumber mrn = MedicalRecordNumber.parse(patient);
        if (out == null && json) {
            throw new InvalidInputException("--json describes the file --out writes; without --out the Bundle itself "
                    + "is printed.");
        }
        if (out != null) {
            OutputFileOptions.requireWritable(out, force);
        }
        PrintWriter printed = spec.commandLine().getOut();
        FhirExport written = SignedInRun.as(parent, actor, (workspace, session) -> {
            if (out == null) {
                Utf8ToWriter stream = new Utf8ToWriter(printed);
                FhirExport export = workspace.fhir().export(session, mrn, !noAttachments, stream);
                stream.flush();
                return export;
            }
            FhirExport[] export = new FhirExport[1];
            ChosenFile.write(out, force, stream -> export[0] = workspace.fhir().export(session, mrn, !noAttachments,
                    stream));
            return export[0];
        });
        if (out == null) {
            printed.println();
        } else if (json) {
            ObjectNode root = new ObjectMapper().createObjectNode();
            root.put("out", out.toString());
            root.put("bytes", written.bytes());
            root.put("resources", written.resources());
            root.put("records", written.records());
            root.put("earlierVersions", written.earlierVersions());
            root.put("attachments", written.attachments());
            root.put("attachmentsIncluded", written.attachmentsIncluded());
            root.put("deletions", written.deletions());
            root.put("consents", written.consents());
            root.put("emergencies", written.emergencies());
            root.put("anchored", written.anchored());
            printed.println(new ObjectMapper().writeValueAsString(root));
        } else {
            printed.printf("Wrote patient %s's records as a FHIR R4 Bundle to %s: %d resources, %d bytes.%n",
                    mrn.formatted(), TerminalText.escape(out.toString()), written.resources(), written.bytes());
            printed.printf("%d records (and %d earlier versions), %d attachments (%d with their bytes), %d deleted, "
                    + "%d consents, %d emergency accesses.%n", written.records(), written.earlierVersions(),
                    written.attachments(),
                    written.attachmentsIncluded(), written.deletions(), written.consents(), written.emergencies());
            if (!written.anchored()) {
                printed.println("This machine is a replica: the Provenance carry hashes but no checkpoint or proof file.");
            }
            printed.println("It holds the records in plain text.");
        }
        printed.flush();
        return ExitCode.OK;
    }

    /** The Bundle's UTF-8 bytes as characters on the command's output, a multi-byte character split between writes kept whole. */
    private static final class Utf8ToWriter extends OutputStream {
        private final PrintWriter writer;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        private final ByteBuffer pending = ByteBuffer.allocate(8192);
        private final CharBuffer chars = CharBuffer.allocate(8192);

        Utf8ToWriter(PrintWriter writer) {
            this.writer = writer;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            int at = offset;
            int end = offset + length;
            while (at < end) {
                int take = Math.min(pending.remaining(), end - at);
                pending.put(bytes, at, take);
                at += take;
                drain();
            }
        }

        private void drain() {
            pending.flip();
            while (true) {
                chars.clear();
                decoder.decode(pending, chars, false);
                chars.flip();
                if (!chars.hasRemaining()) {
                    break;
                }
                writer.append(chars);
            }
            pending.compact();
        }

        @Override
        public void flush() {
            writer.flush();
        }
    }
}
