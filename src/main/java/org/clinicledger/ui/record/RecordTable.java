package org.clinicledger.ui.record;

import java.util.List;
import java.util.function.Function;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import org.clinicledger.ui.common.Formats;

/** A table of a patient's records, as listed without decrypting them. */
public final class RecordTable {

    private RecordTable() {
    }

    public static TableView<RecordRow> create(String id, ObservableList<RecordRow> rows, String empty) {
        TableView<RecordRow> table = new TableView<>(rows);
        table.setId(id);
        table.setPlaceholder(new Label(empty));
        table.setPrefHeight(200);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().addAll(List.of(
                column("Record", 250, row -> row.recordId()),
                column("Version", 60, row -> Integer.toString(row.summary().latestVersion())),
                column("ICD-10", 70, row -> row.icd10() == null ? "(open to see)" : row.icd10()),
                column("Created", 140, row -> Formats.time(row.summary().createdAt())),
                column("Author", 100, row -> row.summary().author()),
                column("State", 70, row -> row.summary().deleted() ? "Deleted" : "Current")));
        return table;
    }

    private static TableColumn<RecordRow, String> column(String title, double width, Function<RecordRow, String> text) {
        TableColumn<RecordRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }
}
