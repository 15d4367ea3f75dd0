package org.clinicledger.ui.record;

import java.util.List;
import java.util.function.Function;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

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
                column("Record", 100, row -> shortId(row.recordId())),
                column("Version", 70, row -> Integer.toString(row.summary().latestVersion())),
                // The code is inside the encrypted record: known once the record is opened.
                column("ICD-10", 80, row -> row.icd10() == null ? "—" : row.icd10()),
                column("Created", 190, row -> Formats.time(row.summary().createdAt())),
                column("Author", 130, row -> row.summary().author()),
                column("State", 80, row -> row.summary().deleted() ? "Deleted" : "Current")));
        table.setRowFactory(view -> {
            TableRow<RecordRow> row = new TableRow<>();
            row.itemProperty().addListener((observable, before, now) -> row.setTooltip(now == null ? null
                    : new Tooltip("Record " + now.recordId() + (now.icd10() == null ? "\nOpen it to see its content." : ""))));
            return row;
        });
        return table;
    }

    /** The start of a record id, enough to tell records apart in a list; the full id is in the tooltip and the record. */
    static String shortId(String recordId) {
        return recordId.length() <= 8 ? recordId : recordId.substring(0, 8) + "…";
    }

    private static TableColumn<RecordRow, String> column(String title, double width, Function<RecordRow, String> text) {
        TableColumn<RecordRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }
}
