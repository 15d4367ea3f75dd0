package org.clinicledger.ui.chain;

import java.util.List;
import java.util.function.Function;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

import org.clinicledger.domain.ChainEntry;
import org.clinicledger.domain.ChainId;
import org.clinicledger.ui.common.Formats;

/** Tables of chain blocks: the whole chain, or who read which record. */
public final class ChainTable {

    private ChainTable() {
    }

    /** Every block: height, time, event, other party, record and hash. */
    public static TableView<ChainEntry> blocks(String id, ObservableList<ChainEntry> entries, ChainId self) {
        TableView<ChainEntry> table = table(id, entries, "No blocks yet.");
        table.getColumns().addAll(List.of(
                column("Block", 60, entry -> Long.toString(entry.height())),
                column("Time", 150, entry -> Formats.time(entry.createdAt())),
                column("Event", 130, entry -> Formats.kind(entry.kind())),
                column("Other party", 160, entry -> Formats.party(entry.counterpart(), self)),
                column("Record", 150, ChainViewModel::recordText),
                hashColumn()));
        return table;
    }

    /** Record-viewed blocks: who, when, which record. */
    public static TableView<ChainEntry> reads(String id, ObservableList<ChainEntry> entries, ChainId self) {
        TableView<ChainEntry> table = table(id, entries, "No one has opened your records yet.");
        table.getColumns().addAll(List.of(
                column("Who", 170, entry -> Formats.party(ChainViewModel.reader(entry), self)),
                column("When", 160, entry -> Formats.time(entry.createdAt())),
                column("Record", 260, ChainViewModel::recordText),
                hashColumn()));
        return table;
    }

    /** Emergency-access blocks: which administrator, when, and who confirmed it. */
    public static TableView<ChainEntry> emergencies(String id, ObservableList<ChainEntry> entries, ChainId self) {
        TableView<ChainEntry> table = table(id, entries, "No administrator has opened your records in an emergency.");
        table.setPrefHeight(120);
        table.getColumns().addAll(List.of(
                column("Administrator", 170, entry -> Formats.party(ChainViewModel.reader(entry), self)),
                column("When", 160, entry -> Formats.time(entry.createdAt())),
                column("Confirmed by", 220, entry -> Formats.confirmer(entry.confirmedBy(), self)),
                hashColumn()));
        return table;
    }

    private static TableView<ChainEntry> table(String id, ObservableList<ChainEntry> entries, String empty) {
        TableView<ChainEntry> table = new TableView<>(entries);
        table.setId(id);
        table.setPlaceholder(new Label(empty));
        table.setPrefHeight(220);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setRowFactory(view -> {
            TableRow<ChainEntry> row = new TableRow<>();
            MenuItem copy = new MenuItem("Copy block hash");
            copy.setOnAction(event -> {
                ClipboardContent content = new ClipboardContent();
                content.putString(row.getItem().hash());
                Clipboard.getSystemClipboard().setContent(content);
            });
            row.contextMenuProperty().bind(javafx.beans.binding.Bindings.when(row.emptyProperty())
                    .then((ContextMenu) null).otherwise(new ContextMenu(copy)));
            return row;
        });
        return table;
    }

    static TableColumn<ChainEntry, String> column(String title, double width, Function<ChainEntry, String> text) {
        TableColumn<ChainEntry, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    private static TableColumn<ChainEntry, String> hashColumn() {
        TableColumn<ChainEntry, String> hash = new TableColumn<>("Block hash");
        hash.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().hash()));
        hash.setPrefWidth(130);
        hash.setCellFactory(column -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : Formats.shortHash(item));
                // The whole hash is one hover away, and the row's menu copies it.
                setTooltip(empty || item == null ? null : new Tooltip(item));
            }
        });
        return hash;
    }
}
