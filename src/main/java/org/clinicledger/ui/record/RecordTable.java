package org.clinicledger.ui.record;

import java.util.List;

import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

import org.clinicledger.ui.common.Formats;
import org.clinicledger.ui.common.TextColumn;
import org.clinicledger.ui.common.Texts;

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
        // The record's id is no help to a reader: it is in each row's tooltip and in the opened record.
        // The narrow columns keep their headings whole; the diagnosis takes what width is left.
        table.getColumns().addAll(List.of(
                // The code is inside the encrypted record: known when the chart read it or the record was opened.
                TextColumn.atLeast(TextColumn.<RecordRow>of(Texts.get("record.recordTable.icd10"), 76,
                        row -> row.icd10() == null ? "—" : row.icd10()), 72),
                TextColumn.<RecordRow>of(Texts.get("record.recordTable.diagnosis"), 250,
                        row -> row.summary().deleted() ? Texts.get("record.recordTable.deletedDiagnosis")
                        : row.diagnosis() == null ? "—" : row.diagnosis()),
                TextColumn.atLeast(TextColumn.<RecordRow>of(Texts.get("record.recordTable.version"), 86,
                        row -> Integer.toString(row.summary().latestVersion())), 86),
                TextColumn.atLeast(TextColumn.<RecordRow>of(Texts.get("record.recordTable.created"), 150,
                        row -> Formats.time(row.summary().createdAt())), 150),
                TextColumn.atLeast(TextColumn.<RecordRow>of(Texts.get("record.recordTable.author"), 110,
                        row -> row.summary().author()), 96),
                TextColumn.atLeast(TextColumn.<RecordRow>of(Texts.get("record.recordTable.state"), 80,
                        row -> row.summary().deleted() ? Texts.get("record.recordTable.deleted")
                        : Texts.get("record.recordTable.current")), 76)));
        table.setRowFactory(view -> {
            TableRow<RecordRow> row = new TableRow<>();
            row.itemProperty().addListener((observable, before, now) -> row.setTooltip(now == null ? null
                    : new Tooltip(now.diagnosis() != null
                            ? Texts.format("record.recordTable.tooltipDiagnosis", now.recordId(), now.diagnosis())
                            : now.icd10() == null ? Texts.format("record.recordTable.tooltipClosed", now.recordId())
                            : Texts.format("record.recordTable.tooltip", now.recordId()))));
            return row;
        });
        return table;
    }

}
