package org.clinicledger.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import org.clinicledger.domain.MedicalRecordNumber;

/** A doctor adds a record for a patient. */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Add a record for a patient: the diagnosis, an optional ICD-10 code, notes and attachments,",
            "encrypted in the vault, its key wrapped for the patient, the author, the doctors with access and",
            "the clinic's escrow key; a record-added block on the doctor's and the patient's chains.",
            "The doctor's password comes from $CLINICLEDGER_PASSWORD, else it is asked for.",
            "Exit codes: 0 added, 1 refused (no access, not a doctor, unknown patient),",
            "2 bad input (diagnosis, ICD-10 code, attachment), 3 authentication failed."})
final class RecordAddCommand implements Callable<Integer> {

    @ParentCommand
    RecordCommand parent;

    @Option(names = "--patient", paramLabel = "MRN", required = true, description = "The patient's MRN.")
    String patient;

    @Mixin
    RecordWriteOptions version;

    @Override
    public Integer call() {
        MedicalRecordNumber mrn = MedicalRecordNumber.parse(patient);
        return version.writeAs(parent, "Added", (records, doctor, input) -> records.addRecord(doctor, mrn, input));
    }
}
