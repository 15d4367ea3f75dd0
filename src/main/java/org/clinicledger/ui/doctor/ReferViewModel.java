package org.clinicledger.ui.doctor;

import java.util.Objects;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.clinicledger.clinic.AccessService;
import org.clinicledger.clinic.Session;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.PatientSummary;
import org.clinicledger.domain.StaffMember;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.FieldProblems;
import org.clinicledger.ui.common.PersonNames;
import org.clinicledger.ui.common.Texts;
import org.clinicledger.ui.common.TaskState;

/**
 * Referring a patient: the doctor chosen by name from the clinic's doctors (never oneself), and the
 * reason. The form keeps what was typed and says each problem at its field; a refusal of the
 * service shows under the form, which stays open.
 */
public final class ReferViewModel {

    /** The fields of the form, each with its own problem. */
    public enum Field { DOCTOR, REASON }

    private final Workspace workspace;
    private final Session session;
    private final BackgroundTasks tasks;
    private final PatientSummary patient;
    private final TaskState referring;
    private final ObservableList<StaffMember> doctors = FXCollections.observableArrayList();
    private final ObjectProperty<StaffMember> doctor = new SimpleObjectProperty<>(this, "doctor");
    private final StringProperty reason = new SimpleStringProperty(this, "reason", "");
    private final FieldProblems<Field> problems = new FieldProblems<>(Field.class);
    private final StringProperty result = new SimpleStringProperty(this, "result", "");

    public ReferViewModel(Workspace workspace, Session session, BackgroundTasks tasks, PatientSummary patient) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.session = Objects.requireNonNull(session, "session");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.patient = Objects.requireNonNull(patient, "patient");
        this.referring = TaskState.inForm(tasks).unexpectedProblem(Texts.get("doctor.refer.thePatientWasNot"));
    }

    /** Reads the clinic's other doctors, by name, in the background. */
    public void loadDoctors() {
        tasks.task(Texts.get("doctor.refer.readingTheListOf"), progress -> workspace.accounts().doctors(session).stream()
                        .filter(member -> !member.username().equals(session.username())).toList())
                .onSuccess(doctors::setAll)
                .start();
    }

    /** Checks the form and refers the patient; {@code onReferred} runs (on the JavaFX thread) once it is written. */
    public void refer(Runnable onReferred) {
        if (referring.isBusy()) {
            return;
        }
        problems.clear();
        referring.problemProperty().set("");
        StaffMember to = doctor.get();
        String why = reason.get() == null ? "" : reason.get();
        if (to == null) {
            problems.set(Field.DOCTOR, Texts.get("doctor.refer.chooseTheDoctorTo"));
        }
        if (why.isBlank()) {
            problems.set(Field.REASON, Texts.get("doctor.refer.giveTheReasonFor"));
        } else if (why.strip().codePointCount(0, why.strip().length()) > AccessService.MAX_REASON) {
            problems.set(Field.REASON, Texts.format("doctor.refer.theReasonIsToo", AccessService.MAX_REASON));
        }
        if (problems.any()) {
            return;
        }
        String username = to.username();
        referring.run(Texts.get("doctor.refer.referringThePatient"),
                progress -> workspace.access().refer(session, patient.mrn(), username, why), change -> {
                    result.set(Texts.format("doctor.refer.isReferredTo", patient.name(), patient.mrn(),
                            PersonNames.of(to)));
                    onReferred.run();
                });
    }

    /** The patient being referred. */
    public PatientSummary patient() {
        return patient;
    }

    /** The doctors to choose from, once {@link #loadDoctors()} has read them; never the signed-in doctor. */
    public ObservableList<StaffMember> doctors() {
        return doctors;
    }

    /** The doctor chosen; null while none is. */
    public ObjectProperty<StaffMember> doctorProperty() {
        return doctor;
    }

    public StringProperty reasonProperty() {
        return reason;
    }

    /** What is wrong with one field; empty when nothing is. */
    public StringProperty problem(Field field) {
        return problems.of(field);
    }

    /** Why the service refused the referral; empty otherwise. */
    public StringProperty problemProperty() {
        return referring.problemProperty();
    }

    /** The sentence saying who the patient was referred to, once they are. */
    public StringProperty resultProperty() {
        return result;
    }

    public ReadOnlyBooleanProperty referringProperty() {
        return referring.busyProperty();
    }
}
