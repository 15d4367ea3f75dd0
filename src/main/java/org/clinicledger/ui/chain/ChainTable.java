package org.clinicledger.ui.chain;

import java.util.List;
import java.util.function.Function;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
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
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

import atlantafx.base.theme.Styles;

import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.ChainLine;
import org.clinicledger.ui.common.Formats;
import org.clinicledger.ui.common.HashText;
import org.clinicledger.ui.common.TextColumn;
import org.clinicledger.ui.common.Texts;

/**
 * Tables of chain blocks: the whole chain in the paper's columns (block, time, event, the other
 * party by name, diagnosis, uploaded EHR, hash), or who read which record. Texts that matter wrap
 * rather than being cut off, and carry a tooltip; hashes are whole, in groups of four, with Copy.
 */
public final class ChainTable {

    private ChainTable() {
    }

    /** Every block in the paper's columns. */
    public static TableView<ChainLine> blocks(String id, ObservableList<ChainLine> lines, ChainId self) {
        TableView<ChainLine> table = table(id, lines, Texts.get("chain.chainTable.noBlocksYet"));
        table.getColumns().addAll(List.of(
                column(Texts.get("chain.chainTable.block"), 60, line -> Long.toString(line.entry().height())),
                TextColumn.atLeast(column(Texts.get("chain.chainTable.time"), 150, line -> Formats.time(line.entry().createdAt())), 150),
                TextColumn.atLeast(wrapping(Texts.get("chain.chainTable.event"), 120, line -> Formats.kind(line.entry().kind())), 100),
                TextColumn.atLeast(wrapping(ChainViewModel.otherPartyTitle(self), 160, line -> ChainViewModel.otherPartyText(line, self)), 160),
                wrapping(Texts.get("chain.chainTable.diagnosis"), 230, ChainViewModel::diagnosisText),
                TextColumn.atLeast(wrapping(Texts.get("chain.chainTable.uploadedEhr"), 170, line -> ChainViewModel.ehrText(line, self)), 140),
                hashColumn()));
        return table;
    }

    /** Record-viewed blocks: who, when, which record and what was read. */
    public static TableView<ChainLine> reads(String id, ObservableList<ChainLine> lines, ChainId self) {
        TableView<ChainLine> table = table(id, lines, Texts.get("chain.chainTable.noOneHasOpened"));
        table.getColumns().addAll(List.of(
                wrapping(Texts.get("chain.chainTable.who"), 190, line -> ChainViewModel.readerText(line, self)),
                TextColumn.atLeast(column(Texts.get("chain.chainTable.when"), 150, line -> Formats.time(line.entry().createdAt())), 150),
                wrapping(Texts.get("chain.chainTable.record"), 190, line -> ChainViewModel.ehrText(line, self)),
                wrapping(Texts.get("chain.chainTable.whatWasRead"), 230, ChainViewModel::diagnosisText),
                hashColumn()));
        return table;
    }

    /** Emergency-access blocks: which administrator, when, and who confirmed it. */
    public static TableView<ChainLine> emergencies(String id, ObservableList<ChainLine> lines, ChainId self) {
        TableView<ChainLine> table = table(id, lines, Texts.get("chain.chainTable.noAdministratorHasOpened"));
        table.getColumns().addAll(List.of(
                wrapping(Texts.get("chain.chainTable.administrator"), 190, line -> ChainViewModel.readerText(line, self)),
                TextColumn.atLeast(column(Texts.get("chain.chainTable.when"), 150, line -> Formats.time(line.entry().createdAt())), 150),
                wrapping(Texts.get("chain.chainTable.confirmedBy"), 220, line -> ChainViewModel.confirmerText(line, self)),
                hashColumn()));
        return table;
    }

    private static TableView<ChainLine> table(String id, ObservableList<ChainLine> lines, String empty) {
        TableView<ChainLine> table = new TableView<>(lines);
        table.setId(id);
        table.setPlaceholder(new Label(empty));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setRowFactory(view -> {
            TableRow<ChainLine> row = new TableRow<>();
            MenuItem copy = new MenuItem(Texts.get("chain.chainTable.copyBlockHash"));
            copy.setOnAction(event -> copy(row.getItem().entry().hash()));
            row.contextMenuProperty().bind(javafx.beans.binding.Bindings.when(row.emptyProperty())
                    .then((ContextMenu) null).otherwise(new ContextMenu(copy)));
            return row;
        });
        return table;
    }

    private static void copy(String hash) {
        ClipboardContent content = new ClipboardContent();
        content.putString(hash);
        Clipboard.getSystemClipboard().setContent(content);
    }

    static TableColumn<ChainLine, String> column(String title, double width, Function<ChainLine, String> text) {
        TableColumn<ChainLine, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        column.setPrefWidth(width);
        column.setMinWidth(Math.min(width, 60));
        return column;
    }

    /** A column whose text wraps within the column and is whole in a tooltip too. */
    private static TableColumn<ChainLine, String> wrapping(String title, double width, Function<ChainLine, String> text) {
        TableColumn<ChainLine, String> column = column(title, width, text);
        column.setCellFactory(owner -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                boolean blank = empty || item == null || item.isEmpty();
                setText(blank ? null : item);
                setWrapText(true);
                setTooltip(blank ? null : new Tooltip(item));
            }
        });
        return column;
    }

    /** The block hash whole, in groups of four on three lines, with a Copy button. */
    private static TableColumn<ChainLine, String> hashColumn() {
        TableColumn<ChainLine, String> hash = new TableColumn<>(Texts.get("chain.chainTable.blockHash"));
        hash.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().entry().hash()));
        hash.setPrefWidth(290);
        hash.setMinWidth(280);
        hash.setCellFactory(column -> new TableCell<>() {
            private final Label text = new Label();
            private final Button copy = new Button(Texts.get("chain.chainTable.copy"));
            private final HBox box = new HBox(8, text, copy);

            {
                text.setId("blockHash");
                text.getStyleClass().addAll("hash-text", "hash-text-small");
                text.setMinWidth(Region.USE_PREF_SIZE);
                copy.setId("blockHashCopy");
                copy.getStyleClass().add(Styles.SMALL);
                copy.setMinWidth(Region.USE_PREF_SIZE);
                copy.setTooltip(new Tooltip(Texts.get("chain.chainTable.copyTheBlockHash")));
                copy.setOnAction(event -> copy(getItem()));
                box.setAlignment(Pos.CENTER_LEFT);
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(null);
                if (empty || item == null) {
                    setGraphic(null);
                    setTooltip(null);
                    return;
                }
                text.setText(inLines(item));
                setGraphic(box);
                setTooltip(new Tooltip(item));
            }
        });
        return hash;
    }

    /** Groups of four a line holds in a table row: a whole SHA-256 hash takes three lines, leaving the other columns room. */
    private static final int GROUPS_PER_LINE = 6;

    /** The hash in groups of four, {@value #GROUPS_PER_LINE} groups a line. */
    static String inLines(String hash) {
        String[] groups = HashText.grouped(hash).split(" ");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < groups.length; i++) {
            if (i > 0) {
                out.append(i % GROUPS_PER_LINE == 0 ? '\n' : ' ');
            }
            out.append(groups[i]);
        }
        return out.toString();
    }
}
