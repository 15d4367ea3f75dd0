package org.clinicledger.ui.record;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.clinicledger.clinic.ChosenFile;
import org.clinicledger.clinic.Session;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.RecordDiff;
import org.clinicledger.domain.RecordHistoryEntry;
import org.clinicledger.domain.RecordId;
import org.clinicledger.domain.Role;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.ShownRecord;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.FilePicker;
import org.clinicledger.ui.receipt.PatientCopyViewModel;
import org.clinicledger.ui.receipt.ReceiptViewModel;
import org.clinicledger.ui.common.Texts;

/** A record someone opened: its latest version, its history, its attachments and comparisons of versions. */
public final class RecordViewModel {

    private final Workspace workspace;
    private final Session session;
    private final BackgroundTasks tasks;
    private final ShownRecord shown;
    private final PatientLabel patient;
    private final ObservableList<String> differences = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");

    public RecordViewModel(Workspace workspace, Session session, BackgroundTasks tasks, ShownRecord shown) {
        this(workspace, session, tasks, shown, new PatientLabel(null, MedicalRecordNumber.parse(shown.latest().patient())));
    }

    /** An opened record whose dialog names {@code patient}. */
    public RecordViewModel(Workspace workspace, Session session, BackgroundTasks tasks, ShownRecord shown,
            PatientLabel patient) {
        this.workspace = workspace;
        this.session = session;
        this.tasks = tasks;
        this.shown = shown;
        this.patient = patient;
    }

    /** Whom the record is about. */
    public PatientLabel patient() {
        return patient;
    }

    public ShownRecord shown() {
        return shown;
    }

    /** Whether the person reading is the record's patient, whose copy it is. */
    public boolean readerIsPatient() {
        return session.role() == Role.PATIENT;
    }

    /** Saves the patient's copy of versions of this record. */
    public PatientCopyViewModel copies(FilePicker files) {
        return new PatientCopyViewModel(workspace, session, tasks, files);
    }

    /** The receipt of the shown version. */
    public ReceiptViewModel receipt() {
        return new ReceiptViewModel(workspace, session, tasks, shown.latest().id(), shown.latest().version());
    }

    public List<Integer> versions() {
        return shown.history().stream().map(RecordHistoryEntry::version).toList();
    }

    /**
     * Decrypts attachment {@code index} of the shown version and writes it to {@code target}
     * ({@link ChosenFile}: whole or not at all, owner-only); the read is logged on the patient's chain.
     */
    public void saveAttachment(int index, Path target) {
        RecordId recordId = shown.latest().id();
        int version = shown.latest().version();
        tasks.task(Texts.get("record.savingTheAttachment"), progress -> {
            byte[] bytes = workspace.records().readAttachment(session, recordId, version, index);
            try {
                // The file chooser has asked whether to replace a file that is there.
                ChosenFile.write(target, bytes, true);
                return target;
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        }).onSuccess(saved -> status.set(Texts.format("record.savedReadingItWas", saved.getFileName()))).start();
    }

    /** Compares two versions; the changes appear in {@link #differences()}. Both reads are logged. */
    public void compare(int from, int to) {
        RecordId recordId = shown.latest().id();
        tasks.task(Texts.get("record.comparingVersions"), progress -> workspace.records().diff(session, recordId, from,
                to))
                .onSuccess(this::showDiff)
                .start();
    }

    private void showDiff(RecordDiff diff) {
        differences.setAll(diff.isEmpty() ? List.of(Texts.format("record.versionsAndSayThe", diff.fromVersion(),
                diff.toVersion())) : diff.lines());
    }

    public ObservableList<String> differences() {
        return differences;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
