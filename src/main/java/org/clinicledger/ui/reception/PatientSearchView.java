package org.clinicledger.ui.reception;

import java.util.List;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import org.clinicledger.domain.PatientSummary;
import org.clinicledger.ui.common.InlineMessage;
import org.clinicledger.ui.common.TextColumn;

/** One search field and the patients it finds. */
final class PatientSearchView extends VBox {

    PatientSearchView(PatientSearchViewModel model) {
        super(8);
        setId("patientSearchView");

        TextField query = StaffRegistrationView.field("patientSearchField",
                "part of a name, an MRN, or a date of birth (YYYY-MM-DD)", model.queryProperty());
        query.setAccessibleText("Find a patient");
        query.setOnAction(event -> model.search());
        HBox.setHgrow(query, Priority.ALWAYS);
        query.setMaxWidth(480);
        Button search = new Button("Search");
        search.setId("patientSearchButton");
        search.disableProperty().bind(model.searchingProperty());
        search.setOnAction(event -> model.search());
        HBox row = new HBox(8, query, search);
        row.setAlignment(Pos.CENTER_LEFT);

        TableView<PatientSummary> table = new TableView<>(model.results());
        table.setId("patientSearchResults");
        table.getColumns().addAll(List.of(
                TextColumn.<PatientSummary>of("MRN", 130, patient -> patient.mrn().formatted()),
                TextColumn.<PatientSummary>of("Name", 300, PatientSummary::name),
                TextColumn.<PatientSummary>of("Date of birth", 120, patient -> patient.dateOfBirth().toString()),
                TextColumn.<PatientSummary>of("Sex", 90, patient -> patient.sex() == null ? "" : patient.sex().code())));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No patient to show."));
        table.setPrefHeight(170);
        model.selectedProperty().bind(table.getSelectionModel().selectedItemProperty());
        table.managedProperty().bind(model.summaryProperty().isNotEmpty());
        table.visibleProperty().bind(table.managedProperty());

        Label summary = new Label();
        summary.setId("patientSearchSummary");
        summary.textProperty().bind(model.summaryProperty());
        summary.managedProperty().bind(model.summaryProperty().isNotEmpty());
        summary.visibleProperty().bind(summary.managedProperty());

        getChildren().addAll(row, InlineMessage.problem("patientSearchProblem", model.problemProperty()), summary, table);
        sceneProperty().addListener((observable, before, now) -> {
            if (now == null) {
                model.clear();
            }
        });
    }

}
