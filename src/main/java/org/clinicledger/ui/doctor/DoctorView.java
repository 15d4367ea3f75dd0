package org.clinicledger.ui.doctor;

import java.util.List;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import org.clinicledger.clinic.Session;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.ChartEvent;
import org.clinicledger.domain.RecordVersion;
import org.clinicledger.ui.chain.ChainTable;
import org.clinicledger.ui.chain.ChainViewModel;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.DialogService;
import org.clinicledger.ui.common.FilePicker;
import org.clinicledger.ui.exchange.FhirExportView;
import org.clinicledger.ui.exchange.FhirExportViewModel;
import org.clinicledger.ui.common.Formats;
import org.clinicledger.ui.common.FxFilePicker;
import org.clinicledger.ui.common.HashText;
import org.clinicledger.ui.common.InlineMessage;
import org.clinicledger.ui.common.TextColumn;
import org.clinicledger.ui.common.Texts;
import org.clinicledger.ui.record.RecordDialog;
import org.clinicledger.ui.record.RecordEditorDialog;
import org.clinicledger.ui.record.RecordEditorViewModel;
import org.clinicledger.ui.record.RecordRow;
import org.clinicledger.ui.record.RecordTable;
import org.clinicledger.ui.record.RecordViewModel;

/**
 * The Doctor tab for a signed-in doctor, as a list and a detail across the window's width: on the
 * left "My patients" (or, while something is typed above it, the directory's matches), on the right
 * the chosen patient's chart (records, actions and the timeline of their chain); "My chain" is the
 * second page.
 */
public final class DoctorView extends TabPane {

    /** The patient list's share of the width; the chart has the rest. */
    private static final double LIST_SHARE = 0.3;

    private final Workspace workspace;
    private final BackgroundTasks tasks;
    private final DoctorViewModel model;
    private final ChainViewModel chain;
    private Tab chainTab;
    private boolean chainStale = true;
    private final FilePicker files;
    private final ReadOnlyStringWrapper chosenHash = new ReadOnlyStringWrapper(this, "chosenHash", "");

    public DoctorView(Workspace workspace, Session session, BackgroundTasks tasks, DialogService dialogs) {
        this(workspace, session, tasks, dialogs, null);
    }

    /** With another way of choosing files than the system's file chooser (tests). */
    DoctorView(Workspace workspace, Session session, BackgroundTasks tasks, DialogService dialogs, FilePicker files) {
        setId("doctorView");
        setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);
        getStyleClass().add(Styles.TABS_FLOATING);
        this.workspace = workspace;
        this.tasks = tasks;
        this.files = files != null ? files : new FxFilePicker(this::window);
        this.model = new DoctorViewModel(workspace, session, tasks, dialogs);
        this.chain = new ChainViewModel(workspace, session, tasks);
        model.setOnChainChanged(this::refreshChain);

        SplitPane patients = new SplitPane(patientList(), chart(session, dialogs));
        patients.setId("doctorSplit");
        patients.setDividerPositions(LIST_SHARE);
        SplitPane.setResizableWithParent(patients.getItems().get(0), false);
        Tab patientsTab = new Tab(Texts.get("doctor.patients"), patients);
        patientsTab.setId("doctorPatientsTab");
        chainTab = new Tab(Texts.get("doctor.myChain"), myChain());
        chainTab.setId("doctorChainTab");
        chainTab.selectedProperty().addListener((observable, before, selected) -> {
            if (selected && chainStale) {
                refreshChain();
            }
        });
        getTabs().addAll(patientsTab, chainTab);
        model.search();
    }

    /**
     * Reads the doctor's chain again if its page is open, else when it is next opened: reading it shows
     * diagnoses, which is logged as reading them (decision 0029), so it is read only to be seen.
     */
    private void refreshChain() {
        chainStale = !chainTab.isSelected();
        if (!chainStale) {
            chain.refresh();
        }
    }

    /** "My patients" or the matches, the search field above them. */
    private VBox patientList() {
        Label heading = new Label();
        heading.setId("patientListHeading");
        heading.getStyleClass().add(Styles.TITLE_4);
        heading.textProperty().bind(model.listHeadingProperty());
        TextField query = new TextField();
        query.setId("doctorSearchField");
        query.setPromptText(Texts.get("doctor.searchNameMrnOr"));
        query.setTooltip(new Tooltip(Texts.get("doctor.typeToSearchThe")));
        query.textProperty().bindBidirectional(model.queryProperty());
        Label problem = InlineMessage.problem("doctorSearchProblem", model.problemProperty());
        Label found = new Label();
        found.setId("patientSearchResult");
        found.setWrapText(true);
        found.getStyleClass().add(Styles.TEXT_MUTED);
        found.textProperty().bind(model.searchResultProperty());
        found.managedProperty().bind(found.textProperty().isNotEmpty());
        TableView<PatientLine> table = patientsTable();
        // The list changing under a search keeps the chart open: the doctor is with that patient until they choose another.
        table.getSelectionModel().selectedItemProperty().addListener((observable, before, now) -> {
            if (now != null) {
                model.choose(now.patient());
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox list = new VBox(8, heading, query, problem, found, table);
        list.setPadding(new Insets(12, 8, 12, 12));
        list.setMinWidth(280);
        return list;
    }

    /** The chosen patient's chart: who, the actions, the records, then the timeline of their chain. */
    private VBox chart(Session session, DialogService dialogs) {
        Label heading = new Label();
        heading.setId("recordsHeading");
        heading.setWrapText(true);
        heading.getStyleClass().add(Styles.TITLE_4);
        heading.textProperty().bind(model.recordsHeadingProperty());

        TableView<RecordRow> records = RecordTable.create("recordsTable", model.records(), Texts.get("doctor.noRecordsToShow"));
        var selected = records.getSelectionModel().selectedItemProperty();
        var noPatient = model.patientProperty().isNull();
        var noLiveRecord = Bindings.createBooleanBinding(() -> selected.get() == null
                || selected.get().summary().deleted(), selected);
        var noWriting = noPatient.or(model.mayWriteProperty().not());
        Button add = button("addRecordButton", Texts.get("doctor.addRecord"), noWriting,
                Texts.get("doctor.writeANewRecord"));
        add.getStyleClass().add(Styles.ACCENT);
        add.setOnAction(event -> openEditor(RecordEditorViewModel.forNewRecord(workspace, session, tasks,
                model.patientLabel())));
        Label noAccess = InlineMessage.warning("noAccessReason", model.noAccessProperty());
        Button open = button("openRecordButton", Texts.get("doctor.open"), noLiveRecord,
                Texts.get("doctor.openTheChosenRecord"));
        open.setOnAction(event -> model.open(selected.get(), shown -> RecordDialog.show(window(),
                new RecordViewModel(workspace, session, tasks, shown, model.patientLabel()), this.files,
                model.mayWriteProperty().get() ? this::amend : null)));
        records.setOnMouseClicked(event -> {
            if (event.getClickCount() == 2 && !open.isDisabled()) {
                open.fire();
            }
        });
        Button amend = button("amendRecordButton", Texts.get("doctor.amend"), noLiveRecord.or(model.mayWriteProperty().not()),
                Texts.get("doctor.writeANewVersion"));
        amend.setOnAction(event -> model.open(selected.get(), shown -> amend(shown.latest())));
        Button delete = button("deleteRecordButton", Texts.get("doctor.delete2"), noLiveRecord.or(model.mayWriteProperty().not()),
                Texts.get("doctor.deleteTheChosenRecord"));
        delete.getStyleClass().add(Styles.DANGER);
        delete.setOnAction(event -> model.delete(selected.get()));
        Button refer = button("referButton", Texts.get("doctor.referPatient"), noPatient,
                Texts.get("doctor.referThisPatientTo"));
        refer.setOnAction(event -> ReferDialog.show(window(), new ReferViewModel(workspace, session, tasks,
                model.patientProperty().get()), referred -> {
                    model.refreshRecords();
                    refreshChain();
                    dialogs.showInformation(Texts.get("doctor.referred"), referred);
                }));
        FhirExportViewModel fhir = new FhirExportViewModel(workspace, session, tasks, files);
        fhir.setOnRead(this::refreshChain);
        Button exportFhir = button("exportFhirButton", Texts.get("doctor.exportAsFhir"),
                noWriting.or(fhir.exportingProperty()), Texts.get("doctor.exportAsFhirTip"));
        exportFhir.setOnAction(event -> fhir.export(model.patientProperty().get().mrn()));
        model.patientProperty().addListener((observable, before, now) -> fhir.clear());
        FlowPane actions = new FlowPane(8, 8, add, open, amend, delete, refer,
                FhirExportView.withAttachments(exportFhir, fhir));

        TableView<ChartEvent> timeline = timelineTable();
        timeline.getSelectionModel().selectedItemProperty().addListener((observable, before, now) -> {
            chosenHash.set(now == null ? "" : now.hash());
            if (now != null && now.recordId() != null) {
                model.records().stream().filter(row -> row.recordId().value().equals(now.recordId())).findFirst()
                        .ifPresent(row -> records.getSelectionModel().select(row));
            }
        });
        HashText hash = new HashText("timelineHash", chosenHash.getReadOnlyProperty());
        Label timelineHeading = new Label(Texts.get("doctor.timeline"));
        timelineHeading.getStyleClass().add(Styles.TITLE_4);
        VBox timelineBox = new VBox(8, timelineHeading, timeline, hash);
        VBox.setVgrow(timeline, Priority.ALWAYS);
        records.setMinHeight(120);
        SplitPane split = new SplitPane(records, timelineBox);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.38);
        VBox.setVgrow(split, Priority.ALWAYS);
        VBox chart = new VBox(8, heading, actions, noAccess, InlineMessage.success("fhirMessage", fhir.messageProperty()),
                InlineMessage.problem("fhirProblem", fhir.problemProperty()), split);
        chart.setPadding(new Insets(12, 12, 12, 8));
        return chart;
    }

    /** The doctor's own chain: every block, in plain words. */
    private BorderPane myChain() {
        Label summary = new Label();
        summary.setId("chainSummary");
        summary.textProperty().bind(chain.summaryProperty());
        Button reload = new Button(Texts.get("doctor.refresh"));
        reload.setId("refreshChainButton");
        reload.setOnAction(event -> chain.refresh());
        BorderPane pane = new BorderPane(ChainTable.blocks("chainTable", chain.blocks(), chain.self()));
        pane.setTop(summary);
        pane.setBottom(reload);
        BorderPane.setMargin(summary, new Insets(0, 0, 8, 0));
        BorderPane.setMargin(reload, new Insets(8, 0, 0, 0));
        pane.setPadding(new Insets(12));
        return pane;
    }

    private void amend(RecordVersion shown) {
        openEditor(RecordEditorViewModel.forAmendment(workspace, model.session(), tasks, shown, model.patientLabel()));
    }

    private void openEditor(RecordEditorViewModel editor) {
        RecordEditorDialog.show(window(), editor, files, added -> {
            model.refreshRecords();
            refreshChain();
        });
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    private static Button button(String id, String text, ObservableBooleanValue disabled, String tip) {
        Button button = new Button(text);
        button.setId(id);
        button.disableProperty().bind(disabled);
        button.setTooltip(new Tooltip(tip));
        return button;
    }

    /**
     * Each patient by name, with MRN and date of birth under it and why they are listed under that:
     * one column of three short lines, so that nothing is cut off at the window's narrowest.
     */
    private TableView<PatientLine> patientsTable() {
        TableView<PatientLine> table = new TableView<>(model.patients());
        table.setId("patientsTable");
        table.setPlaceholder(new Label(Texts.get("doctor.noPatientsToShow")));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<PatientLine, PatientLine> patient = new TableColumn<>(Texts.get("doctor.patient"));
        patient.setCellValueFactory(cell -> new javafx.beans.property.ReadOnlyObjectWrapper<>(cell.getValue()));
        patient.setCellFactory(column -> new TableCell<>() {
            @Override
            protected void updateItem(PatientLine line, boolean empty) {
                super.updateItem(line, empty);
                setText(null);
                if (empty || line == null) {
                    setGraphic(null);
                    return;
                }
                Label name = new Label(line.patient().name());
                name.getStyleClass().add(Styles.TEXT_BOLD);
                Label secondary = new Label(Texts.format("doctor.mrnAndBirth", line.patient().mrn(),
                        Formats.date(line.patient().dateOfBirth())));
                secondary.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
                VBox lines = new VBox(2, name, secondary);
                if (!line.why().isEmpty()) {
                    Label why = new Label(line.why());
                    why.getStyleClass().add(Styles.TEXT_SMALL);
                    lines.getChildren().add(why);
                }
                setGraphic(lines);
            }
        });
        table.getColumns().add(patient);
        return table;
    }

    /** The patient's chain, newest first: when, what, who, the diagnosis where read, and the rest in words. */
    private TableView<ChartEvent> timelineTable() {
        TableView<ChartEvent> table = new TableView<>(model.timeline());
        table.setId("timelineTable");
        table.setPlaceholder(new Label(Texts.get("doctor.nothingOnThisPatients")));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<ChartEvent, String> when = TextColumn.atLeast(TextColumn.of(Texts.get("doctor.when"), 150,
                event -> Formats.time(event.at())), 150);
        table.getColumns().addAll(List.of(when,
                TextColumn.<ChartEvent>of(Texts.get("doctor.what"), 170, TimelineText::what),
                TextColumn.<ChartEvent>of(Texts.get("doctor.who"), 130, ChartEvent::who),
                TextColumn.<ChartEvent>of(Texts.get("doctor.diagnosisOrDetails"), 260, TimelineText::diagnosisOrDetail)));
        return table;
    }

    /** The view model, for tests. */
    DoctorViewModel model() {
        return model;
    }
}
