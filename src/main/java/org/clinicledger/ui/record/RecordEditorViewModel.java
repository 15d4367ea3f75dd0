package org.clinicledger.ui.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.clinicledger.domain.ByteSize;
import org.clinicledger.clinic.Icd10Catalog;
import org.clinicledger.clinic.Session;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.AddedRecord;
import org.clinicledger.domain.AttachmentSummary;
import org.clinicledger.domain.Icd10Code;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.RecordId;
import org.clinicledger.domain.RecordInput;
import org.clinicledger.domain.RecordVersion;
import org.clinicledger.domain.UserFacingException;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.TaskState;
import org.clinicledger.ui.common.Texts;

/**
 * The form of a new record or of a new version of one: ICD-10 code (chosen with
 * {@link Icd10PickerModel}), diagnosis, notes and files to attach; a new version lists the earlier
 * version's files, carried over unless removed. The form names the patient. The service checks
 * everything and writes nothing when something is wrong; its sentence then shows in the form, which
 * stays open and keeps what was typed.
 */
public final class RecordEditorViewModel {

    /** A line of the form's attachments: a file chosen to attach, or one of the earlier version's. */
    public sealed interface AttachmentChoice permits ChosenFile, KeptFile {
    }

    /** A file chosen to attach: where it is, its name and its size as read when chosen. */
    public record ChosenFile(Path path, String name, long size) implements AttachmentChoice {
        @Override
        public String toString() {
            return name + " (" + (size < 0 ? Texts.get("record.recordEditor.sizeUnknown") : ByteSize.format(size))
                    + ")";
        }
    }

    /** A file of the version being amended, carried over unless removed; {@code index} is its place there. */
    public record KeptFile(int index, AttachmentSummary summary) implements AttachmentChoice {
        @Override
        public String toString() {
            return Texts.format("record.recordEditor.keptFromTheEarlier", summary.name(),
                    ByteSize.format(summary.size()));
        }
    }

    private final Workspace workspace;
    private final Session session;
    private final BackgroundTasks tasks;
    private final PatientLabel patient;
    private final RecordId recordId;
    private final Icd10PickerModel icd10;
    private final StringProperty diagnosis = new SimpleStringProperty(this, "diagnosis", "");
    private final StringProperty notes = new SimpleStringProperty(this, "notes", "");
    private final ObservableList<AttachmentChoice> attachments = FXCollections.observableArrayList();
    private final List<Integer> earlierAttachments = new ArrayList<>();
    private final TaskState saving;
    /** The title the picker last put in the diagnosis, which a next choice may replace. */
    private String filledTitle;

    private RecordEditorViewModel(Workspace workspace, Session session, BackgroundTasks tasks, PatientLabel patient,
            RecordId recordId) {
        this.workspace = workspace;
        this.session = session;
        this.tasks = tasks;
        this.saving = TaskState.inForm(tasks).reportedAs(Texts.get("record.recordEditor.theRecordCouldNot"));
        this.patient = patient;
        this.recordId = recordId;
        this.icd10 = new Icd10PickerModel(tasks);
        icd10.setOnChosen(this::chosen);
    }

    /** A form for a new record of {@code patient}. */
    public static RecordEditorViewModel forNewRecord(Workspace workspace, Session doctor, BackgroundTasks tasks,
            PatientLabel patient) {
        return new RecordEditorViewModel(workspace, doctor, tasks, patient, null);
    }

    /** A form for a new record of patient {@code mrn}, named by the MRN alone. */
    public static RecordEditorViewModel forNewRecord(Workspace workspace, Session doctor, BackgroundTasks tasks,
            MedicalRecordNumber mrn) {
        return forNewRecord(workspace, doctor, tasks, new PatientLabel(null, mrn));
    }

    /** A form for a new version of {@code shown}, filled with what it says and listing its files, which are kept. */
    public static RecordEditorViewModel forAmendment(Workspace workspace, Session doctor, BackgroundTasks tasks,
            RecordVersion shown, PatientLabel patient) {
        RecordEditorViewModel model = new RecordEditorViewModel(workspace, doctor, tasks, patient, shown.id());
        model.icd10.fill(shown.icd10() == null ? "" : shown.icd10().value());
        model.diagnosis.set(shown.diagnosis());
        model.notes.set(shown.notes());
        for (int index = 0; index < shown.attachments().size(); index++) {
            model.earlierAttachments.add(index);
            model.attachments.add(new KeptFile(index, shown.attachments().get(index)));
        }
        return model;
    }

    /** A form for a new version of {@code shown}, its patient named by the MRN alone. */
    public static RecordEditorViewModel forAmendment(Workspace workspace, Session doctor, BackgroundTasks tasks,
            RecordVersion shown) {
        return forAmendment(workspace, doctor, tasks, shown, new PatientLabel(null,
                MedicalRecordNumber.parse(shown.patient())));
    }

    public boolean isAmendment() {
        return recordId != null;
    }

    /** Whom the record is about. */
    public PatientLabel patient() {
        return patient;
    }

    /** The diagnosis takes the chosen code's title unless the doctor wrote words of their own there. */
    private void chosen(Icd10Catalog.Entry entry) {
        String now = diagnosis.get() == null ? "" : diagnosis.get().strip();
        if (now.isEmpty() || now.equals(filledTitle)) {
            diagnosis.set(entry.title());
            filledTitle = entry.title();
        }
    }

    /** Adds files to attach; their sizes are read in the background. */
    public void addFiles(List<Path> files) {
        if (files.isEmpty()) {
            return;
        }
        tasks.task(Texts.get("record.recordEditor.readingTheFilesTo"), progress -> {
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

    /** Takes a file off the form: a chosen file is not attached, an earlier one is not carried over. */
    public void removeFile(AttachmentChoice file) {
        attachments.remove(file);
    }

    /**
     * Writes the record (or the new version) in the background; calls {@code onSaved} on success.
     * Bad input and refusals show in {@link #problemProperty()} (a code that is none at the field);
     * nothing is written then.
     */
    public void save(Consumer<AddedRecord> onSaved) {
        if (saving.isBusy()) {
            return;
        }
        RecordInput input;
        saving.problemProperty().set("");
        try {
            Icd10Code code = icd10.code();
            Set<Integer> dropped = new HashSet<>(earlierAttachments);
            attachments.stream().filter(KeptFile.class::isInstance).map(kept -> ((KeptFile) kept).index())
                    .forEach(dropped::remove);
            input = new RecordInput(diagnosis.get(), code, notes.get(), attachments.stream()
                    .filter(ChosenFile.class::isInstance).map(chosen -> ((ChosenFile) chosen).path()).toList(),
                    dropped);
            input.check();
        } catch (UserFacingException e) {
            if (icd10.problemProperty().get().isEmpty()) {
                saving.problemProperty().set(e.getMessage());
            }
            return;
        }
        saving.run(isAmendment() ? Texts.get("record.recordEditor.savingTheNewVersion")
                : Texts.get("record.recordEditor.addingTheRecord"), progress -> isAmendment()
                ? workspace.records().amendRecord(session, recordId, input)
                : workspace.records().addRecord(session, patient.mrn(), input), onSaved);
    }

    /** The ICD-10 field and its suggestions. */
    public Icd10PickerModel icd10() {
        return icd10;
    }

    public StringProperty icd10Property() {
        return icd10.textProperty();
    }

    public StringProperty diagnosisProperty() {
        return diagnosis;
    }

    public StringProperty notesProperty() {
        return notes;
    }

    public ObservableList<AttachmentChoice> attachments() {
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
