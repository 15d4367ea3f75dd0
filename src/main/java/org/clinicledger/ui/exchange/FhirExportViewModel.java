package org.clinicledger.ui.exchange;

import java.nio.file.Path;
import java.util.Optional;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.StringProperty;

import org.clinicledger.clinic.ChosenFile;
import org.clinicledger.clinic.Session;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.ByteSize;
import org.clinicledger.domain.FhirExport;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.FilePicker;
import org.clinicledger.ui.common.TaskState;
import org.clinicledger.ui.common.Texts;

/**
 * "Export as FHIR…" (Patient tab: the patient's own records; Doctor tab: the chosen patient's): asks
 * where to save the Bundle under the name the service suggests, then writes it there on a background
 * task, whole or not at all and readable by its owner only: with the attachments' contents, or,
 * when {@link #includeAttachmentsProperty} is cleared, each attachment described by its size and
 * hashes alone. Exporting is logged on the patient's chain like opening each record, so
 * {@link #setOnRead} is told after.
 */
public final class FhirExportViewModel {

    private final Workspace workspace;
    private final Session session;
    private final FilePicker files;
    private final TaskState exporting;
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final BooleanProperty includeAttachments = new SimpleBooleanProperty(this, "includeAttachments", true);
    private Runnable onRead = () -> { };

    public FhirExportViewModel(Workspace workspace, Session session, BackgroundTasks tasks, FilePicker files) {
        this.workspace = workspace;
        this.session = session;
        this.files = files;
        this.exporting = TaskState.inForm(tasks).reportedAs(Texts.get("exchange.fhir.title")).announced();
    }

    /** Runs after an export was logged on the patient's chain, whether or not the file was then written. */
    public void setOnRead(Runnable callback) {
        this.onRead = callback;
    }

    /** Asks where to save {@code patient}'s Bundle, then writes it. Nothing happens when no patient is given or the person cancels. */
    public void export(MedicalRecordNumber patient) {
        if (exporting.isBusy() || patient == null) {
            return;
        }
        message.set("");
        Optional<Path> target = files.chooseFileToSave(Texts.get("exchange.fhir.title"),
                workspace.fhir().suggestedFileName(patient));
        boolean attachments = includeAttachments.get();
        target.ifPresent(chosen -> exporting.run(Texts.get("exchange.fhir.exporting"), progress -> {
            FhirExport[] written = new FhirExport[1];
            ChosenFile.write(chosen, true,
                    out -> written[0] = workspace.fhir().export(session, patient, attachments, out));
            return written[0];
        }, written -> {
            onRead.run();
            message.set(savedMessage(written, chosen));
        }, failure -> onRead.run()));
    }

    /** Forgets the last export's message and problem (another patient was chosen). */
    public void clear() {
        message.set("");
        exporting.problemProperty().set("");
    }

    static String savedMessage(FhirExport written, Path saved) {
        String name = String.valueOf(saved.getFileName());
        String size = ByteSize.format(written.bytes());
        String what = written.attachmentsIncluded() < written.attachments()
                ? Texts.format("exchange.fhir.savedWithoutContents", name, written.records(), written.attachments(),
                        written.resources(), size)
                : Texts.format("exchange.fhir.saved", name, written.records(), written.attachments(),
                        written.resources(), size);
        return what + (written.anchored() ? "" : " " + Texts.get("exchange.fhir.notAnchored"));
    }

    /** Whether the next export carries the attachments' contents (the default) or only their sizes and hashes. */
    public BooleanProperty includeAttachmentsProperty() {
        return includeAttachments;
    }

    /** What was saved; empty until a Bundle is saved. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public StringProperty problemProperty() {
        return exporting.problemProperty();
    }

    public ReadOnlyBooleanProperty exportingProperty() {
        return exporting.busyProperty();
    }
}
