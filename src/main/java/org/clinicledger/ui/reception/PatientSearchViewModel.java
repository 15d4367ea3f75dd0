package org.clinicledger.ui.reception;

import java.util.List;
import java.util.Objects;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.clinicledger.clinic.RegistrationService;
import org.clinicledger.clinic.Session;
import org.clinicledger.domain.PatientSummary;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.TaskState;

/**
 * Finding patients at the desk by part of a name, an MRN or a date of birth. The search decrypts
 * the directory in memory in the background; what it finds is shown, never logged.
 */
public final class PatientSearchViewModel {

    private final RegistrationService registrations;
    private final Session session;
    private final TaskState searching;
    private final StringProperty query = new SimpleStringProperty(this, "query", "");
    private final ObservableList<PatientSummary> results = FXCollections.observableArrayList();
    private final StringProperty summary = new SimpleStringProperty(this, "summary", "");
    private final ObjectProperty<PatientSummary> selected = new SimpleObjectProperty<>(this, "selected");

    public PatientSearchViewModel(RegistrationService registrations, Session session, BackgroundTasks tasks) {
        this.registrations = Objects.requireNonNull(registrations, "registrations");
        this.session = Objects.requireNonNull(session, "session");
        this.searching = TaskState.inForm(tasks);
    }

    public void search() {
        if (searching.isBusy()) {
            return;
        }
        String text = query.get();
        summary.set("");
        searching.run("Searching the patients", progress -> registrations.searchPatients(session, text), this::found,
                failure -> results.clear());
    }

    private void found(List<PatientSummary> patients) {
        results.setAll(patients);
        summary.set(switch (patients.size()) {
            case 0 -> "No patient matches.";
            case 1 -> "1 patient matches.";
            default -> patients.size() + " patients match.";
        });
    }

    /** Forgets the results (names and dates of birth) when the desk is left. */
    public void clear() {
        results.clear();
        summary.set("");
        searching.problemProperty().set("");
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
        return searching.problemProperty();
    }

    public ReadOnlyBooleanProperty searchingProperty() {
        return searching.busyProperty();
    }
}
