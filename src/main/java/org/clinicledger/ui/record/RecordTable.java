package org.clinicledger.ui.record;

import java.util.List;

import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

import org.clinicledger.ui.common.Formats;
import org.clinicledger.ui.common.TextColumn;

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
                TextColumn.<RecordRow>of("Record", 100, row -> shortId(row.recordId().value())),
                TextColumn.<RecordRow>of("Version", 70, row -> Integer.toString(row.summary().latestVersion())),
                // The code is inside the encrypted record: known when the chart read it or the record was opened.
                TextColumn.<RecordRow>of("ICD-10", 80, row -> row.icd10() == null ? "—" : row.icd10()),
                TextColumn.<RecordRow>of("Diagnosis", 220, row -> row.summary().deleted() ? "(deleted)"
                        : row.diagnosis() == null ? "—" : row.diagnosis()),
                TextColumn.<RecordRow>of("Created", 190, row -> Formats.time(row.summary().createdAt())),
                TextColumn.<RecordRow>of("Author", 130, row -> row.summary().author()),
                TextColumn.<RecordRow>of("State", 80, row -> row.summary().deleted() ? "Deleted" : "Current")));
        table.setRowFactory(view -> {
            TableRow<RecordRow> row = new TableRow<>();
            row.itemProperty().addListener((observable, before, now) -> row.setTooltip(now == null ? null
                    : new Tooltip("Record " + now.recordId() + (now.diagnosis() != null ? "\n" + now.diagnosis()
                            : now.icd10() == null ? "\nOpen it to see its content." : ""))));
            return row;
        });
        return table;
    }

    /** The start of a record id, enough to tell records apart in a list; the full id is in the tooltip and the record. */
    static String shortId(String recordId) {
        return recordId.length() <= 8 ? recordId : recordId.substring(0, 8) + "…";
    }

}
