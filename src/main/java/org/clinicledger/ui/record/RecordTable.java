package org.clinicledger.ui.record;

import java.util.List;

import javafx.collections.ObservableList;
import javafx.scene.control.Label;
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
        table.getColumns().addAll(List.of(
                TextColumn.<RecordRow>of(Texts.get("record.recordTable.record"), 100,
                        row -> shortId(row.recordId().value())),
                TextColumn.<RecordRow>of(Texts.get("record.recordTable.version"), 70,
                        row -> Integer.toString(row.summary().latestVersion())),
                // The code is inside the encrypted record: known when the chart read it or the record was opened.
                TextColumn.<RecordRow>of(Texts.get("record.recordTable.icd10"), 80,
                        row -> row.icd10() == null ? "—" : row.icd10()),
                TextColumn.<RecordRow>of(Texts.get("record.recordTable.diagnosis"), 220,
                        row -> row.summary().deleted() ? Texts.get("record.recordTable.deletedDiagnosis")
                        : row.diagnosis() == null ? "—" : row.diagnosis()),
                TextColumn.<RecordRow>of(Texts.get("record.recordTable.created"), 190,
                        row -> Formats.time(row.summary().createdAt())),
                TextColumn.<RecordRow>of(Texts.get("record.recordTable.author"), 130, row -> row.summary().author()),
                TextColumn.<RecordRow>of(Texts.get("record.recordTable.state"), 80,
                        row -> row.summary().deleted() ? Texts.get("record.recordTable.deleted")
                        : Texts.get("record.recordTable.current"))));
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

    /** The start of a record id, enough to tell records apart in a list; the full id is in the tooltip and the record. */
    static String shortId(String recordId) {
        return recordId.length() <= 8 ? recordId : recordId.substring(0, 8) + "…";
    }

}
