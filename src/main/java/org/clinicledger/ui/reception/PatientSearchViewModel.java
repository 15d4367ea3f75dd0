package org.clinicledger.ui.reception;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.clinicledger.clinic.ChosenFile;
import org.clinicledger.clinic.RegistrationService;
import org.clinicledger.clinic.Session;
import org.clinicledger.domain.DirectoryMatch;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PaperSize;
import org.clinicledger.domain.PatientDetails;
import org.clinicledger.domain.PatientFile;
import org.clinicledger.domain.PatientSummary;
import org.clinicledger.domain.Sex;
import org.clinicledger.domain.UserFacingException;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.FilePicker;
import org.clinicledger.ui.common.TaskState;
import org.clinicledger.ui.common.Formats;
import org.clinicledger.ui.common.Texts;

/**
 * The desk's patient directory: the list narrows as someone types (part of a name, an MRN or a date
 * of birth; nothing typed lists everyone), searched in the background, and only the answer to the
 * newest query is ever shown, however the answers arrive. The patient chosen is opened beside the
 * list with their history of corrections; a receptionist or an administrator corrects their details
 * there and prints their registration slip. What the directory shows is never logged.
 */
public final class PatientSearchViewModel {


    private final RegistrationService registrations;
    private final Session session;
    private final BackgroundTasks tasks;
    private final FilePicker files;
    private final TaskState correcting;
    private final StringProperty query = new SimpleStringProperty(this, "query", "");
    private final ObservableList<PatientSummary> results = FXCollections.observableArrayList();
    private final Set<MedicalRecordNumber> duplicates = new HashSet<>();
    private final StringProperty summary = new SimpleStringProperty(this, "summary", "");
    private final StringProperty problem = new SimpleStringProperty(this, "problem", "");
    private final ReadOnlyObjectWrapper<Boolean> searching = new ReadOnlyObjectWrapper<>(this, "searching", false);
    private final ObjectProperty<PatientSummary> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyObjectWrapper<PatientFile> file = new ReadOnlyObjectWrapper<>(this, "file");
    private final StringProperty corrected = new SimpleStringProperty(this, "corrected", "");
    /** "Merged into …" or "Also recorded as …" for the patient opened (decision 0033); empty otherwise. */
    private final StringProperty mergeState = new SimpleStringProperty(this, "mergeState", "");
    private final java.util.Map<MedicalRecordNumber, MedicalRecordNumber> mergedInto = new java.util.HashMap<>();
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    /** The form of a correction, filled from the patient opened. */
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty dateOfBirth = new SimpleStringProperty(this, "dateOfBirth", "");
    private final ObjectProperty<Sex> sex = new SimpleObjectProperty<>(this, "sex");
    private final StringProperty contact = new SimpleStringProperty(this, "contact", "");
    private final StringProperty dateProblem = new SimpleStringProperty(this, "dateProblem", "");
    /** How many searches and openings were started: an answer to an earlier one is dropped. */
    private long latestSearch;
    private long latestOpening;
    /** The MRN digits of a patient just registered, opened once the search finds them; null otherwise. */
    private String openWhenFound;

    public PatientSearchViewModel(RegistrationService registrations, Session session, BackgroundTasks tasks,
            FilePicker files) {
        this.files = Objects.requireNonNull(files, "files");
        this.registrations = Objects.requireNonNull(registrations, "registrations");
        this.session = Objects.requireNonNull(session, "session");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.correcting = TaskState.inForm(tasks);
        query.addListener((observable, before, now) -> search());
        selected.addListener((observable, before, now) -> open(now));
    }

    /** Searches for what the field holds now; the answer replaces the list only while no newer search was started. */
    public void search() {
        long search = ++latestSearch;
        String text = query.get();
        searching.set(true);
        tasks.task(Texts.get("reception.patientSearch.searchingThePatients"), progress -> registrations.directorySearch(session, text))
                .onSuccess(found -> {
                    if (search == latestSearch) {
                        searching.set(false);
                        found(found);
                    }
                })
                .onFailure(failure -> {
                    if (search != latestSearch) {
                        return;
                    }
                    searching.set(false);
                    results.clear();
                    summary.set("");
                    if (failure instanceof UserFacingException expected) {
                        problem.set(expected.getMessage());
                    } else {
                        problem.set("");
                        tasks.dialogs().reportFailure(Texts.get("reception.patientSearch.searchingThePatients"), failure);
                    }
                })
                .start();
    }

    /**
     * Finds and opens the patient just registered (their MRN as the desk sees it), so that their
     * slip is one click away.
     */
    public void showRegistered(String mrn) {
        if (mrn == null || mrn.isBlank()) {
            return;
        }
        openWhenFound = mrn.replace("-", "");
        query.set(mrn);
    }

    private void found(List<DirectoryMatch> matches) {
        if (openWhenFound != null) {
            String wanted = openWhenFound;
            openWhenFound = null;
            matches.stream().map(DirectoryMatch::patient).filter(patient -> patient.mrn().digits().equals(wanted))
                    .findFirst().ifPresent(this::open);
        }
        problem.set("");
        duplicates.clear();
        matches.stream().filter(DirectoryMatch::possibleDuplicate).forEach(match -> duplicates.add(match.patient().mrn()));
        mergedInto.clear();
        matches.stream().filter(DirectoryMatch::merged).forEach(match -> mergedInto.put(match.patient().mrn(),
                match.mergedInto()));
        results.setAll(matches.stream().map(DirectoryMatch::patient).toList());
        summary.set(Texts.format("reception.patientSearch.patientsMatch", matches.size()));
    }

    /** The MRN {@code patient} was merged into, as of the last answer; null when they were not. */
    public MedicalRecordNumber mergedInto(PatientSummary patient) {
        return patient == null ? null : mergedInto.get(patient.mrn());
    }

    /** Whether another patient looks like {@code patient} (decision 0033), as of the last answer. */
    public boolean isPossibleDuplicate(PatientSummary patient) {
        return patient != null && duplicates.contains(patient.mrn());
    }

    /**
     * Opens {@code patient} beside the list. No patient chosen (the list was searched again and the
     * row went) keeps the one opened: the desk is still with them until it chooses another.
     */
    private void open(PatientSummary patient) {
        if (patient == null) {
            return;
        }
        long opening = ++latestOpening;
        message.set("");
        correcting.problemProperty().set("");
        dateProblem.set("");
        tasks.task(Texts.get("reception.patientSearch.openingThePatientsDetails"), progress -> registrations.patientFile(session, patient.mrn())
                        .orElse(null))
                .onSuccess(opened -> {
                    if (opening == latestOpening) {
                        show(opened);
                    }
                })
                .start();
    }

    private void show(PatientFile opened) {
        file.set(opened);
        PatientDetails details = opened == null ? null : opened.details();
        name.set(details == null ? "" : details.name());
        dateOfBirth.set(details == null ? "" : details.dateOfBirth().toString());
        sex.set(details == null ? null : details.sex());
        contact.set(details == null || details.contact() == null ? "" : details.contact());
        corrected.set(opened == null || opened.corrections().isEmpty() ? ""
                : correctedLine(opened.corrections().get(opened.corrections().size() - 1)));
        mergeState.set(opened == null ? "" : mergeLine(opened));
    }

    private static String mergeLine(PatientFile opened) {
        if (opened.mergedInto().isPresent()) {
            PatientSummary into = opened.mergedInto().get();
            return Texts.format("reception.patientSearch.mergedIntoAddThere", into.name(), into.mrn().formatted());
        }
        return opened.alsoRecordedAs().isEmpty() ? "" : Texts.format("reception.patientSearch.alsoRecordedAs", opened.alsoRecordedAs()
                .stream().map(other -> Texts.format("reception.patientSearch.otherMrn", other.mrn().formatted()))
                .collect(java.util.stream.Collectors.joining(", ")));
    }

    /**
     * Merges the patient opened into the patient the directory pairs them with (the first such pair,
     * decision 0033), after asking the reason; the list is searched again and the patient opened anew
     * shows "Merged into …". Nothing is written when the desk gives no reason.
     */
    public void mergeIntoPaired() {
        PatientFile opened = file.get();
        if (opened == null || correcting.isBusy() || opened.mergedInto().isPresent()) {
            return;
        }
        message.set("");
        correcting.problemProperty().set("");
        MedicalRecordNumber duplicate = opened.mrn();
        correcting.run(Texts.get("reception.patientSearch.findingThePatientTo"), progress -> registrations.suspectedDuplicates(session)
                .stream().filter(pair -> pair.first().mrn().equals(duplicate) || pair.second().mrn().equals(duplicate))
                .map(pair -> pair.first().mrn().equals(duplicate) ? pair.second() : pair.first())
                .findFirst().orElse(null), survivor -> {
                    if (survivor == null) {
                        correcting.problemProperty().set(Texts.get("reception.patientSearch.noOtherPatientLooks"));
                        return;
                    }
                    tasks.dialogs().askForText(Texts.format("reception.patientSearch.mergeInto", survivor.name(),
                            survivor.mrn().formatted()), Texts.get("reception.patientSearch.whyAreTheySame"), "").ifPresent(reason ->
                            correcting.run(Texts.get("reception.patientSearch.mergingThePatients"), progress -> {
                                registrations.mergePatients(session, duplicate, survivor.mrn(), reason);
                                return registrations.patientFile(session, duplicate).orElse(null);
                            }, merged -> {
                                show(merged);
                                message.set(Texts.format("reception.patientSearch.mergedIntoBothStay", survivor.name(),
                                        survivor.mrn().formatted()));
                                search();
                            }));
                });
    }

    private static String correctedLine(PatientFile.Correction last) {
        return Texts.format("reception.patientSearch.correctedOnBy", Formats.time(last.at()), last.by());
    }

    /**
     * Saves the form as the patient's corrected details: a date that is not {@code YYYY-MM-DD} or does
     * not exist is said at its field and nothing is written; what was typed stays in the form.
     */
    public void saveCorrection() {
        PatientFile opened = file.get();
        if (opened == null || correcting.isBusy()) {
            return;
        }
        message.set("");
        dateProblem.set("");
        correcting.problemProperty().set("");
        LocalDate born;
        PatientDetails details;
        try {
            born = PatientDetails.parseDateOfBirth(dateOfBirth.get());
        } catch (InvalidInputException wrong) {
            dateProblem.set(wrong.getMessage());
            return;
        }
        try {
            details = new PatientDetails(name.get(), born, sex.get(), contact.get());
        } catch (InvalidInputException wrong) {
            correcting.problemProperty().set(wrong.getMessage());
            return;
        }
        MedicalRecordNumber mrn = opened.mrn();
        correcting.run(Texts.get("reception.patientSearch.correctingThePatientsDetails"),
                progress -> registrations.correctPatient(session, mrn, details), saved -> {
                    if (file.get() != null && file.get().mrn().equals(saved.mrn())) {
                        show(saved);
                    }
                    message.set(Texts.get("reception.patientSearch.theDetailsAreCorrected"));
                    search();
                });
    }

    /** Asks where to save the chosen patient's registration slip, on the paper usual here, and saves it. */
    public void printSlip() {
        if (file.get() != null) {
            files.chooseFileToSave(Texts.get("reception.patientSearch.saveTheRegistrationSlip"), suggestedSlipName())
                    .ifPresent(target -> saveSlip(target, PaperSize.forLocale(Locale.getDefault())));
        }
    }

    /** Saves the chosen patient's registration slip as a PDF on {@code paper}. */
    public void saveSlip(Path target, PaperSize paper) {
        PatientFile opened = file.get();
        if (opened == null || target == null) {
            return;
        }
        message.set("");
        MedicalRecordNumber mrn = opened.mrn();
        correcting.run(Texts.get("reception.patientSearch.savingTheRegistrationSlip"), progress -> {
            ChosenFile.write(target, registrations.registrationSlip(session, mrn, paper), true);
            return target;
        }, saved -> message.set(Texts.format("reception.patientSearch.savedTheRegistrationSlip", saved.getFileName())));
    }

    /** The name a saved slip is offered under. */
    public String suggestedSlipName() {
        PatientFile opened = file.get();
        return opened == null ? "registration-slip.pdf" : "registration-slip-" + opened.mrn().formatted() + ".pdf";
    }

    /** Forgets the results and the patient opened (names and dates of birth) when the desk is left. */
    public void clear() {
        latestSearch++;
        latestOpening++;
        results.clear();
        duplicates.clear();
        summary.set("");
        problem.set("");
        searching.set(false);
        show(null);
    }

    /** The patient chosen among the results (for an emergency access); null while none is. */
    public ObjectProperty<PatientSummary> selectedProperty() {
        return selected;
    }

    public StringProperty queryProperty() {
        return query;
    }

    public ObservableList<PatientSummary> results() {
        return results;
    }

    /** How many matched, after a search; empty otherwise. */
    public StringProperty summaryProperty() {
        return summary;
    }

    public StringProperty problemProperty() {
        return problem;
    }

    public ReadOnlyObjectProperty<Boolean> searchingProperty() {
        return searching.getReadOnlyProperty();
    }

    /** The patient opened beside the list; null while none is. */
    public ReadOnlyObjectProperty<PatientFile> fileProperty() {
        return file.getReadOnlyProperty();
    }

    /** "Corrected on … by …" for a patient whose details were corrected; empty otherwise. */
    public StringProperty mergeStateProperty() {
        return mergeState;
    }

    public StringProperty correctedProperty() {
        return corrected;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty dateOfBirthProperty() {
        return dateOfBirth;
    }

    public ObjectProperty<Sex> sexProperty() {
        return sex;
    }

    public StringProperty contactProperty() {
        return contact;
    }

    /** Why the date of birth typed is not one; shown at the field. */
    public StringProperty dateProblemProperty() {
        return dateProblem;
    }

    /** Why the correction was refused. */
    public StringProperty correctionProblemProperty() {
        return correcting.problemProperty();
    }

    /** What was saved. */
    public StringProperty messageProperty() {
        return message;
    }

    public ReadOnlyBooleanProperty correctingProperty() {
        return correcting.busyProperty();
    }
}
