package org.clinicledger.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.clinicledger.domain.Icd10Code;
import org.clinicledger.domain.RecordInput;

import picocli.CommandLine.Option;

/** What {@code record add} and {@code record amend} both take: the content of a record version. */
final class RecordWriteOptions {

    @Option(names = "--diagnosis", paramLabel = "TEXT", required = true, description = "The diagnosis, in words.")
    String diagnosis;

    @Option(names = "--icd10", paramLabel = "CODE", description = "The ICD-10 code, such as J45 or E11.9.")
    String icd10;

    @Option(names = "--note", paramLabel = "TEXT", description = "Notes; may be given more than once (one paragraph each).")
    List<String> notes = new ArrayList<>();

    @Option(names = "--attach", paramLabel = "FILE", description = "A file to attach; may be given more than once.")
    List<Path> attachments = new ArrayList<>();

    RecordInput input() {
        return new RecordInput(diagnosis, icd10 == null ? null : Icd10Code.parse(icd10),
                String.join(System.lineSeparator() + System.lineSeparator(), notes), attachments);
    }
}
