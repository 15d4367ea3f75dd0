package org.clinicledger.ui.reception;

import java.util.List;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import atlantafx.base.theme.Styles;

import org.clinicledger.domain.PatientSummary;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.Sex;
import org.clinicledger.ui.common.FormGrid;
import org.clinicledger.ui.common.InlineMessage;
import org.clinicledger.ui.common.TextColumn;
import org.clinicledger.ui.common.Texts;
import org.clinicledger.ui.common.TypedSecrets;

/**
 * The desk's patient directory: a search field that narrows the list as someone types, the list
 * (a virtualised table: name, MRN, date of birth, a badge on possible duplicates) and, beside it,
 * the patient chosen (click, double-click or Enter) with the form that corrects their details and
 * "Print slip…".
 */
final class PatientSearchView extends VBox {

    PatientSearchView(PatientSearchViewModel model) {
        super(8);
        setId("patientSearchView");

        TextField query = StaffRegistrationView.field("patientSearchField",
                Texts.get("reception.patientSearch.partOfANameAn"), model.queryProperty());
        query.setAccessibleText(Texts.get("reception.patientSearch.findAPatient"));
        query.setOnAction(event -> model.search());
        HBox.setHgrow(query, Priority.ALWAYS);
        query.setMaxWidth(480);
        Button search = new Button(Texts.get("reception.patientSearch.search"));
        search.setId("patientSearchButton");
        search.setOnAction(event -> model.search());
        Label summary = new Label();
        summary.setId("patientSearchSummary");
        summary.textProperty().bind(model.summaryProperty());
        HBox row = new HBox(8, query, search, summary);
        row.setAlignment(Pos.CENTER_LEFT);

        TableView<PatientSummary> table = new TableView<>(model.results());
        table.setId("patientSearchResults");
        TableColumn<PatientSummary, String> name = TextColumn.of(Texts.get("reception.patientSearch.name"), 260, PatientSummary::name);
        name.setCellFactory(column -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                PatientSummary patient = empty || getTableRow() == null ? null : getTableRow().getItem();
                boolean duplicate = model.isPossibleDuplicate(patient);
                MedicalRecordNumber into = model.mergedInto(patient);
                setText(empty ? null : into != null ? Texts.format("reception.patientSearch.mergedIntoMrn", item, into.formatted())
                        : duplicate ? Texts.format("reception.patientSearch.possibleDuplicate", item) : item);
                getStyleClass().remove("possible-duplicate");
                if (duplicate) {
                    getStyleClass().add("possible-duplicate");
                }
            }
        });
        table.getColumns().addAll(List.of(name,
                TextColumn.<PatientSummary>of(Texts.get("reception.patientSearch.mrn"), 130, patient -> patient.mrn().formatted()),
                TextColumn.<PatientSummary>of(Texts.get("reception.patientSearch.dateOfBirth"), 120, patient -> patient.dateOfBirth().toString()),
                TextColumn.<PatientSummary>of(Texts.get("reception.patientSearch.sex"), 80, patient -> patient.sex() == null ? "" : patient.sex().code())));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label(Texts.get("reception.patientSearch.noPatientToShow")));
        table.setPrefHeight(360);
        table.setMinWidth(480);
        model.selectedProperty().bind(table.getSelectionModel().selectedItemProperty());
        HBox.setHgrow(table, Priority.ALWAYS);

        VBox detail = detail(model);
        // The arrow keys choose a patient (opened beside the list); Enter goes on to their details.
        table.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ENTER && table.getSelectionModel().getSelectedItem() != null) {
                detail.lookup("#patientDetailNameField").requestFocus();
            }
        });
        HBox listAndDetail = new HBox(16, table, detail);
        VBox.setVgrow(listAndDetail, Priority.ALWAYS);

        getChildren().addAll(row, InlineMessage.problem("patientSearchProblem", model.problemProperty()), listAndDetail);
        TypedSecrets.clearWhenRemoved(this, () -> model.clear());
        model.search();
    }

    /** The patient chosen: their details as a form that corrects them, when they were corrected, and the slip. */
    private static VBox detail(PatientSearchViewModel model) {
        Label title = new Label();
        title.setId("patientDetailTitle");
        title.getStyleClass().add(Styles.TITLE_4);
        title.textProperty().bind(model.fileProperty().map(file -> Texts.format("reception.patientSearch.nameAndMrn",
                file.details().name(), file.mrn().formatted())).orElse(Texts.get("reception.patientSearch.chooseAPatientIn")));
        Label corrected = new Label();
        corrected.setId("patientCorrectedLine");
        corrected.textProperty().bind(model.correctedProperty());
        corrected.getStyleClass().add(Styles.TEXT_MUTED);

        TextField name = StaffRegistrationView.field("patientDetailNameField", Texts.get("reception.patientSearch.eGAdaByron"),
                model.nameProperty());
        TextField born = StaffRegistrationView.field("patientDetailBirthDateField", Texts.get("reception.patientSearch.yyyyMmDdEG"),
                model.dateOfBirthProperty());
        ChoiceBox<Sex> sex = new ChoiceBox<>();
        sex.getItems().setAll(Sex.values());
        sex.getItems().add(0, null);
        sex.setId("patientDetailSexChoice");
        sex.setConverter(new StringConverter<>() {
            @Override
            public String toString(Sex value) {
                return value == null ? Texts.get("reception.patientSearch.notRecorded") : value.code();
            }

            @Override
            public Sex fromString(String text) {
                return null;
            }
        });
        sex.valueProperty().bindBidirectional(model.sexProperty());
        TextField contact = StaffRegistrationView.field("patientDetailContactField", Texts.get("reception.patientSearch.telephoneAddressOrEMail"),
                model.contactProperty());
        FormGrid form = new FormGrid()
                .row(Texts.get("reception.patientSearch.name"), name)
                .row(Texts.get("reception.patientSearch.dateOfBirth"), born)
                .message(InlineMessage.problem("patientDetailDateProblem", model.dateProblemProperty()))
                .row(Texts.get("reception.patientSearch.sex"), sex)
                .row(Texts.get("reception.patientSearch.contact"), contact);

        Button save = new Button(Texts.get("reception.patientSearch.saveCorrection"));
        save.setId("saveCorrectionButton");
        save.getStyleClass().add(Styles.ACCENT);
        save.setOnAction(event -> model.saveCorrection());
        save.disableProperty().bind(model.correctingProperty());
        Button slip = new Button(Texts.get("reception.patientSearch.printSlip"));
        slip.setId("printSlipButton");
        slip.setOnAction(event -> model.printSlip());
        Button merge = new Button(Texts.get("reception.patientSearch.mergeIntoTheLookAlike"));
        merge.setId("mergePatientButton");
        merge.setTooltip(new javafx.scene.control.Tooltip(Texts.get("reception.patientSearch.thisPatientWasRegistered")));
        merge.setOnAction(event -> model.mergeIntoPaired());
        merge.visibleProperty().bind(model.fileProperty().map(file -> file.mergedInto().isEmpty()
                && model.isPossibleDuplicate(model.selectedProperty().get())).orElse(false));
        merge.managedProperty().bind(merge.visibleProperty());
        // The buttons keep their words whole and wrap to a second line when the pane is narrow.
        javafx.scene.layout.FlowPane actions = new javafx.scene.layout.FlowPane(8, 8, save, slip, merge);
        for (Button button : List.of(save, slip, merge)) {
            button.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        Label mergeState = new Label();
        mergeState.setId("patientMergeState");
        mergeState.setWrapText(true);
        mergeState.textProperty().bind(model.mergeStateProperty());
        mergeState.getStyleClass().add(Styles.WARNING);

        VBox detail = new VBox(8, title, corrected, mergeState, form, actions,
                InlineMessage.problem("patientCorrectionProblem", model.correctionProblemProperty()),
                InlineMessage.success("patientDetailMessage", model.messageProperty()));
        detail.setId("patientDetail");
        detail.setMinWidth(380);
        detail.setPrefWidth(440);
        form.disableProperty().bind(model.fileProperty().isNull());
        actions.disableProperty().bind(model.fileProperty().isNull());
        return detail;
    }
}
