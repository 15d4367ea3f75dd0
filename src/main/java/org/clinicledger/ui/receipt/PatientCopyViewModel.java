package org.clinicledger.ui.receipt;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import org.clinicledger.clinic.ChosenFile;
import org.clinicledger.clinic.Session;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.PatientCopy;
import org.clinicledger.domain.RecordId;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.FilePicker;
import org.clinicledger.ui.common.TaskState;
import org.clinicledger.ui.common.Texts;

/**
 * "Save my copy…": the patient's copy of one record version, the canonical document whose SHA-256
 * is the record hash on the chain and on the receipt, written where the person chooses. Anyone can
 * then check it with {@code sha256sum}, which the message says, with the hash to compare.
 */
public final class PatientCopyViewModel {

    private final Workspace workspace;
    private final Session session;
    private final FilePicker files;
    private final TaskState saving;
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private Runnable onRead = () -> { };

    public PatientCopyViewModel(Workspace workspace, Session session, BackgroundTasks tasks, FilePicker files) {
        this.workspace = workspace;
        this.session = session;
        this.files = files;
        this.saving = TaskState.inForm(tasks).reportedAs(Texts.get("receipt.patientCopy.savingYourCopy"));
    }

    /** Runs after a copy was read, which wrote a record-viewed block on the patient's chain. */
    public void setOnRead(Runnable callback) {
        this.onRead = callback;
    }

    /**
     * Reads the copy of {@code version} (null: the newest) of the record, which is logged on the
     * patient's chain like an opening, asks where to save it (under the name the copy suggests),
     * and writes it there whole or not at all.
     */
    public void save(RecordId recordId, Integer version) {
        if (saving.isBusy() || recordId == null) {
            return;
        }
        message.set("");
        saving.run(Texts.get("receipt.patientCopy.readingYourCopy"), progress -> workspace.receipts().copy(session,
                recordId, version), copy -> {
            onRead.run();
            Optional<Path> target = files.chooseFileToSave(Texts.get("receipt.patientCopy.saveMyCopy"),
                    copy.suggestedFileName());
            target.ifPresent(chosen -> saving.run(Texts.get("receipt.patientCopy.savingYourCopy"),
                    progress -> write(copy, chosen),
                    saved -> message.set(savedMessage(copy, saved))));
        });
    }

    /** Writes the copy whole or not at all, owner-only; the file chooser asked before replacing a file. */
    private static Path write(PatientCopy copy, Path target) {
        byte[] bytes = copy.bytes();
        try {
            ChosenFile.write(target, bytes, true);
            return target;
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    static String savedMessage(PatientCopy copy, Path saved) {
        String name = String.valueOf(saved.getFileName());
        return Texts.format("receipt.patientCopy.savedYourCopyOf", copy.recordId(), copy.version(), name,
                copy.recordHash());
    }

    /** What was saved, with the hash to compare; empty until a copy is saved. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return saving.problemProperty();
    }

    public ReadOnlyBooleanProperty savingProperty() {
        return saving.busyProperty();
    }
}
