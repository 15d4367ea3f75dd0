package org.clinicledger.ui.chain;

import java.util.List;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.clinicledger.clinic.Session;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainEntry;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.ChainLine;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.RecordSummary;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.Formats;
import org.clinicledger.ui.common.Texts;

/**
 * The signed-in person's own chain as the paper's table reads it (the other party by name, the
 * diagnosis, the uploaded EHR, the hash), the reads of records it logs, and the emergency accesses
 * on it. Reading it reads the diagnoses the person may read, which the service logs.
 */
public final class ChainViewModel {

    private final Workspace workspace;
    private final Session session;
    private final BackgroundTasks tasks;
    private final ObservableList<ChainLine> blocks = FXCollections.observableArrayList();
    private final ObservableList<ChainLine> reads = FXCollections.observableArrayList();
    private final ObservableList<ChainLine> emergencies = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", Texts.get("chain.readingYourChain2"));

    public ChainViewModel(Workspace workspace, Session session, BackgroundTasks tasks) {
        this.workspace = workspace;
        this.session = session;
        this.tasks = tasks;
    }

    /** Reads the chain again in the background. */
    public void refresh() {
        tasks.task(Texts.get("chain.readingYourChain"), progress -> workspace.chainBrowser().readableChain(session))
                .onSuccess(this::show)
                .start();
    }

    private void show(List<ChainLine> lines) {
        blocks.setAll(lines);
        reads.setAll(lines.stream().filter(line -> line.entry().kind() == BlockKind.RECORD_VIEWED).toList());
        emergencies.setAll(lines.stream().filter(line -> line.entry().kind() == BlockKind.EMERGENCY_ACCESS).toList());
        summary.set(Texts.format("chain.blocksOnYourChain", lines.size(), session.chain()));
    }

    /** The chain's blocks, oldest first. */
    public ObservableList<ChainLine> blocks() {
        return blocks;
    }

    /** The record-viewed blocks: who read which record, and when. */
    public ObservableList<ChainLine> reads() {
        return reads;
    }

    /** The emergency-access blocks: which administrator, when, and who confirmed. */
    public ObservableList<ChainLine> emergencies() {
        return emergencies;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ChainId self() {
        return session.chain();
    }

    /** Who read, for a record-viewed block: whoever signed it, else the other party. */
    public static ChainId reader(ChainEntry entry) {
        return entry.actor() != null ? entry.actor() : entry.counterpart();
    }

    /** Who read, in words: by name when the reader may know it ("Dr Anna Berg (dr.berg)"), else by id. */
    public static String readerText(ChainLine line, ChainId self) {
        ChainEntry entry = line.entry();
        if (entry.actor() != null) {
            return named(entry.actor(), line.actorName(), self);
        }
        return named(entry.counterpart(), line.counterpartName(), self);
    }

    /** The other party in words: "Ada Byron (2954-4521-7)", "Dr Anna Berg (dr.berg)", or by id. */
    public static String otherPartyText(ChainLine line, ChainId self) {
        return named(line.entry().counterpart(), line.counterpartName(), self);
    }

    /** Who confirmed an emergency access, in words. */
    public static String confirmerText(ChainLine line, ChainId self) {
        ChainEntry.Confirmer confirmer = line.entry().confirmedBy();
        if (confirmer == null || confirmer.bySheet() || line.confirmerName() == null) {
            return Formats.confirmer(confirmer, self);
        }
        return named(confirmer.administrator(), line.confirmerName(), self);
    }

    /** A party by name with the username or MRN after it; by {@link Formats#party} when the name is not known. */
    static String named(ChainId party, String name, ChainId self) {
        if (party == null || name == null || party.equals(self)) {
            return Formats.party(party, self);
        }
        String id = party.party() == PartyKind.PATIENT ? Formats.mrn(party.subject()) : party.subject();
        return name + " (" + id + ")";
    }

    /** The column title for the other party, in the words of the owner's role. */
    public static String otherPartyTitle(ChainId self) {
        return switch (self.party()) {
            case DOCTOR -> Texts.get("chain.patientOrDoctor");
            case PATIENT -> Texts.get("chain.doctorOrStaff");
            default -> Texts.get("chain.otherParty");
        };
    }

    /**
     * What the version a block names diagnoses: "J45.3 Mild persistent asthma — wheezing at night",
     * "Deleted" for a deleted record, "—" when the reader may not read it now, empty for a block that
     * names no record.
     */
    public static String diagnosisText(ChainLine line) {
        ChainLine.Ehr ehr = line.record();
        if (ehr == null) {
            return line.entry().recordId() == null ? "" : "—";
        }
        if (ehr.deleted()) {
            return Texts.get("chain.deleted");
        }
        RecordSummary.Diagnosis diagnosis = ehr.diagnosis();
        if (diagnosis == null) {
            return ehr.version() == 0 ? "" : "—";
        }
        if (diagnosis.icd10() == null) {
            return diagnosis.text();
        }
        String code = ehr.icd10Title() == null ? diagnosis.icd10().value()
                : diagnosis.icd10().value() + " " + ehr.icd10Title();
        return code + " — " + diagnosis.text();
    }

    /**
     * The uploaded EHR a block names: "Record 3 of Ada Byron, version 2, 2 files", "Your record 1,
     * version 1", "…, file 1" for a read of one attachment; the record id when the rows do not hold it.
     */
    public static String ehrText(ChainLine line, ChainId self) {
        ChainEntry entry = line.entry();
        ChainLine.Ehr ehr = line.record();
        if (ehr == null) {
            return recordText(entry);
        }
        ChainId patient = new ChainId(PartyKind.PATIENT, ehr.patient());
        String text;
        if (patient.equals(self)) {
            text = Texts.format("chain.yourRecord", ehr.number());
        } else {
            text = Texts.format("chain.recordOf", ehr.number(), ehr.patientName() != null ? ehr.patientName()
                    : Texts.format("chain.patient", Formats.mrn(ehr.patient())));
        }
        if (ehr.version() > 0) {
            text = Texts.format("chain.withVersion", text, ehr.version());
        }
        if (ehr.attachment() != null) {
            text = Texts.format("chain.withFile", text, ehr.attachment() + 1);
        } else if (ehr.diagnosis() != null && ehr.diagnosis().attachments() > 0) {
            text = Texts.format("chain.withFiles", text, ehr.diagnosis().attachments());
        }
        if (ehr.deleted()) {
            text = Texts.format("chain.deletedRecord", text);
        }
        return text;
    }

    /** Which record a block names, by id: "record 1234… version 2, attachment 1". */
    public static String recordText(ChainEntry entry) {
        if (entry.recordId() == null) {
            return "";
        }
        String text = entry.recordVersion() > 0
                ? Texts.format("chain.withVersion", entry.recordId(), entry.recordVersion())
                : entry.recordId();
        return entry.attachment() == null ? text : Texts.format("chain.withAttachment", text, entry.attachment() + 1);
    }
}
