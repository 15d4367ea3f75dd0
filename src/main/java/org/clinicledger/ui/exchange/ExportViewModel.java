package org.clinicledger.ui.exchange;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.clinicledger.clinic.ExchangeService;
import org.clinicledger.clinic.Session;
import org.clinicledger.domain.ExportScope;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.Role;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.CancelSwitch;
import org.clinicledger.ui.common.TaskState;
import org.clinicledger.ui.common.Texts;

/**
 * File ▸ Export…: what to export, as the signed-in person's role allows (administrators anything,
 * a doctor their patients or one of them, a patient themselves), whether the file also starts a
 * new machine, then the export in the background with a working Cancel. The service decides
 * again who may export what; the choices here only spare people a refusal.
 */
public final class ExportViewModel {

    /** What the dialog offers, in words. */
    public enum Choice {
        WHOLE_CLINIC(Texts.get("exchange.export.theWholeClinic")),
        DOCTOR(Texts.get("exchange.export.aDoctorAndThe")),
        MY_PATIENTS(Texts.get("exchange.export.myPatientsEveryoneI")),
        PATIENT(Texts.get("exchange.export.onePatientByMrn")),
        MYSELF(Texts.get("exchange.export.myOwnChainAnd"));

        private final String words;

        Choice(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    private final ExchangeService exchange;
    private final Session session;
    private final TaskState exporting;
    private final CancelSwitch cancel = new CancelSwitch();
    private final ObservableList<Choice> choices;
    private final ObjectProperty<Choice> choice = new SimpleObjectProperty<>(this, "choice");
    private final StringProperty subject = new SimpleStringProperty(this, "subject", "");
    private final BooleanProperty newMachine = new SimpleBooleanProperty(this, "newMachine");
    private final BooleanBinding needsSubject;
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper(this, "result", "");

    public ExportViewModel(ExchangeService exchange, Session session, BackgroundTasks tasks) {
        this.exchange = exchange;
        this.session = session;
        this.exporting = TaskState.inForm(tasks).reportedAs(Texts.get("exchange.export.theExportCouldNot")).announced();
        this.choices = FXCollections.observableArrayList(choicesFor(session.role()));
        choice.set(choices.isEmpty() ? null : choices.get(0));
        needsSubject = Bindings.createBooleanBinding(
                () -> choice.get() == Choice.DOCTOR || choice.get() == Choice.PATIENT, choice);
        choice.addListener((observable, before, now) -> {
            subject.set("");
            exporting.problemProperty().set("");
        });
        subject.addListener((observable, before, now) -> exporting.problemProperty().set(""));
    }

    /** Receptionists register people but hold no records, so they export nothing. */
    public static boolean mayExport(Role role) {
        return !choicesFor(role).isEmpty();
    }

    static List<Choice> choicesFor(Role role) {
        return switch (role) {
            case ADMINISTRATOR -> List.of(Choice.WHOLE_CLINIC, Choice.DOCTOR, Choice.PATIENT);
            case DOCTOR -> List.of(Choice.MY_PATIENTS, Choice.PATIENT);
            case PATIENT -> List.of(Choice.MYSELF);
            case RECEPTIONIST -> List.of();
        };
    }

    /**
     * What the choice and the field say, or empty with the reason on the problem line (an MRN
     * whose check digit is wrong, a username that cannot be one).
     */
    public Optional<ExportScope> scope() {
        try {
            Choice chosen = choice.get();
            if (chosen == null) {
                return Optional.empty();
            }
            if ((chosen == Choice.DOCTOR || chosen == Choice.PATIENT) && subject.get().isBlank()) {
                exporting.problemProperty().set(chosen == Choice.DOCTOR
                        ? Texts.get("exchange.export.typeTheDoctorsUsername")
                        : Texts.get("exchange.export.typeThePatientsMrn"));
                return Optional.empty();
            }
            return Optional.of(switch (chosen) {
                case WHOLE_CLINIC -> ExportScope.clinic();
                case DOCTOR -> ExportScope.doctor(subject.get().strip());
                case MY_PATIENTS -> ExportScope.doctor(session.username());
                case PATIENT -> ExportScope.patient(MedicalRecordNumber.parse(subject.get().strip()));
                case MYSELF -> ExportScope.patient(new MedicalRecordNumber(session.username()));
            });
        } catch (InvalidInputException e) {
            exporting.problemProperty().set(e.getMessage());
            return Optional.empty();
        }
    }

    /** The file name to offer: what the export holds and today's date, ending in {@code .clchain}. */
    public Optional<String> suggestedName() {
        return scope().map(exchange::suggestedName);
    }

    /**
     * Writes the export to {@code out} in the background (replacing a file there: the save dialog
     * has asked). A cancelled export leaves no file, as the file is moved into place only whole.
     */
    public void export(Path out) {
        Optional<ExportScope> scope = scope();
        if (exporting.isBusy() || scope.isEmpty()) {
            return;
        }
        boolean machine = newMachine.get();
        result.set("");
        cancel.reset();
        exporting.run(Texts.format("exchange.export.exporting", scope.get().describe()),
                progress -> exchange.export(session, scope.get(), machine, out, true, progress, cancel),
                summary -> result.set(Texts.format("exchange.export.saved", summary.headline(),
                        summary.file().getFileName())));
    }

    /** Stops the running export; the problem line then says that nothing was written. */
    public void cancel() {
        if (exporting.isBusy()) {
            cancel.request();
        }
    }

    public ObservableList<Choice> choices() {
        return choices;
    }

    public ObjectProperty<Choice> choiceProperty() {
        return choice;
    }

    /** The doctor's username or the patient's MRN, when the choice needs one. */
    public StringProperty subjectProperty() {
        return subject;
    }

    public BooleanBinding needsSubjectProperty() {
        return needsSubject;
    }

    /** Also start a replica machine (an offline workstation) that only this person can set up. */
    public BooleanProperty newMachineProperty() {
        return newMachine;
    }

    public ReadOnlyBooleanProperty exportingProperty() {
        return exporting.busyProperty();
    }

    public StringProperty problemProperty() {
        return exporting.problemProperty();
    }

    /** The finished export's headline; empty before. */
    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }
}
