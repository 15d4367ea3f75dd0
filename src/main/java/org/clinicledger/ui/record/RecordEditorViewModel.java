package org.clinicledger.ui.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.clinicledger.domain.ByteSize;
import org.clinicledger.clinic.Session;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.AddedRecord;
import org.clinicledger.domain.Icd10Code;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.RecordId;
import org.clinicledger.domain.RecordInput;
import org.clinicledger.domain.RecordVersion;
import org.clinicledger.domain.UserFacingException;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.TaskState;

/**
 * The form of a new record or of a new version of one: ICD-10 code, diagnosis, notes and files to
 * attach. The service checks everything and writes nothing when something is wrong; its sentence
 * then shows in the form, which stays open.
 */
public final class RecordEditorViewModel {

    /** A file chosen to attach: where it is, its name and its size as read when chosen. */
    public record ChosenFile(Path path, String name, long size) {
        @Override
        public String toString() {
            return name + " (" + (size < 0 ? "size unknown" : ByteSize.format(size)) + ")";
        }
    }

    private final Workspace workspace;
    private final Session session;
    private final BackgroundTasks tasks;
    private final MedicalRecordNumber mrn;
    private final RecordId recordId;
    private final StringProperty icd10 = new SimpleStringProperty(this, "icd10", "");
    private final StringProperty diagnosis = new SimpleStringProperty(this, "diagnosis", "");
    private final StringProperty notes = new SimpleStringProperty(this, "notes", "");
    private final ObservableList<ChosenFile> attachments = FXCollections.observableArrayList();
    private final TaskState saving;

    private RecordEditorViewModel(Workspace workspace, Session session, BackgroundTasks tasks, MedicalRecordNumber mrn,
            RecordId recordId) {
        this.workspace = workspace;
        this.session = session;
        this.tasks = tasks;
        this.saving = TaskState.inForm(tasks).reportedAs("The record could not be saved");
        this.mrn = mrn;
        this.recordId = recordId;
    }

    /** A form for a new record of patient {@code mrn}. */
    public static RecordEditorViewModel forNewRecord(Workspace workspace, Session doctor, BackgroundTasks tasks,
            MedicalRecordNumber mrn) {
        return new RecordEditorViewModel(workspace, doctor, tasks, mrn, null);
    }

    /** A form for a new version of {@code shown}, filled with what it says (its files are not carried over). */
    public static RecordEditorViewModel forAmendment(Workspace workspace, Session doctor, BackgroundTasks tasks,
            RecordVersion shown) {
        RecordEditorViewModel model = new RecordEditorViewModel(workspace, doctor, tasks, null, shown.id());
        model.icd10.set(shown.icd10() == null ? "" : shown.icd10().value());
        model.diagnosis.set(shown.diagnosis());
        model.notes.set(shown.notes());
        return model;
    }

    public boolean isAmendment() {
        return recordId != null;
    }

    /** Adds files to attach; their sizes are read in the background. */
    public void addFiles(List<Path> files) {
        if (files.isEmpty()) {
            return;
        }
        tasks.task("Reading the files to attach", progress -> {
            List<ChosenFile> chosen = new ArrayList<>();
            for (Path file : files) {
                long size;
                try {
                    size = Files.size(file);
                } catch (IOException e) {
                    size = -1;
                }
                chosen.add(new ChosenFile(file, file.getFileName().toString(), size));
            }
            return chosen;
        }).onSuccess(attachments::addAll).start();
    }

    public void removeFile(ChosenFile file) {
        attachments.remove(file);
    }

    /**
     * Writes the record (or the new version) in the background; calls {@code onSaved} on success.
     * Bad input and refusals show in {@link #problemProperty()}; nothing is written then.
     */
    public void save(Consumer<AddedRecord> onSaved) {
        if (saving.isBusy()) {
            return;
        }
        RecordInput input;
        try {
            input = new RecordInput(diagnosis.get(), icd10.get() == null || icd10.get().isBlank() ? null
                    : Icd10Code.parse(icd10.get()), notes.get(), attachments.stream().map(ChosenFile::path).toList());
            input.check();
        } catch (UserFacingException e) {
            saving.problemProperty().set(e.getMessage());
            return;
        }
        saving.run(isAmendment() ? "Saving the new version" : "Adding the record", progress -> isAmendment()
                ? workspace.records().amendRecord(session, recordId, input)
                : workspace.records().addRecord(session, mrn, input), onSaved);
    }

    public StringProperty icd10Property() {
        return icd10;
    }

    public StringProperty diagnosisProperty() {
        return diagnosis;
    }

    public StringProperty notesProperty() {
        return notes;
    }

    public ObservableList<ChosenFile> attachments() {
        return attachments;
    }

    /** The plain sentence saying what is wrong; empty when nothing is. */
    public ReadOnlyStringProperty problemProperty() {
        return saving.problemProperty();
    }

    public ReadOnlyBooleanProperty savingProperty() {
        return saving.busyProperty();
    }
}
