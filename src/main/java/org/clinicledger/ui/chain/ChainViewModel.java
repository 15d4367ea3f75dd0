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
import org.clinicledger.ui.common.BackgroundTasks;

/** The signed-in person's own chain, the reads of records it logs, and the emergency accesses on it. */
public final class ChainViewModel {

    private final Workspace workspace;
    private final Session session;
    private final BackgroundTasks tasks;
    private final ObservableList<ChainEntry> blocks = FXCollections.observableArrayList();
    private final ObservableList<ChainEntry> reads = FXCollections.observableArrayList();
    private final ObservableList<ChainEntry> emergencies = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "Reading your chain…");

    public ChainViewModel(Workspace workspace, Session session, BackgroundTasks tasks) {
        this.workspace = workspace;
        this.session = session;
        this.tasks = tasks;
    }

    /** Reads the chain again in the background. */
    public void refresh() {
        tasks.task("Reading your chain", progress -> workspace.chainBrowser().ownChain(session))
                .onSuccess(this::show)
                .start();
    }

    private void show(List<ChainEntry> entries) {
        blocks.setAll(entries);
        reads.setAll(entries.stream().filter(entry -> entry.kind() == BlockKind.RECORD_VIEWED).toList());
        emergencies.setAll(entries.stream().filter(entry -> entry.kind() == BlockKind.EMERGENCY_ACCESS).toList());
        summary.set(entries.size() + (entries.size() == 1 ? " block" : " blocks") + " on your chain "
                + session.chain() + ".");
    }

    /** The chain's blocks, oldest first. */
    public ObservableList<ChainEntry> blocks() {
        return blocks;
    }

    /** The record-viewed blocks: who read which record, and when. */
    public ObservableList<ChainEntry> reads() {
        return reads;
    }

    /** The emergency-access blocks: which administrator, when, and who confirmed. */
    public ObservableList<ChainEntry> emergencies() {
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

    /** Which record a block names, in words: "record 1234… version 2, attachment 1". */
    public static String recordText(ChainEntry entry) {
        if (entry.recordId() == null) {
            return "";
        }
        String text = entry.recordId() + (entry.recordVersion() > 0 ? ", version " + entry.recordVersion() : "");
        return entry.attachment() == null ? text : text + ", attachment " + (entry.attachment() + 1);
    }
}
