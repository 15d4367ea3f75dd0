package org.clinicledger.ui.patient;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.clinicledger.clinic.Session;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.AccessPolicy.Reason;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.RecordId;
import org.clinicledger.domain.ShownRecord;
import org.clinicledger.domain.StaffMember;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.DialogService;
import org.clinicledger.ui.common.FieldProblems;
import org.clinicledger.ui.common.IsoDates;
import org.clinicledger.ui.common.PersonNames;
import org.clinicledger.ui.common.Texts;
import org.clinicledger.ui.common.TaskState;
import org.clinicledger.ui.record.RecordRow;

/** A signed-in patient's own records and who may read them: granting and revoking doctors' access. */
public final class PatientViewModel {

    /** A doctor who may read the patient's records now, and why. */
    public record DoctorAccess(String doctor, Reason reason, Instant until) {
    }

    /** The fields of the grant form, each with its own problem. */
    public enum GrantField { DOCTOR, LAST_DAY }

    private final Workspace workspace;
    private final Session session;
    private final BackgroundTasks tasks;
    private final DialogService dialogs;
    private final Clock clock;
    private final TaskState accessChange;
    private final ObservableList<RecordRow> records = FXCollections.observableArrayList();
    private final ObservableList<DoctorAccess> doctors = FXCollections.observableArrayList();
    private final ObservableList<StaffMember> clinicDoctors = FXCollections.observableArrayList();
    private final ObjectProperty<StaffMember> grantDoctor = new SimpleObjectProperty<>(this, "grantDoctor");
    private final StringProperty grantUntil = new SimpleStringProperty(this, "grantUntil", "");
    private final FieldProblems<GrantField> grantProblems = new FieldProblems<>(GrantField.class);
    private final ReadOnlyStringWrapper accessMessage = new ReadOnlyStringWrapper(this, "accessMessage", "");
    private Runnable onChainChanged = () -> { };

    /** {@code clock} decides "now" and the time zone the end of a grant's last day is in. */
    public PatientViewModel(Workspace workspace, Session session, BackgroundTasks tasks, DialogService dialogs,
            Clock clock) {
        this.workspace = workspace;
        this.session = session;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.clock = clock;
        this.accessChange = TaskState.inForm(tasks).reportedAs(Texts.get("patient.changingWhoHasAccess"));
    }

    /** Runs after something this model did wrote to the patient's chain. */
    public void setOnChainChanged(Runnable callback) {
        this.onChainChanged = callback;
    }

    public Session session() {
        return session;
    }

    /** Reads the records list and the doctors with access again. */
    public void refresh() {
        refreshRecords();
        refreshAccess();
    }

    /**
     * Reads the patient's own copy of their details (sealed for them on their chain) and gives
     * {@code shown} their name and what the tab says of them; nothing when there is no copy they can open.
     */
    public void loadOwnDetails(BiConsumer<String, String> shown) {
        MedicalRecordNumber mrn = new MedicalRecordNumber(session.chain().subject());
        tasks.task(Texts.get("patient.readingYourDetails"), progress -> workspace.registrations().ownDetails(session))
                .onSuccess(details -> details.ifPresent(known -> shown.accept(known.name(),
                        Texts.format("patient.whoYouAre", mrn.formatted(), IsoDates.format(known.dateOfBirth())))))
                .start();
    }

    /** Reads the clinic's doctors to choose from when granting access (by username: names are for staff). */
    public void loadDoctors() {
        tasks.task(Texts.get("patient.readingTheListOf"), progress -> workspace.accounts().doctors(session))
                .onSuccess(clinicDoctors::setAll)
                .start();
    }

    public void refreshRecords() {
        MedicalRecordNumber mrn = new MedicalRecordNumber(session.chain().subject());
        // Showing the current diagnoses reads them, which is logged on the chain: the chain is read again after.
        tasks.task(Texts.get("patient.listingYourRecords"), progress -> workspace.records().listChart(session, mrn))
                .onSuccess(found -> records.setAll(found.stream().map(summary -> new RecordRow(summary,
                        knownCode(summary.recordId()))).toList()))
                .onFinished(() -> onChainChanged.run())
                .start();
    }

    public void refreshAccess() {
        tasks.task(Texts.get("patient.readingWhoHasAccess"), progress -> workspace.access().doctorsWithAccess(session).stream()
                        .map(standing -> new DoctorAccess(standing.doctor().subject(), standing.reason(),
                                standing.until())).toList())
                .onSuccess(doctors::setAll)
                .start();
    }

    /**
     * Grants the doctor chosen in {@link #grantDoctorProperty()} access, until the end of the day typed
     * in {@link #grantUntilProperty()} or without end. A problem with a field shows at the field
     * ({@link #grantProblem}) and keeps what was typed; the service's refusals show in
     * {@link #accessProblemProperty()}.
     */
    public void grant() {
        accessMessage.set("");
        accessChange.problemProperty().set("");
        grantProblems.clear();
        StaffMember chosen = grantDoctor.get();
        if (chosen == null) {
            grantProblems.set(GrantField.DOCTOR, Texts.get("patient.chooseTheDoctorTo"));
        }
        LocalDate lastDay = null;
        try {
            lastDay = IsoDates.parse(grantUntil.get(), Texts.get("patient.theLastDay"));
            if (lastDay != null && lastDay.isBefore(LocalDate.now(clock))) {
                grantProblems.set(GrantField.LAST_DAY, Texts.format("patient.theLastDayIsInThePast",
                        IsoDates.format(lastDay)));
            }
        } catch (InvalidInputException e) {
            grantProblems.set(GrantField.LAST_DAY, e.getMessage());
        }
        if (grantProblems.any()) {
            return;
        }
        String doctor = chosen.username();
        String named = PersonNames.of(chosen);
        LocalDate last = lastDay;
        Instant until = last == null ? null : last.plusDays(1).atStartOfDay(clock.getZone()).toInstant();
        accessChange.run(Texts.get("patient.grantingAccess"), progress -> workspace.access().grant(session, doctor, until), change -> {
            grantDoctor.set(null);
            grantUntil.set("");
            accessMessage.set(last == null ? Texts.format("patient.mayNowRead", named)
                    : Texts.format("patient.mayNowReadUntil", named, IsoDates.format(last)));
            refreshAccess();
            onChainChanged.run();
        });
    }

    /** Confirms and revokes the doctor's access; their copies of your records' keys are destroyed. */
    public void revoke(DoctorAccess access) {
        if (access == null) {
            return;
        }
        if (!dialogs.confirm(Texts.get("patient.revokeAccess2"), Texts.format("patient.willNoLongerBe",
                access.doctor()), Texts.get("patient.revoke"))) {
            return;
        }
        accessMessage.set("");
        accessChange.run(Texts.get("patient.revokingAccess"), progress -> workspace.access().revoke(session, access.doctor()), change -> {
            accessMessage.set(Texts.format("patient.canNoLongerRead", access.doctor()));
            refreshAccess();
            onChainChanged.run();
        });
    }

    /** Opens one of your records (which is written on your chain) and hands it to {@code onOpened}. */
    public void open(RecordRow row, Consumer<ShownRecord> onOpened) {
        if (row == null) {
            return;
        }
        tasks.task(Texts.get("patient.openingTheRecord"), progress -> workspace.records().showRecord(session, row.recordId()))
                .onSuccess(shown -> {
                    String code = shown.latest().icd10() == null ? "—" : shown.latest().icd10().value();
                    for (int i = 0; i < records.size(); i++) {
                        if (records.get(i).recordId().equals(row.recordId())) {
                            records.set(i, new RecordRow(records.get(i).summary(), code));
                        }
                    }
                    onChainChanged.run();
                    onOpened.accept(shown);
                })
                .start();
    }

    private String knownCode(RecordId recordId) {
        return records.stream().filter(row -> row.recordId().equals(recordId)).findFirst()
                .map(RecordRow::icd10).orElse(null);
    }

    public ObservableList<RecordRow> records() {
        return records;
    }

    public ObservableList<DoctorAccess> doctors() {
        return doctors;
    }

    /** The clinic's doctors to grant access to, once {@link #loadDoctors()} has read them. */
    public ObservableList<StaffMember> clinicDoctors() {
        return clinicDoctors;
    }

    /** The doctor chosen to grant access to; null while none is. */
    public ObjectProperty<StaffMember> grantDoctorProperty() {
        return grantDoctor;
    }

    /** The last day of a grant as typed or picked (YYYY-MM-DD), or empty for a grant without end. */
    public StringProperty grantUntilProperty() {
        return grantUntil;
    }

    /** What is wrong with one field of the grant form; empty when nothing is. */
    public StringProperty grantProblem(GrantField field) {
        return grantProblems.of(field);
    }

    public ReadOnlyStringProperty accessProblemProperty() {
        return accessChange.problemProperty();
    }

    public ReadOnlyStringProperty accessMessageProperty() {
        return accessMessage.getReadOnlyProperty();
    }
}
