package org.clinicledger.cli;

import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.RecordId;
import org.clinicledger.domain.Username;

import picocli.CommandLine.Option;

/** {@code --user U --record ID [--version N]}: one version of a record, for someone who may read it. */
final class RecordVersionOptions {

    @Option(names = "--user", paramLabel = "USER", required = true,
            description = "Who asks: the patient (MRN), the record's doctor, or a doctor with access.")
    String user;

    @Option(names = "--record", paramLabel = "ID", required = true, description = "The record.")
    String record;

    @Option(names = "--version", paramLabel = "N", description = "The version (default: the newest).")
    Integer version;

    String username() {
        return Username.normalize(user);
    }

    RecordId recordId() {
        return RecordId.parse(record);
    }

    /** The version asked for, or null for the newest. */
    Integer version() {
        if (version != null && version < 1) {
            throw new InvalidInputException("--version is a version number: 1 or more.");
        }
        return version;
    }
}
