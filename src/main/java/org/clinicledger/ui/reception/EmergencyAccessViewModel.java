package org.clinicledger.ui.reception;

import java.util.Objects;
import java.util.function.Consumer;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.clinicledger.clinic.AccessService;
import org.clinicledger.clinic.Session;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.AccessPolicy;
import org.clinicledger.domain.EscrowConfirmation;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PatientSummary;
import org.clinicledger.domain.ShownRecord;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.TaskState;
import org.clinicledger.ui.record.RecordRow;
import org.clinicledger.ui.record.RecordViewModel;
import org.clinicledger.ui.common.Texts;

/**
 * An administrator's emergency access at the desk: the patient found by the search, the reason, and
 * the second holder of the escrow key who confirms ({@link AccessService#emergency}). A reason too
 * short or too long is said at the reason; everything about the confirmation (a wrong password,
 * the same administrator twice, someone who is no administrator, a mistyped or foreign sheet) at
 * the confirmation. Afterwards the patient's records are listed and opened like a doctor's, for
 * {@link AccessPolicy#EMERGENCY_WINDOW}; each opening is written on the patient's chain.
 */
public final class EmergencyAccessViewModel {

    private final Workspace workspace;
    private final Session session;
    private final BackgroundTasks tasks;
    private final TaskState opening;
    private final ObjectProperty<PatientSummary> patient = new SimpleObjectProperty<>(this, "patient");
    private final StringProperty reason = new SimpleStringProperty(this, "reason", "");
    private final StringProperty reasonProblem = new SimpleStringProperty(this, "reasonProblem", "");
    private final SecondHolderViewModel second = new SecondHolderViewModel();
    private final ReadOnlyObjectWrapper<PatientSummary> opened = new ReadOnlyObjectWrapper<>(this, "opened");
    private final ObservableList<RecordRow> records = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper recordsHeading = new ReadOnlyStringWrapper(this, "recordsHeading", "");

    public EmergencyAccessViewModel(Workspace workspace, Session session, BackgroundTasks tasks) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.session = Objects.requireNonNull(session, "session");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.opening = TaskState.inForm(tasks)
                .unexpectedProblem(Texts.get("reception.emergencyAccess.theEmergencyAccessWas"));
    }

    /**
     * Records the emergency access to the chosen patient; {@code onOpened} runs on the JavaFX
     * thread once it is on the chains and the records are being listed.
     */
    public void open(Runnable onOpened) {
        PatientSummary chosen = patient.get();
        if (opening.isBusy() || chosen == null) {
            return;
        }
        reasonProblem.set("");
        opening.problemProperty().set("");
        String why = reason.get() == null ? "" : reason.get().strip();
        if (why.length() < AccessService.MIN_EMERGENCY_REASON) {
            second.passwordProperty().set("");
            reasonProblem.set(Texts.format("reception.emergencyAccess.giveTheReasonFor",
                    AccessService.MIN_EMERGENCY_REASON));
            return;
        }
        if (why.length() > AccessService.MAX_REASON) {
            second.passwordProperty().set("");
            reasonProblem.set(Texts.format("reception.emergencyAccess.theReasonIsToo", AccessService.MAX_REASON));
            return;
        }
        EscrowConfirmation confirmation;
        try {
            confirmation = second.take();
        } catch (InvalidInputException e) {
            opening.problemProperty().set(e.getMessage());
            return;
        }
        MedicalRecordNumber mrn = chosen.mrn();
        opening.run(Texts.get("reception.emergencyAccess.recordingTheEmergencyAccess"), progress -> {
            try {
                return workspace.access().emergency(session, mrn, why, confirmation);
            } finally {
                confirmation.wipe();
            }
        }, change -> {
            reason.set("");
            second.reset();
            opened.set(chosen);
            records.clear();
            refreshRecords();
            onOpened.run();
        });
    }

    /** Lists the records of the patient opened in an emergency again (nothing is decrypted or logged). */
    public void refreshRecords() {
        PatientSummary shown = opened.get();
        if (shown == null) {
            return;
        }
        tasks.task(Texts.get("reception.emergencyAccess.listingRecords"),
                progress -> workspace.records().listRecords(session, shown.mrn()))
                .onSuccess(found -> {
                    records.setAll(found.stream().map(summary -> new RecordRow(summary, null)).toList());
                    recordsHeading.set(Texts.format("reception.emergencyAccess.emergencyAccessToThe2", shown.name(),
                            shown.mrn(), AccessPolicy.EMERGENCY_WINDOW.toHours(),
                            (found.isEmpty() ? Texts.get("reception.emergencyAccess.thePatientHasNo")
                                    : "")));
                })
                .start();
    }

    /** Opens a record (which logs a record-viewed block) and hands it to {@code onShown}. */
    public void openRecord(RecordRow row, Consumer<ShownRecord> onShown) {
        if (row == null) {
            return;
        }
        tasks.task(Texts.get("reception.emergencyAccess.openingTheRecord"),
                progress -> workspace.records().showRecord(session, row.recordId()))
                .onSuccess(shown -> {
                    String code = shown.latest().icd10() == null ? "—" : shown.latest().icd10().value();
                    records.replaceAll(listed -> listed.recordId().equals(row.recordId())
                            ? new RecordRow(listed.summary(), code) : listed);
                    onShown.accept(shown);
                })
                .start();
    }

    /** The opened record as the record dialog shows it. */
    public RecordViewModel recordView(ShownRecord shown) {
        return new RecordViewModel(workspace, session, tasks, shown);
    }

    /** Forgets what was typed and the problems: when the form closes. */
    public void closeForm() {
        reason.set("");
        reasonProblem.set("");
        opening.problemProperty().set("");
        second.clearSecrets();
    }

    /** The patient chosen in the search; null while none is. */
    public ObjectProperty<PatientSummary> patientProperty() {
        return patient;
    }

    public StringProperty reasonProperty() {
        return reason;
    }

    /** What is wrong with the reason; empty when nothing is. */
    public StringProperty reasonProblemProperty() {
        return reasonProblem;
    }

    /** Who confirms. */
    public SecondHolderViewModel secondHolder() {
        return second;
    }

    /** Why the confirmation (or the access) was refused; empty when nothing is wrong. */
    public StringProperty confirmationProblemProperty() {
        return opening.problemProperty();
    }

    public ReadOnlyBooleanProperty openingProperty() {
        return opening.busyProperty();
    }

    /** The patient whose records this administrator opened in an emergency in this session; null before. */
    public ReadOnlyObjectProperty<PatientSummary> openedProperty() {
        return opened.getReadOnlyProperty();
    }

    public ObservableList<RecordRow> records() {
        return records;
    }

    public ReadOnlyStringProperty recordsHeadingProperty() {
        return recordsHeading.getReadOnlyProperty();
    }
}
