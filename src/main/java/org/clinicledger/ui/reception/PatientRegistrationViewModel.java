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
import org.clinicledger.domain.PatientSummary;
import org.clinicledger.domain.Registration;
import org.clinicledger.domain.Role;
import org.clinicledger.domain.Sex;
import org.clinicledger.domain.StaffMember;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.FieldProblems;
import org.clinicledger.ui.common.PersonNames;
import org.clinicledger.ui.common.TaskState;
import org.clinicledger.ui.common.Texts;

/**
 * Registering a patient at the desk: demographics, an optional first doctor the patient consents
 * to, and the passphrase the patient chooses. The new MRN is the patient's username. Someone who
 * looks like a patient of the directory (same date of birth, the same or a very similar name) is
 * asked about first ("Register anyway?"), not refused.
 */
public final class PatientRegistrationViewModel {

    /** The button that registers someone who looks like a patient of the directory. */
    public static final String REGISTER_ANYWAY = Texts.get("reception.patientRegistration.registerAnyway");

    /** The fields that are checked at the desk, each with its own problem. */
    public enum Field { NAME, DATE_OF_BIRTH, PASSPHRASE, CONFIRMATION }

    /** One entry of the first-doctor list; {@link #NONE} stands for no first doctor. */
    public record DoctorChoice(String username, String label) {
        public static final DoctorChoice NONE = new DoctorChoice(null,
                Texts.get("reception.patientRegistration.noFirstDoctorFor"));

        static DoctorChoice of(StaffMember doctor) {
            return new DoctorChoice(doctor.username(), PersonNames.withSpecialty(doctor));
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
    private final FieldProblems<Field> problems = new FieldProblems<>(Field.class);

    /** @param registered told (on the JavaFX thread) after a patient was registered */
    public PatientRegistrationViewModel(Workspace workspace, Session session, BackgroundTasks tasks,
            Runnable registered) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.session = Objects.requireNonNull(session, "session");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.saving = TaskState.inForm(tasks)
                .unexpectedProblem(Texts.get("reception.patientRegistration.thePatientWasNot"));
        this.registered = Objects.requireNonNull(registered, "registered");
    }

    /** Reads the clinic's doctors in the background (their names are sealed in the directory). */
    public void loadDoctors() {
        tasks.task(Texts.get("reception.patientRegistration.readingTheListOf"),
                progress -> workspace.accounts().staff(session, Role.DOCTOR))
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
                        tasks.dialogs().reportFailure(Texts.get("reception.patientRegistration.readingTheListOf"),
                                failure);
                    }
                })
                .start();
    }

    /**
     * Checks each field and registers the patient. A problem with a field is said at the field
     * ({@link #problem(Field)}) and nothing typed is cleared, the passphrases included, so that only
     * the wrong field is typed again (a second passphrase that differs is emptied, as it is retyped).
     * The service's refusals show in {@link #problemProperty()}. The passphrases are forgotten once
     * the patient is registered, and when the form is hidden.
     */
    public void register() {
        if (saving.isBusy()) {
            return;
        }
        problems.clear();
        saving.problemProperty().set("");
        char[] secret = passphrase.get().toCharArray();
        char[] again = confirmation.get().toCharArray();
        try {
            PatientDetails details = checked(secret, again);
            if (details == null) {
                Arrays.fill(secret, '\0');
                return;
            }
            DoctorChoice doctorChoice = firstDoctor.get() == null ? DoctorChoice.NONE : firstDoctor.get();
            String doctor = doctorChoice.username();
            clearOutcome();
            // The desk is warned of a likely duplicate before anything is written (decision 0033).
            saving.run(Texts.get("reception.patientRegistration.lookingForThePatient"),
                    progress -> workspace.registrations().likelyDuplicates(session, details), likely -> {
                        if (!likely.isEmpty() && !tasks.dialogs().confirm(
                                Texts.get("reception.patientRegistration.registerAnywayTitle"),
                                duplicateQuestion(likely), REGISTER_ANYWAY)) {
                            Arrays.fill(secret, '\0');
                            saving.problemProperty().set(Texts.get("reception.patientRegistration.notRegisteredDuplicate"));
                            return;
                        }
                        saving.run(Texts.get("reception.patientRegistration.registeringAPatient"), progress -> {
                            try {
                                return workspace.registrations().registerPatient(session, details, secret, doctor);
                            } finally {
                                Arrays.fill(secret, '\0');
                            }
                        }, registration -> registered(registration, details, doctorChoice));
                    }, failure -> Arrays.fill(secret, '\0'));
        } finally {
            Arrays.fill(again, '\0');
        }
    }

    /** The question asked before registering someone who looks like a patient of the directory. */
    static String duplicateQuestion(List<PatientSummary> likely) {
        String who = likely.stream().map(patient -> Texts.format("reception.patientRegistration.likelyPatient",
                patient.name(), patient.mrn().formatted(), patient.dateOfBirth().toString()))
                .collect(Collectors.joining("; "));
        return Texts.format("reception.patientRegistration.duplicateQuestion", likely.size(), who);
    }

    /** The details when every field is right; null, with each problem said at its field, otherwise. */
    private PatientDetails checked(char[] secret, char[] again) {
        if (name.get() == null || name.get().isBlank()) {
            problems.set(Field.NAME, Texts.get("reception.patientRegistration.enterThePatientsName"));
        }
        LocalDate born = null;
        try {
            born = PatientDetails.parseDateOfBirth(dateOfBirth.get());
            // The domain's and the service's checks of a date of birth (not before 1900, not in the
            // future), on the date alone, so that their sentence shows at this field.
            workspace.registrations().checkDetails(new PatientDetails("date of birth alone", born, null, null));
        } catch (InvalidInputException e) {
            problems.set(Field.DATE_OF_BIRTH, e.getMessage());
        }
        if (secret.length == 0) {
            problems.set(Field.PASSPHRASE, Texts.get("reception.patientRegistration.letThePatientType"));
        } else {
            try {
                PasswordRules.check(secret);
                if (!PasswordRules.same(secret, again)) {
                    confirmation.set("");
                    problems.set(Field.CONFIRMATION, Texts.get("reception.patientRegistration.theTwoPassphrasesAre"));
                }
            } catch (InvalidInputException e) {
                problems.set(Field.PASSPHRASE, e.getMessage());
            }
        }
        if (problems.any()) {
            clearOutcome();
            return null;
        }
        try {
            return new PatientDetails(name.get(), born, sex.get(), contact.get());
        } catch (InvalidInputException e) {
            // Too long, or characters that cannot be printed, in the name or the contact.
            clearOutcome();
            saving.problemProperty().set(e.getMessage());
            return null;
        }
    }

    private void registered(Registration registration, PatientDetails details, DoctorChoice doctor) {
        registeredMrn.set(registration.mrn().formatted());
        result.set(registration.firstDoctor() == null
                ? Texts.format("reception.patientRegistration.registered", details.name())
                : Texts.format("reception.patientRegistration.registeredWithDoctor", details.name(), doctor.label()));
        if (registration.hasPossibleDuplicates()) {
            List<MedicalRecordNumber> duplicates = registration.possibleDuplicates();
            duplicateWarning.set(Texts.format("reception.patientRegistration.possibleDuplicates", duplicates.size(),
                    duplicates.stream().map(MedicalRecordNumber::formatted).collect(Collectors.joining(", "))));
        }
        name.set("");
        dateOfBirth.set("");
        sex.set(null);
        contact.set("");
        firstDoctor.set(DoctorChoice.NONE);
        clearSecrets();
        registered.run();
    }

    private void clearOutcome() {
        registeredMrn.set("");
        result.set("");
        duplicateWarning.set("");
    }

    /** Forgets the typed passphrases: once the patient is registered, and when the form is hidden. */
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

    /** Why the service refused, or what is wrong that belongs to no one field; empty otherwise. */
    public StringProperty problemProperty() {
        return saving.problemProperty();
    }

    /** What is wrong with one field; empty when nothing is. */
    public StringProperty problem(Field field) {
        return problems.of(field);
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
