package org.clinicledger.ui.doctor;

import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Consumer;


import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.clinicledger.clinic.Session;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.ChartEvent;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PatientSummary;
import org.clinicledger.domain.RecordId;
import org.clinicledger.domain.ShownRecord;
import org.clinicledger.domain.UserFacingException;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.DialogService;
import org.clinicledger.ui.common.Formats;
import org.clinicledger.ui.common.Texts;
import org.clinicledger.ui.record.PatientLabel;
import org.clinicledger.ui.record.RecordRow;

/**
 * A signed-in doctor's work: their own patients ("My patients") or the directory's matches as they
 * type, the chosen patient's chart (the records the doctor may see and the timeline of the
 * patient's chain), opening and deleting. Writing records goes through {@link org.clinicledger.ui.record.RecordEditorViewModel}, referring
 * through {@link ReferViewModel}.
 */
public final class DoctorViewModel {

    private final Workspace workspace;
    private final Session session;
    private final BackgroundTasks tasks;
    private final DialogService dialogs;
    private final StringProperty query = new SimpleStringProperty(this, "query", "");
    private final ObservableList<PatientLine> patients = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper searchResult = new ReadOnlyStringWrapper(this, "searchResult", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyStringWrapper listHeading = new ReadOnlyStringWrapper(this, "listHeading", MY_PATIENTS);
    private final ObservableList<ChartEvent> timeline = FXCollections.observableArrayList();
    private final ZoneId zone;
    /** How many searches were started: an answer to an earlier one is dropped. */
    private long latestSearch;
    private final ObjectProperty<PatientSummary> patient = new SimpleObjectProperty<>(this, "patient");
    private final ObservableList<RecordRow> records = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper recordsHeading = new ReadOnlyStringWrapper(this, "recordsHeading",
            Texts.get("doctor.chooseAPatientTo"));
    private final ReadOnlyBooleanWrapper mayWrite = new ReadOnlyBooleanWrapper(this, "mayWrite", false);
    private final ReadOnlyStringWrapper noAccess = new ReadOnlyStringWrapper(this, "noAccess", "");
    private Runnable onChainChanged = () -> { };

    public DoctorViewModel(Workspace workspace, Session session, BackgroundTasks tasks, DialogService dialogs) {
        this(workspace, session, tasks, dialogs, ZoneId.systemDefault());
    }

    /** In {@code zone}'s days (tests). */
    DoctorViewModel(Workspace workspace, Session session, BackgroundTasks tasks, DialogService dialogs, ZoneId zone) {
        this.zone = zone;
        this.workspace = workspace;
        this.session = session;
        this.tasks = tasks;
        this.dialogs = dialogs;
        patient.addListener((observable, before, now) -> refreshRecords());
        query.addListener((observable, before, now) -> search());
    }

    /** Runs after something this model did wrote to the doctor's chain. */
    public void setOnChainChanged(Runnable callback) {
        this.onChainChanged = callback;
    }

    public Session session() {
        return session;
    }

    /**
     * Shows "My patients" while the search field is blank, else the directory's matches for what it
     * holds; each change is answered in the background and only the answer to the newest is shown,
     * however the answers arrive. A query that is not one (a mistyped MRN, a date that does not
     * exist) is said under the field and the list is emptied.
     */
    public void search() {
        long search = ++latestSearch;
        String text = query.get();
        boolean mine = text == null || text.isBlank();
        searchResult.set("");
        problem.set("");
        if (mine) {
            tasks.task(Texts.get("doctor.listingYourPatients"), progress -> workspace.doctorDesk().myPatients(session))
                    .onSuccess(found -> {
                        if (search == latestSearch) {
                            listHeading.set(MY_PATIENTS);
                            patients.setAll(found.stream().map(entry -> PatientLine.of(entry, zone)).toList());
                            searchResult.set(found.isEmpty() ? Texts.get("doctor.noPatientsOfYours") : "");
                        }
                    })
                    .start();
            return;
        }
        tasks.task(Texts.get("doctor.searchingPatients"), progress -> workspace.registrations().directorySearch(session, text))
                .onSuccess(found -> {
                    if (search == latestSearch) {
                        listHeading.set(MATCHES);
                        patients.setAll(found.stream().map(match -> PatientLine.match(match.patient())).toList());
                        searchResult.set(Texts.format("doctor.patientsMatch", found.size()));
                    }
                })
                .onFailure(failure -> {
                    if (search != latestSearch) {
                        return;
                    }
                    patients.clear();
                    if (failure instanceof UserFacingException expected) {
                        problem.set(expected.getMessage());
                    } else {
                        tasks.dialogs().reportFailure(Texts.get("doctor.searchingPatients"), failure);
                    }
                })
                .start();
    }

    /** The list's heading while it shows the doctor's own patients. */
    public static final String MY_PATIENTS = Texts.get("doctor.myPatients");
    /** The list's heading while it shows what the search found. */
    public static final String MATCHES = Texts.get("doctor.matchesInTheDirectory");

    /** Opens {@code chosen}'s chart, or opens it again when it is the one open already. */
    public void choose(PatientSummary chosen) {
        if (chosen != null && chosen.equals(patient.get())) {
            refreshRecords();
        } else {
            patient.set(chosen);
        }
    }

    /** What a doctor without access is told instead of being offered a form that would be refused. */
    public static final String NO_ACCESS = Texts.get("doctor.youHaveNoAccess");

    /**
     * Opens the chosen patient's chart again: each record with its current version's diagnosis
     * where the patient's chain lets this doctor read it (the service logs that reading once per
     * version and session), the timeline of the patient's chain, and whether the doctor may write
     * the patient's records now.
     */
    public void refreshRecords() {
        PatientSummary chosen = patient.get();
        if (chosen == null) {
            records.clear();
            timeline.clear();
            recordsHeading.set(Texts.get("doctor.chooseAPatientTo"));
            mayWrite.set(false);
            noAccess.set("");
            return;
        }
        MedicalRecordNumber mrn = chosen.mrn();
        tasks.task(Texts.get("doctor.openingTheChart"), progress -> workspace.doctorDesk().chart(session, mrn))
                .onSuccess(chart -> {
                    if (!chosen.equals(patient.get())) {
                        return;
                    }
                    records.setAll(chart.records().stream()
                            .map(summary -> new RecordRow(summary, knownCode(summary.recordId()))).toList());
                    timeline.setAll(chart.timeline());
                    String born = Formats.date(chosen.dateOfBirth());
                    recordsHeading.set(chart.records().isEmpty()
                            ? Texts.format("doctor.chartHeadingNoRecords", chosen.name(), chosen.mrn(), born)
                            : Texts.format("doctor.chartHeading", chosen.name(), chosen.mrn(), born));
                    mayWrite.set(chart.mayWrite());
                    noAccess.set(chart.mayWrite() ? "" : NO_ACCESS);
                    onChainChanged.run();
                })
                .start();
    }

    private String knownCode(RecordId recordId) {
        return records.stream().filter(row -> row.recordId().equals(recordId)).findFirst()
                .map(RecordRow::opened).orElse(null);
    }

    /** Opens a record (which logs a record-viewed block) and hands it to {@code onOpened}. */
    public void open(RecordRow row, Consumer<ShownRecord> onOpened) {
        if (row == null) {
            return;
        }
        tasks.task(Texts.get("doctor.openingTheRecord"), progress -> workspace.records().showRecord(session, row.recordId()))
                .onSuccess(shown -> {
                    remember(shown);
                    onChainChanged.run();
                    onOpened.accept(shown);
                })
                .start();
    }

    private void remember(ShownRecord shown) {
        String code = shown.latest().icd10() == null ? "—" : shown.latest().icd10().value();
        for (int i = 0; i < records.size(); i++) {
            RecordRow row = records.get(i);
            if (row.recordId().equals(shown.latest().id())) {
                records.set(i, new RecordRow(row.summary(), code));
            }
        }
    }

    /** Asks for the reason, confirms, and deletes the record: a tombstone, and its content destroyed. */
    public void delete(RecordRow row) {
        if (row == null) {
            return;
        }
        Optional<String> reason = dialogs.askForText(Texts.get("doctor.deleteTheRecord"), Texts.get("doctor.whyIsItDeleted"), "");
        if (reason.isEmpty()) {
            return;
        }
        if (reason.get().isBlank()) {
            dialogs.showError(Texts.get("doctor.deleteTheRecord"), Texts.get("doctor.giveTheReasonFor"));
            return;
        }
        if (!dialogs.confirm(Texts.get("doctor.deleteTheRecord"), Texts.format("doctor.recordAndEveryVersion",
                row.recordId()), Texts.get("doctor.delete"))) {
            return;
        }
        String text = reason.get();
        tasks.task(Texts.get("doctor.deletingTheRecord"), progress -> workspace.records().deleteRecord(session, row.recordId(), text))
                .onSuccess(hashes -> {
                    refreshRecords();
                    onChainChanged.run();
                })
                .start();
    }

    public StringProperty queryProperty() {
        return query;
    }

    /** The doctor's own patients while the search field is blank, else the directory's matches. */
    public ObservableList<PatientLine> patients() {
        return patients;
    }

    /** "My patients" or "Matches in the directory": what the list shows now. */
    public ReadOnlyStringProperty listHeadingProperty() {
        return listHeading.getReadOnlyProperty();
    }

    /** Why what was typed in the search field is not a query; empty otherwise. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The chosen patient's chain as a timeline, newest first. */
    public ObservableList<ChartEvent> timeline() {
        return timeline;
    }

    public ReadOnlyStringProperty searchResultProperty() {
        return searchResult.getReadOnlyProperty();
    }

    /** The patient whose records are listed; null before one is chosen. */
    public ObjectProperty<PatientSummary> patientProperty() {
        return patient;
    }

    public ObservableList<RecordRow> records() {
        return records;
    }

    /** Whether the doctor may add, amend and delete the chosen patient's records now. */
    public ReadOnlyBooleanProperty mayWriteProperty() {
        return mayWrite.getReadOnlyProperty();
    }

    /** Why the doctor may not write the chosen patient's records; empty when they may, or no patient is chosen. */
    public ReadOnlyStringProperty noAccessProperty() {
        return noAccess.getReadOnlyProperty();
    }

    /** The chosen patient as record dialogs name them; null before one is chosen. */
    public PatientLabel patientLabel() {
        return patient.get() == null ? null : PatientLabel.of(patient.get());
    }

    public ReadOnlyStringProperty recordsHeadingProperty() {
        return recordsHeading.getReadOnlyProperty();
    }
}
