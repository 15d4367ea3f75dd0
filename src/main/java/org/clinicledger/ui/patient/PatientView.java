package org.clinicledger.ui.patient;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import atlantafx.base.theme.Styles;

import org.clinicledger.clinic.Session;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.AccessPolicy.Reason;
import org.clinicledger.domain.ChainLine;
import org.clinicledger.ui.chain.ChainTable;
import org.clinicledger.ui.chain.ChainViewModel;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.DialogService;
import org.clinicledger.ui.common.DoctorPicker;
import org.clinicledger.ui.common.FieldProblems;
import org.clinicledger.ui.common.FilePicker;
import org.clinicledger.ui.common.Formats;
import org.clinicledger.ui.common.FxFilePicker;
import org.clinicledger.ui.common.InlineMessage;
import org.clinicledger.ui.common.IsoDateField;
import org.clinicledger.ui.patient.PatientViewModel.DoctorAccess;
import org.clinicledger.ui.patient.PatientViewModel.GrantField;
import org.clinicledger.ui.record.RecordDialog;
import org.clinicledger.ui.record.RecordRow;
import org.clinicledger.ui.record.RecordTable;
import org.clinicledger.ui.record.RecordViewModel;
import org.clinicledger.ui.common.TextColumn;
import org.clinicledger.ui.common.SectionTabs;
import org.clinicledger.ui.common.Texts;
import org.clinicledger.ui.receipt.CheckReceiptView;
import org.clinicledger.ui.receipt.CheckReceiptViewModel;
import org.clinicledger.ui.exchange.FhirExportView;
import org.clinicledger.ui.exchange.FhirExportViewModel;
import org.clinicledger.ui.receipt.PatientCopyViewModel;
import org.clinicledger.ui.receipt.ReceiptDialog;
import org.clinicledger.ui.receipt.ReceiptViewModel;

/**
 * The Patient tab for a signed-in patient, using the window's width: a header, then one section at
 * a time chosen from tabs (their records with current diagnoses, which doctors may read, who opened
 * what, their chain in the paper's columns, emergency accesses), each a table that fills the space.
 */
public final class PatientView extends SectionTabs {

    private final PatientViewModel model;
    private final ChainViewModel chain;

    public PatientView(Workspace workspace, Session session, BackgroundTasks tasks, DialogService dialogs) {
        this(workspace, session, tasks, dialogs, null);
    }

    /** With another way of choosing files than the system's file chooser (null: the system's). */
    public PatientView(Workspace workspace, Session session, BackgroundTasks tasks, DialogService dialogs, FilePicker files) {
        super(Texts.get("patient.patient"), Texts.get("patient.yourRecordsWhichDoctors"), "patientSections");
        setId("patientView");
        getStyleClass().add("patient-view");
        FilePicker picker = files != null ? files : new FxFilePicker(this::window);
        this.model = new PatientViewModel(workspace, session, tasks, dialogs, Clock.systemDefaultZone());
        this.chain = new ChainViewModel(workspace, session, tasks);
        model.setOnChainChanged(chain::refresh);

        TableView<RecordRow> records = RecordTable.create("myRecordsTable", model.records(),
                Texts.get("patient.youHaveNoRecords"));
        var selected = records.getSelectionModel().selectedItemProperty();
        // A deleted record's content is destroyed: nothing to open, copy or make a receipt of.
        var unreadable = Bindings.createBooleanBinding(() -> selected.get() == null
                || selected.get().summary().deleted(), selected);
        Button open = new Button(Texts.get("patient.open"));
        open.setId("openMyRecordButton");
        open.setTooltip(new Tooltip(Texts.get("patient.openTheChosenRecord")));
        open.disableProperty().bind(unreadable);
        open.setOnAction(event -> model.open(selected.get(), shown -> RecordDialog.show(window(),
                new RecordViewModel(workspace, session, tasks, shown), picker, null)));
        PatientCopyViewModel copies = new PatientCopyViewModel(workspace, session, tasks, picker);
        copies.setOnRead(chain::refresh);
        Button saveCopy = new Button(Texts.get("patient.saveMyCopy"));
        saveCopy.setId("saveMyCopyButton");
        saveCopy.disableProperty().bind(unreadable.or(copies.savingProperty()));
        saveCopy.setOnAction(event -> copies.save(selected.get().recordId(), null));
        Button receipt = new Button(Texts.get("patient.receipt"));
        receipt.setId("myReceiptButton");
        receipt.disableProperty().bind(unreadable);
        receipt.setOnAction(event -> ReceiptDialog.show(window(), new ReceiptViewModel(workspace, session, tasks,
                selected.get().recordId(), null), picker));
        Button checkReceipt = new Button(Texts.get("patient.checkAReceipt"));
        checkReceipt.setId("checkReceiptButton");
        checkReceipt.setOnAction(event -> CheckReceiptView.showDialog(window(),
                new CheckReceiptViewModel(workspace.receipts(), tasks), picker));
        FhirExportViewModel fhir = new FhirExportViewModel(workspace, session, tasks, picker);
        fhir.setOnRead(model::refresh);
        Button exportFhir = new Button(Texts.get("patient.exportAsFhir"));
        exportFhir.setId("exportFhirButton");
        exportFhir.setTooltip(new Tooltip(Texts.get("patient.exportAsFhirTip")));
        exportFhir.disableProperty().bind(fhir.exportingProperty());
        MedicalRecordNumber me = new MedicalRecordNumber(session.chain().subject());
        exportFhir.setOnAction(event -> fhir.export(me));
        section("myRecordsSection", Texts.get("patient.myRecords"), records,
                new FlowPane(8, 8, open, saveCopy, receipt, checkReceipt,
                        FhirExportView.withAttachments(exportFhir, fhir)),
                InlineMessage.success("myCopyMessage", copies.messageProperty()),
                InlineMessage.problem("myCopyProblem", copies.problemProperty()),
                InlineMessage.success("fhirMessage", fhir.messageProperty()),
                InlineMessage.problem("fhirProblem", fhir.problemProperty()));

        TableView<DoctorAccess> doctors = doctorsTable();
        DoctorPicker doctor = new DoctorPicker("grantDoctorField", model.clinicDoctors());
        doctor.bindChoice(model.grantDoctorProperty());
        IsoDateField until = new IsoDateField("grantUntilField", Texts.get("patient.yyyyMmDdOr"),
                model.grantUntilProperty());
        until.editor().setOnAction(event -> model.grant());
        FieldProblems.decorate(doctor.searchField(), model.grantProblem(GrantField.DOCTOR));
        FieldProblems.decorate(until.editor(), model.grantProblem(GrantField.LAST_DAY));
        Button grant = new Button(Texts.get("patient.grantAccess"));
        grant.setId("grantButton");
        grant.getStyleClass().add(Styles.ACCENT);
        grant.setOnAction(event -> model.grant());
        GridPane grantForm = grantForm(doctor, until, grant);
        Button revoke = new Button(Texts.get("patient.revokeAccess"));
        revoke.setId("revokeButton");
        revoke.getStyleClass().add(Styles.DANGER);
        revoke.disableProperty().bind(doctors.getSelectionModel().selectedItemProperty().isNull());
        revoke.setOnAction(event -> model.revoke(doctors.getSelectionModel().getSelectedItem()));
        Label problem = new Label();
        problem.setId("accessProblem");
        problem.setWrapText(true);
        problem.getStyleClass().add(Styles.DANGER);
        problem.textProperty().bind(model.accessProblemProperty());
        Label message = new Label();
        message.setId("accessMessage");
        message.setWrapText(true);
        message.textProperty().bind(model.accessMessageProperty());
        VBox list = new VBox(8, doctors, revoke);
        VBox.setVgrow(doctors, Priority.ALWAYS);
        HBox.setHgrow(list, Priority.ALWAYS);
        VBox form = new VBox(8, grantForm, problem, message);
        form.setPrefWidth(440);
        form.setMinWidth(380);
        HBox access = new HBox(24, list, form);
        VBox.setVgrow(access, Priority.ALWAYS);
        section("doctorsSection", Texts.get("patient.whoMayRead"), access);

        Label summary = new Label();
        summary.setId("chainSummary");
        summary.textProperty().bind(chain.summaryProperty());
        Button reload = new Button(Texts.get("patient.refresh"));
        reload.setId("refreshChainButton");
        reload.setTooltip(new Tooltip(Texts.get("patient.readYourRecordsAnd")));
        reload.setOnAction(event -> model.refresh());
        TableView<ChainLine> reads = ChainTable.reads("whoLookedTable", chain.reads(), chain.self());
        section("whoOpenedSection", Texts.get("patient.whoOpened"), whoOpenedNotice(), reads);
        section("chainSection", Texts.get("patient.myChain"), summary, ChainTable.blocks("chainTable", chain.blocks(), chain.self()),
                reload);
        section("emergencySection", Texts.get("patient.emergencyAccess"), emergencyNotice(),
                ChainTable.emergencies("emergencyAccessTable", chain.emergencies(), chain.self()));

        // Listing the records reads their diagnoses, which is logged on the chain: the chain is read after it.
        model.refresh();
        model.loadDoctors();
        model.loadOwnDetails(this::retitle);
    }

    private static Label whoOpenedNotice() {
        Label notice = new Label(Texts.get("patient.everyReadingOfYour"));
        notice.setWrapText(true);
        notice.getStyleClass().add(Styles.TEXT_MUTED);
        return notice;
    }

    /** Whom to grant access and until when, each field with its problem under it. */
    private GridPane grantForm(DoctorPicker doctor, IsoDateField until, Button grant) {
        Label title = new Label(Texts.get("patient.letAnotherDoctorRead"));
        title.getStyleClass().add(Styles.TEXT_BOLD);
        Label doctorLabel = new Label(Texts.get("patient.doctor"));
        doctorLabel.setLabelFor(doctor.searchField());
        Label untilLabel = new Label(Texts.get("patient.lastDayOptional"));
        untilLabel.setLabelFor(until.editor());
        GridPane form = new GridPane();
        form.setHgap(16);
        form.setVgap(6);
        form.add(title, 0, 0, 2, 1);
        form.addRow(1, doctorLabel, doctor);
        form.add(InlineMessage.problem("grantDoctorProblem", model.grantProblem(GrantField.DOCTOR)), 1, 2);
        form.addRow(3, untilLabel, until);
        form.add(InlineMessage.problem("grantUntilProblem", model.grantProblem(GrantField.LAST_DAY)), 1, 4);
        form.add(grant, 1, 5);
        GridPane.setValignment(doctorLabel, javafx.geometry.VPos.TOP);
        doctor.setMaxWidth(400);
        until.setMaxWidth(400);
        return form;
    }

    private static Label emergencyNotice() {
        Label notice = new Label(Texts.get("patient.inAnEmergencyAn"));
        notice.setWrapText(true);
        notice.getStyleClass().add(Styles.TEXT_MUTED);
        return notice;
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    private TableView<DoctorAccess> doctorsTable() {
        TableView<DoctorAccess> table = new TableView<>(model.doctors());
        table.setId("doctorsWithAccessTable");
        table.setPlaceholder(new Label(Texts.get("patient.noDoctorMayRead")));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().addAll(List.of(
                TextColumn.<DoctorAccess>of(Texts.get("patient.doctor"), 200, DoctorAccess::doctor),
                TextColumn.<DoctorAccess>of(Texts.get("patient.why"), 160, access -> access.reason() == Reason.REFERRAL
                        ? Texts.get("patient.referred") : Texts.get("patient.youGrantedIt")),
                TextColumn.<DoctorAccess>of(Texts.get("patient.lastDay"), 200, PatientView::lastDay)));
        return table;
    }


    /** A grant ends at the start of the day after its last day: the day the patient chose is shown. */
    private static String lastDay(DoctorAccess access) {
        return access.until() == null ? Texts.get("patient.noEnd") : Formats.date(LocalDate.ofInstant(access.until().minusNanos(1),
                ZoneId.systemDefault()));
    }

    /** The view model, for tests. */
    PatientViewModel model() {
        return model;
    }
}
