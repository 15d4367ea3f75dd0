package org.clinicledger.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import org.clinicledger.domain.RecordId;

/** A doctor writes a new version of a record, which supersedes the latest one. */
@Command(name = "amend", mixinStandardHelpOptions = true,
        description = {"Amend a record: a new version with the diagnosis, an optional ICD-10 code, notes and attachments,",
            "the latest version's attachments carried over (first, in their order) unless dropped with",
            "--drop-attachment, the files given with --attach after them; encrypted in the vault, its key wrapped for the patient, the author, the doctors with access and",
            "the clinic's escrow key; a record-amended block on the doctor's and the patient's chains.",
            "The doctor's password comes from $CLINICLEDGER_PASSWORD, else it is asked for.",
            "Exit codes: 0 amended, 1 refused (no access, unknown or deleted record),",
            "2 bad input (diagnosis, ICD-10 code, attachment, an attachment to drop that is not there),",
            "3 authentication failed."})
final class RecordAmendCommand implements Callable<Integer> {

    @ParentCommand
    RecordCommand parent;

    @Option(names = "--record", paramLabel = "ID", required = true, description = "The record to amend.")
    String record;

    @Option(names = "--drop-attachment", paramLabel = "N", description = "An attachment of the latest version not "
            + "to carry over, numbered from 0 as 'record show' lists them; may be given more than once.")
    List<Integer> dropped = new ArrayList<>();

    @Mixin
    RecordWriteOptions version;

    @Override
    public Integer call() {
        RecordId id = RecordId.parse(record);
        return version.writeAs(parent, "Amended", Set.copyOf(dropped),
                (records, doctor, input) -> records.amendRecord(doctor, id, input));
    }
}
