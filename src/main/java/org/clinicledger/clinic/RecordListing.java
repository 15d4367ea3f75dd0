package org.clinicledger.clinic;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.clinicledger.domain.AccessPolicy.AccessState;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.RecordId;
import org.clinicledger.domain.RecordSummary;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.Role;
import org.clinicledger.domain.UnitOfWork;
import org.clinicledger.store.Database;
import org.clinicledger.store.RecordStore.VersionRow;
import org.clinicledger.store.RecordStore;

/** A patient's records as a list shows them: from the record rows and the patient's chain, nothing decrypted. */
final class RecordListing {

    private final Database database;
    private final RecordStore records;
    private final PatientAccess access;

    RecordListing(Database database, RecordStore records, PatientAccess access) {
        this.database = database;
        this.records = records;
        this.access = access;
    }

    /**
     * The records of {@code patient} that {@code reader} may see, newest first, read from the
     * record rows alone: nothing is decrypted and no record-viewed block is written. The patient sees
     * all of their own; a doctor with an active grant or referral sees all of the patient's, and
     * otherwise only the records they wrote; an administrator in an emergency sees all. Deleted
     * records are listed too, marked as such.
     *
     * @throws RefusedException when a patient asks about another patient, or there is no such patient
     */
    List<RecordSummary> list(Session reader, MedicalRecordNumber patient) {
        return database.read("list the records", work -> listed(work, reader, patient)).stream()
                .map(Listed::summary).toList();
    }

    /** A listed record and the row of its newest version. */
    record Listed(RecordSummary summary, VersionRow latest) {
    }

    /** The records {@link #list} lists, inside the caller's unit of work, each with its newest version's row. */
    List<Listed> listed(UnitOfWork work, Session reader, MedicalRecordNumber patient) {
        ChainId patientChain = new ChainId(PartyKind.PATIENT, patient.digits());
        if (reader.role() == Role.PATIENT && !reader.chain().equals(patientChain)) {
            throw new RefusedException("A patient sees only their own records.");
        }
        Map<String, List<VersionRow>> byRecord = new LinkedHashMap<>();
        access.requireRegistered(work, patient);
        records.versionsOfPatient(work, patient.digits())
                .forEach(row -> byRecord.computeIfAbsent(row.recordId(), id -> new ArrayList<>()).add(row));
        AccessState state = access.state(work, patient.digits());
        List<Listed> listed = new ArrayList<>();
        byRecord.forEach((recordId, versions) -> {
            VersionRow first = versions.get(0);
            VersionRow latest = versions.get(versions.size() - 1);
            boolean visible = versions.stream()
                    .anyMatch(version -> PatientAccess.readReason(state, reader, version.author()).isPresent());
            if (visible) {
                listed.add(new Listed(new RecordSummary(new RecordId(recordId), latest.version(), latest.patient(),
                        first.author(), latest.author(), Instant.ofEpochMilli(first.createdAtMillis()),
                        Instant.ofEpochMilli(latest.createdAtMillis()), latest.deleted()), latest));
            }
        });
        listed.sort(Comparator.comparing((Listed entry) -> entry.summary().createdAt()).reversed()
                .thenComparing(entry -> entry.summary().recordId().value()));
        return listed;
    }
}
