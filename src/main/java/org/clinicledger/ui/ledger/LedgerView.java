package org.clinicledger.ui.ledger;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.geometry.Insets;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import org.clinicledger.domain.BlockFacts;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ByteSize;
import atlantafx.base.theme.Styles;

import org.clinicledger.domain.DatabaseFacts;
import org.clinicledger.domain.VerificationProblem;
import org.clinicledger.ui.common.ClinicKeyCard;
import org.clinicledger.ui.common.FactGrid;
import org.clinicledger.ui.common.FilePicker;
import org.clinicledger.ui.common.Formats;
import org.clinicledger.ui.common.HashText;
import org.clinicledger.ui.common.InlineMessage;
import org.clinicledger.ui.common.Page;
import org.clinicledger.ui.common.Texts;

/** The Ledger tab: the data folder, its database, and checks of their integrity and of export files. */
public final class LedgerView extends Page {

    public LedgerView(LedgerViewModel model, FilePicker files) {
        super(Texts.get("ledger.ledger"), Texts.get("ledger.everyClinicalEventIs"));
        setId("ledgerView");

        FactGrid facts = new FactGrid()
                .row(Texts.get("ledger.databaseFile"), fact(model, "databaseFileValue", f -> f.file().toString()))
                .row(Texts.get("ledger.size"), fact(model, "databaseSizeValue", f -> ByteSize.format(f.sizeBytes())))
                .row(Texts.get("ledger.schemaVersion"), fact(model, "schemaVersionValue",
                        f -> Integer.toString(f.schemaVersion())))
                .row(Texts.get("ledger.journal"), fact(model, "journalModeValue",
                        f -> f.journalMode().toUpperCase(Locale.ROOT)))
                .row(Texts.get("ledger.sqlite"), fact(model, "sqliteVersionValue", DatabaseFacts::sqliteVersion));

        Label result = new Label();
        result.setId("databaseCheckResult");
        result.setWrapText(true);
        result.textProperty().bind(model.checkResultProperty());
        Button check = new Button(Texts.get("ledger.checkDatabaseFile"));
        check.setId("checkDatabaseButton");
        check.disableProperty().bind(model.checkingProperty());
        check.setOnAction(event -> model.checkDatabase());

        Label summary = new Label();
        summary.setId("verificationSummary");
        summary.setWrapText(true);
        summary.textProperty().bind(model.verificationSummaryProperty());
        Label witnessing = new Label();
        witnessing.setId("witnessingSummary");
        witnessing.setWrapText(true);
        witnessing.textProperty().bind(model.witnessingProperty());
        witnessing.visibleProperty().bind(model.witnessingProperty().isNotEmpty());
        witnessing.managedProperty().bind(witnessing.visibleProperty());
        Button verify = new Button(Texts.get("ledger.verifyAllChains"));
        verify.setId("verifyChainsButton");
        verify.getStyleClass().add(Styles.ACCENT);
        verify.disableProperty().bind(model.verifyingProperty());
        verify.setOnAction(event -> model.verifyChains());

        StackPane clinicKey = new StackPane();
        clinicKey.setAlignment(Pos.CENTER_LEFT);
        model.fingerprintProperty().subscribe(known -> clinicKey.getChildren().setAll(known == null
                ? List.of(new Label("…"))
                : List.of(known.<Node>map(ClinicKeyCard::new).orElseGet(() -> {
                    Label none = new Label(Texts.get("ledger.thisClinicHasNot"));
                    none.setId("clinicFingerprint");
                    return none;
                }))));

        Label badge = new Label();
        badge.setId("verificationBadge");
        badge.getStyleClass().add("verdict-badge");
        badge.setMinWidth(Region.USE_PREF_SIZE);
        model.verdictProperty().subscribe(verdict -> {
            badge.setText(verdict.words());
            badge.getStyleClass().removeAll("intact", "not-intact");
            if (!verdict.styleClass().isEmpty()) {
                badge.getStyleClass().add(verdict.styleClass());
            }
        });
        HBox outcome = new HBox(12, badge, summary);
        outcome.setAlignment(Pos.TOP_LEFT);
        HBox.setHgrow(summary, Priority.ALWAYS);

        TableView<VerificationProblem> problems = problemsTable("problemsTable", model.problems());
        problems.getSelectionModel().selectedItemProperty().subscribe(model::showBlock);
        SplitPane problemsAndBlock = new SplitPane(problems, blockDetail(model));
        problemsAndBlock.setId("problemsAndBlock");
        problemsAndBlock.setDividerPositions(0.58);
        problemsAndBlock.setPrefHeight(280);
        problemsAndBlock.visibleProperty().bind(Bindings.isNotEmpty(model.problems()));
        problemsAndBlock.managedProperty().bind(problemsAndBlock.visibleProperty());

        section(Texts.get("ledger.clinicKey"), clinicKey);
        section(Texts.get("ledger.chains"), outcome, witnessing, verify, problemsAndBlock);

        Label exportSummary = new Label();
        exportSummary.setId("exportVerificationSummary");
        exportSummary.setWrapText(true);
        exportSummary.textProperty().bind(model.exportSummaryProperty());
        Label exportDescription = new Label();
        exportDescription.setId("exportDescription");
        exportDescription.setWrapText(true);
        exportDescription.getStyleClass().add(Styles.TEXT_MUTED);
        exportDescription.textProperty().bind(model.exportDescriptionProperty());
        exportDescription.managedProperty().bind(exportDescription.textProperty().isNotEmpty());
        exportDescription.visibleProperty().bind(exportDescription.managedProperty());
        Button verifyFile = new Button(Texts.get("ledger.verifyAnExportFile"));
        verifyFile.setId("verifyExportFileButton");
        verifyFile.disableProperty().bind(model.verifyingExportProperty());
        verifyFile.setOnAction(event -> files.chooseFilesToOpen(Texts.get("ledger.chooseAnExportFile"))
                .stream().findFirst().ifPresent(model::verifyExport));
        section(Texts.get("ledger.exportFiles"), exportSummary, exportDescription,
                InlineMessage.problem("exportVerificationProblem", model.exportProblemProperty()), verifyFile,
                problemsTable("exportProblemsTable", model.exportProblems()));
        section(Texts.get("ledger.dataFolder"), facts);
        section(Texts.get("ledger.databaseFile"), result, check);
        model.refresh();
    }

    /** The block the chosen problem names, as stored: where, when, what, signed by which key, and its hashes. */
    private static Node blockDetail(LedgerViewModel model) {
        Label note = new Label();
        note.setId("blockNote");
        note.setWrapText(true);
        note.getStyleClass().add(Styles.TEXT_MUTED);
        note.textProperty().bind(model.blockNoteProperty());
        note.managedProperty().bind(note.textProperty().isNotEmpty());
        note.visibleProperty().bind(note.managedProperty());
        FactGrid facts = new FactGrid()
                .row(Texts.get("ledger.chain"), blockFact(model, "blockChain", BlockFacts::chain))
                .row(Texts.get("ledger.block"), blockFact(model, "blockHeight", block -> Long.toString(block.height())))
                .row(Texts.get("ledger.written"), blockFact(model, "blockTime",
                        block -> Formats.time(block.createdAt())))
                .row(Texts.get("ledger.event"), blockFact(model, "blockKind", block -> eventWords(block.kind())))
                .row(Texts.get("ledger.signedWithKey"), blockFact(model, "blockKey", BlockFacts::authorKeyId))
                .row(Texts.get("ledger.otherPartysBlock"), blockFact(model, "blockCounterpart",
                        block -> block.counterpart() == null ? Texts.get("ledger.noCounterpart") : block.counterpart()))
                .row(Texts.get("ledger.payload"), blockFact(model, "blockPayload",
                        block -> Texts.format("ledger.payloadSize", ByteSize.format(block.payloadBytes()))))
                .row(Texts.get("ledger.blockHash"), new HashText("blockHash", hash(model, BlockFacts::hash)))
                .row(Texts.get("ledger.previousBlocksHash"), new HashText("blockPreviousHash", hash(model,
                        BlockFacts::previousHash)));
        facts.visibleProperty().bind(model.blockProperty().isNotNull());
        facts.managedProperty().bind(facts.visibleProperty());
        Label title = new Label(Texts.get("ledger.theBlock"));
        title.getStyleClass().add(Styles.TEXT_BOLD);
        VBox pane = new VBox(8, title, note, facts);
        pane.setId("blockDetail");
        pane.setPadding(new Insets(0, 0, 0, 12));
        ScrollPane scroll = new ScrollPane(pane);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private static String eventWords(String code) {
        try {
            return Formats.kind(BlockKind.fromCode(code));
        } catch (IllegalArgumentException unknown) {
            return Texts.format("ledger.unknownKind", code);
        }
    }

    private static Label blockFact(LedgerViewModel model, String id, Function<BlockFacts, String> text) {
        Label value = FactGrid.value(id);
        value.setWrapText(true);
        value.textProperty().bind(hash(model, text));
        return value;
    }

    private static javafx.beans.binding.StringBinding hash(LedgerViewModel model, Function<BlockFacts, String> text) {
        return Bindings.createStringBinding(
                () -> model.blockProperty().get() == null ? "" : text.apply(model.blockProperty().get()),
                model.blockProperty());
    }

    private static TableView<VerificationProblem> problemsTable(String id,
            javafx.collections.ObservableList<VerificationProblem> problems) {
        TableView<VerificationProblem> table = new TableView<>(problems);
        table.setId(id);
        TableColumn<VerificationProblem, String> chain = new TableColumn<>(Texts.get("ledger.chain"));
        chain.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().chain()));
        chain.setPrefWidth(170);
        TableColumn<VerificationProblem, String> height = new TableColumn<>(Texts.get("ledger.block"));
        height.setCellValueFactory(cell -> new ReadOnlyStringWrapper(
                cell.getValue().height() < 0 ? "—" : Long.toString(cell.getValue().height())));
        height.setPrefWidth(60);
        TableColumn<VerificationProblem, String> reason = new TableColumn<>(Texts.get("ledger.problem"));
        reason.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().reason()));
        reason.setPrefWidth(480);
        reason.setCellFactory(column -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                // Long reasons stay readable: the whole sentence is one hover away.
                setTooltip(empty || item == null ? null : new Tooltip(item));
            }
        });
        TableColumn<VerificationProblem, String> code = new TableColumn<>(Texts.get("ledger.code"));
        code.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().code().code()));
        code.setPrefWidth(120);
        table.getColumns().addAll(List.of(chain, height, code, reason));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label(Texts.get("ledger.noProblemsToShow")));
        table.setPrefHeight(240);
        table.visibleProperty().bind(Bindings.isNotEmpty(problems));
        table.managedProperty().bind(table.visibleProperty());
        return table;
    }

    private static Label fact(LedgerViewModel model, String id, Function<DatabaseFacts, String> text) {
        Label value = FactGrid.value(id);
        value.textProperty().bind(Bindings.createStringBinding(
                () -> model.factsProperty().get() == null ? "…" : text.apply(model.factsProperty().get()),
                model.factsProperty()));
        return value;
    }
}
