package org.clinicledger.ui.doctor;

import java.util.List;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.Window;

import org.clinicledger.clinic.Session;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.PatientSummary;
import org.clinicledger.domain.RecordVersion;
import org.clinicledger.ui.chain.ChainTable;
import org.clinicledger.ui.chain.ChainViewModel;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.DialogService;
import org.clinicledger.ui.common.FilePicker;
import org.clinicledger.ui.common.FxFilePicker;
import org.clinicledger.ui.common.InlineMessage;
import org.clinicledger.ui.common.Page;
import org.clinicledger.ui.common.TextColumn;
import org.clinicledger.ui.record.RecordDialog;
import org.clinicledger.ui.record.RecordEditorDialog;
import org.clinicledger.ui.record.RecordEditorViewModel;
import org.clinicledger.ui.record.RecordRow;
import org.clinicledger.ui.record.RecordTable;
import org.clinicledger.ui.record.RecordViewModel;

/** The Doctor tab for a signed-in doctor: patients, their records, referrals, and the doctor's own chain. */
public final class DoctorView extends Page {

    private final Workspace workspace;
    private final BackgroundTasks tasks;
    private final DoctorViewModel model;
    private final ChainViewModel chain;
    private final FilePicker files;

    public DoctorView(Workspace workspace, Session session, BackgroundTasks tasks, DialogService dialogs) {
        this(workspace, session, tasks, dialogs, null);
    }

    /** With another way of choosing files than the system's file chooser (tests). */
    DoctorView(Workspace workspace, Session session, BackgroundTasks tasks, DialogService dialogs, FilePicker files) {
        super("Doctor", "Find a patient, then add, open, amend or delete their records, or refer them. "
                + "Every step is written to your chain and the patient's.");
        setId("doctorView");
        this.workspace = workspace;
        this.tasks = tasks;
        this.files = files != null ? files : new FxFilePicker(this::window);
        this.model = new DoctorViewModel(workspace, session, tasks, dialogs);
        this.chain = new ChainViewModel(workspace, session, tasks);
        model.setOnChainChanged(chain::refresh);

        TextField query = new TextField();
        query.setId("patientSearchField");
        query.setPromptText("Name, MRN or date of birth (YYYY-MM-DD)");
        query.textProperty().bindBidirectional(model.queryProperty());
        query.setOnAction(event -> model.search());
        HBox.setHgrow(query, Priority.ALWAYS);
        Button search = new Button("Search");
        search.setId("patientSearchButton");
        search.setOnAction(event -> model.search());
        Label found = new Label();
        found.setId("patientSearchResult");
        found.getStyleClass().add(Styles.TEXT_MUTED);
        found.textProperty().bind(model.searchResultProperty());
        TableView<PatientSummary> patients = patientsTable();
        model.patientProperty().bind(patients.getSelectionModel().selectedItemProperty());
        section("Patients", new HBox(8, query, search), found, patients);

        Label heading = new Label();
        heading.setId("recordsHeading");
        heading.setWrapText(true);
        heading.textProperty().bind(model.recordsHeadingProperty());
        TableView<RecordRow> records = RecordTable.create("recordsTable", model.records(),
                "No records to show.");
        var selected = records.getSelectionModel().selectedItemProperty();
        var noPatient = model.patientProperty().isNull();
        var noLiveRecord = Bindings.createBooleanBinding(() -> selected.get() == null
                || selected.get().summary().deleted(), selected);
        var noWriting = noPatient.or(model.mayWriteProperty().not());
        Button add = button("addRecordButton", "Add record…", noWriting);
        add.getStyleClass().add(Styles.ACCENT);
        add.setOnAction(event -> openEditor(RecordEditorViewModel.forNewRecord(workspace, session, tasks,
                model.patientLabel())));
        Label noAccess = InlineMessage.warning("noAccessReason", model.noAccessProperty());
        Button open = button("openRecordButton", "Open", noLiveRecord);
        open.setOnAction(event -> model.open(selected.get(), shown -> RecordDialog.show(window(),
                new RecordViewModel(workspace, session, tasks, shown, model.patientLabel()), this.files,
                model.mayWriteProperty().get() ? this::amend : null)));
        records.setOnMouseClicked(event -> {
            if (event.getClickCount() == 2 && !open.isDisabled()) {
                open.fire();
            }
        });
        Button delete = button("deleteRecordButton", "Delete…", noLiveRecord.or(model.mayWriteProperty().not()));
        delete.getStyleClass().add(Styles.DANGER);
        delete.setOnAction(event -> model.delete(selected.get()));
        Button refer = button("referButton", "Refer patient…", noPatient);
        refer.setOnAction(event -> ReferDialog.show(window(), new ReferViewModel(workspace, session, tasks,
                model.patientProperty().get()), referred -> {
                    chain.refresh();
                    dialogs.showInformation("Referred", referred);
                }));
        section("Records", heading, records, new HBox(8, add, open, delete, refer), noAccess);

        Label summary = new Label();
        summary.setId("chainSummary");
        summary.textProperty().bind(chain.summaryProperty());
        Button reload = new Button("Refresh");
        reload.setId("refreshChainButton");
        reload.setOnAction(event -> chain.refresh());
        section("My chain", summary, ChainTable.blocks("chainTable", chain.blocks(), chain.self()), reload);
        chain.refresh();
    }

    private void amend(RecordVersion shown) {
        openEditor(RecordEditorViewModel.forAmendment(workspace, model.session(), tasks, shown, model.patientLabel()));
    }

    private void openEditor(RecordEditorViewModel editor) {
        RecordEditorDialog.show(window(), editor, files, added -> {
            model.refreshRecords();
            chain.refresh();
        });
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    private static Button button(String id, String text, javafx.beans.value.ObservableBooleanValue disabled) {
        Button button = new Button(text);
        button.setId(id);
        button.disableProperty().bind(disabled);
        return button;
    }

    private TableView<PatientSummary> patientsTable() {
        TableView<PatientSummary> table = new TableView<>(model.patients());
        table.setId("patientsTable");
        table.setPlaceholder(new Label("Search for a patient."));
        table.setPrefHeight(150);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().addAll(List.of(
                TextColumn.<PatientSummary>of("MRN", 120, patient -> patient.mrn().toString()),
                TextColumn.<PatientSummary>of("Name", 260, PatientSummary::name),
                TextColumn.<PatientSummary>of("Date of birth", 120, patient -> patient.dateOfBirth().toString())));
        return table;
    }


    /** The view model, for tests. */
    DoctorViewModel model() {
        return model;
    }
}
