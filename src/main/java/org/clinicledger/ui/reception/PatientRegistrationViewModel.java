package org.clinicledger.ui.reception;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.clinicledger.clinic.Session;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PasswordRules;
import org.clinicledger.domain.PatientDetails;
import org.clinicledger.domain.Registration;
import org.clinicledger.domain.Role;
import org.clinicledger.domain.Sex;
import org.clinicledger.domain.StaffMember;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.TaskState;

/**
 * Registering a patient at the desk: demographics, an optional first doctor the patient consents
 * to, and the passphrase the patient chooses. The new MRN is the patient's username; possible
 * duplicates (same name and date of birth) are flagged, not refused.
 */
public final class PatientRegistrationViewModel {

    /** One entry of the first-doctor list; {@link #NONE} stands for no first doctor. */
    public record DoctorChoice(String username, String label) {
        public static final DoctorChoice NONE = new DoctorChoice(null, "No first doctor for now");

        static DoctorChoice of(StaffMember doctor) {
            String label = doctor.details().name() == null ? doctor.username()
                    : doctor.details().name() + " (" + doctor.username() + ")";
            String specialty = doctor.details().specialty();
            return new DoctorChoice(doctor.username(), specialty == null ? label : label + ", " + specialty);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final Workspace workspace;
    private final Session session;
    private final BackgroundTasks tasks;
    private final TaskState saving;
    private final Runnable registered;
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty dateOfBirth = new SimpleStringProperty(this, "dateOfBirth", "");
    private final ObjectProperty<Sex> sex = new SimpleObjectProperty<>(this, "sex");
    private final StringProperty contact = new SimpleStringProperty(this, "contact", "");
    private final ObservableList<DoctorChoice> doctors = FXCollections.observableArrayList(DoctorChoice.NONE);
    private final ObjectProperty<DoctorChoice> firstDoctor = new SimpleObjectProperty<>(this, "firstDoctor",
            DoctorChoice.NONE);
    private final StringProperty passphrase = new SimpleStringProperty(this, "passphrase", "");
    private final StringProperty confirmation = new SimpleStringProperty(this, "confirmation", "");
    private final StringProperty registeredMrn = new SimpleStringProperty(this, "registeredMrn", "");
    private final StringProperty result = new SimpleStringProperty(this, "result", "");
    private final StringProperty duplicateWarning = new SimpleStringProperty(this, "duplicateWarning", "");

    /** @param registered told (on the JavaFX thread) after a patient was registered */
    public PatientRegistrationViewModel(Workspace workspace, Session session, BackgroundTasks tasks,
            Runnable registered) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.session = Objects.requireNonNull(session, "session");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.saving = TaskState.inForm(tasks).unexpectedProblem("The patient was not registered.");
        this.registered = Objects.requireNonNull(registered, "registered");
    }

    /** Reads the clinic's doctors in the background (their names are sealed in the directory). */
    public void loadDoctors() {
        tasks.task("Reading the list of doctors", progress -> workspace.accounts().staff(session, Role.DOCTOR))
                .onSuccess(found -> {
                    String chosen = firstDoctor.get() == null ? null : firstDoctor.get().username();
                    List<DoctorChoice> choices = new ArrayList<>();
                    choices.add(DoctorChoice.NONE);
                    found.stream().map(DoctorChoice::of).forEach(choices::add);
                    doctors.setAll(choices);
                    firstDoctor.set(choices.stream().filter(choice -> Objects.equals(choice.username(), chosen))
                            .findFirst().orElse(DoctorChoice.NONE));
                })
                .onFailure(failure -> {
                    // Signed out before the list came: nobody is left to tell.
                    if (!session.isClosed()) {
                        tasks.dialogs().reportFailure("Reading the list of doctors", failure);
                    }
                })
                .start();
    }

    public void register() {
        if (saving.isBusy()) {
            return;
        }
        char[] secret = passphrase.get().toCharArray();
        char[] again = confirmation.get().toCharArray();
        clearSecrets();
        try {
            LocalDate born = PatientDetails.parseDateOfBirth(dateOfBirth.get());
            PatientDetails details = new PatientDetails(name.get(), born, sex.get(), contact.get());
            if (secret.length == 0) {
                throw new InvalidInputException("Let the patient type a passphrase, twice.");
            }
            if (!PasswordRules.same(secret, again)) {
                throw new InvalidInputException("The two passphrases are not the same: let the patient type them again.");
            }
            DoctorChoice doctorChoice = firstDoctor.get() == null ? DoctorChoice.NONE : firstDoctor.get();
            String doctor = doctorChoice.username();
            clearOutcome();
            saving.run("Registering a patient", progress -> {
                try {
                    return workspace.registrations().registerPatient(session, details, secret, doctor);
                } finally {
                    Arrays.fill(secret, '\0');
                }
            }, registration -> registered(registration, details, doctorChoice));
        } catch (InvalidInputException e) {
            Arrays.fill(secret, '\0');
            clearOutcome();
            saving.problemProperty().set(e.getMessage());
        } finally {
            Arrays.fill(again, '\0');
        }
    }

    private void registered(Registration registration, PatientDetails details, DoctorChoice doctor) {
        registeredMrn.set(registration.mrn().formatted());
        result.set("Registered " + details.name() + ". The patient signs in with this MRN and their passphrase"
                + (registration.firstDoctor() == null ? "." : ", and consented to " + doctor.label() + "."));
        if (registration.hasPossibleDuplicates()) {
            List<MedicalRecordNumber> duplicates = registration.possibleDuplicates();
            duplicateWarning.set((duplicates.size() == 1 ? "Possible duplicate: MRN " : "Possible duplicates: MRNs ")
                    + duplicates.stream().map(MedicalRecordNumber::formatted).collect(Collectors.joining(", "))
                    + (duplicates.size() == 1 ? " has" : " have")
                    + " the same name and date of birth. Check that this is not the same person registered twice.");
        }
        name.set("");
        dateOfBirth.set("");
        sex.set(null);
        contact.set("");
        firstDoctor.set(DoctorChoice.NONE);
        registered.run();
    }

    private void clearOutcome() {
        registeredMrn.set("");
        result.set("");
        duplicateWarning.set("");
    }

    /** Forgets the typed passphrases: after every attempt, and when the form is hidden. */
    public void clearSecrets() {
        passphrase.set("");
        confirmation.set("");
    }

    public StringProperty nameProperty() {
        return name;
    }

    /** Typed as YYYY-MM-DD. */
    public StringProperty dateOfBirthProperty() {
        return dateOfBirth;
    }

    /** Null when not recorded. */
    public ObjectProperty<Sex> sexProperty() {
        return sex;
    }

    public StringProperty contactProperty() {
        return contact;
    }

    /** "No first doctor", then the clinic's doctors once {@link #loadDoctors()} has read them. */
    public ObservableList<DoctorChoice> doctors() {
        return doctors;
    }

    public ObjectProperty<DoctorChoice> firstDoctorProperty() {
        return firstDoctor;
    }

    public StringProperty passphraseProperty() {
        return passphrase;
    }

    public StringProperty confirmationProperty() {
        return confirmation;
    }

    public StringProperty problemProperty() {
        return saving.problemProperty();
    }

    /** The MRN of the patient just registered, as printed; empty otherwise. */
    public StringProperty registeredMrnProperty() {
        return registeredMrn;
    }

    public StringProperty resultProperty() {
        return result;
    }

    /** Names the MRNs of possible duplicates of the patient just registered; empty when there are none. */
    public StringProperty duplicateWarningProperty() {
        return duplicateWarning;
    }

    public ReadOnlyBooleanProperty savingProperty() {
        return saving.busyProperty();
    }
}
