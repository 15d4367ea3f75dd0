package org.clinicledger.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.clinicledger.clinic.RecordService;
import org.clinicledger.clinic.Session;
import org.clinicledger.domain.AddedRecord;
import org.clinicledger.domain.Icd10Code;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.RecordInput;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What {@code record add} and {@code record amend} both take and do: the doctor who writes, the content
 * of a record version, and the version printed once written. The two differ only in what they write to.
 */
final class RecordWriteOptions {

    /** How a command stores a checked record version: as a new record or as a record's next version. */
    @FunctionalInterface
    interface VersionWrite {
        AddedRecord write(RecordService records, Session doctor, RecordInput input);
    }

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--user", paramLabel = "DR", required = true, description = "The doctor who writes the record.")
    String user;

    @Option(names = "--diagnosis", paramLabel = "TEXT",
            description = "The diagnosis, in words." + TextInput.VISIBLE + "--diagnosis-file.")
    String diagnosis;

    @Option(names = "--diagnosis-file", paramLabel = "FILE",
            description = "A UTF-8 file holding the diagnosis ('-': standard input).")
    Path diagnosisFile;

    @Option(names = "--icd10", paramLabel = "CODE", description = "The ICD-10 code, such as J45 or E11.9.")
    String icd10;

    @Option(names = "--note", paramLabel = "TEXT", description = "Notes; may be given more than once (one paragraph "
            + "each)." + TextInput.VISIBLE + "--note-file.")
    List<String> notes = new ArrayList<>();

    @Option(names = "--note-file", paramLabel = "FILE", description = "A UTF-8 file holding notes ('-': standard "
            + "input); may be given more than once (one paragraph each).")
    List<Path> noteFiles = new ArrayList<>();

    @Option(names = "--attach", paramLabel = "FILE", description = "A file to attach; may be given more than once.")
    List<Path> attachments = new ArrayList<>();

    @Option(names = "--json", description = "Print {\"record\", \"version\", \"recordHash\", \"blocks\"} as JSON.")
    boolean json;

    RecordInput input(CommandEnvironment environment) {
        return input(environment, Set.of());
    }

    /** The version's content; {@code dropped} are the earlier version's attachments an amendment leaves out. */
    RecordInput input(CommandEnvironment environment, Set<Integer> dropped) {
        TextInput text = new TextInput(environment);
        String diagnosisText = text.oneOf(diagnosis, "--diagnosis", diagnosisFile, "--diagnosis-file");
        if (diagnosisText == null) {
            throw new InvalidInputException("Give the diagnosis with --diagnosis-file (or --diagnosis).");
        }
        List<String> paragraphs = text.allOf(notes, "--note", noteFiles, "--note-file");
        return new RecordInput(diagnosisText, icd10 == null ? null : Icd10Code.parse(icd10),
                String.join(System.lineSeparator() + System.lineSeparator(), paragraphs), attachments, dropped);
    }

    /**
     * Checks the content before any password is asked for, writes it signed in as the doctor, and prints
     * "{@code verb} record …" or the JSON.
     */
    int writeAs(RecordCommand records, String verb, VersionWrite write) {
        return writeAs(records, verb, Set.of(), write);
    }

    /** As {@link #writeAs(RecordCommand, String, VersionWrite)}, for an amendment that drops earlier attachments. */
    int writeAs(RecordCommand records, String verb, Set<Integer> dropped, VersionWrite write) {
        RecordInput input = input(records.parent.environment, dropped);
        input.check();
        AddedRecord added = records.asUser(user, (workspace, session) -> write.write(workspace.records(), session,
                input));
        RecordOutput.printAdded(command.commandLine().getOut(), added, json, verb);
        return ExitCode.OK;
    }
}
