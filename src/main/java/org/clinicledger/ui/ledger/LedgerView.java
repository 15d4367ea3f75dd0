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

/** The Ledger tab: the data folder, its database, and checks of their integrity and of export files. */
public final class LedgerView extends Page {

    public LedgerView(LedgerViewModel model, FilePicker files) {
        super("Ledger", "Every clinical event is written into hash-linked, signed chains. "
                + "Here anyone can see where the data lives and check that nothing was changed.");
        setId("ledgerView");

        FactGrid facts = new FactGrid()
                .row("Database file", fact(model, "databaseFileValue", f -> f.file().toString()))
                .row("Size", fact(model, "databaseSizeValue", f -> ByteSize.format(f.sizeBytes())))
                .row("Schema version", fact(model, "schemaVersionValue", f -> Integer.toString(f.schemaVersion())))
                .row("Journal", fact(model, "journalModeValue", f -> f.journalMode().toUpperCase(Locale.ROOT)))
                .row("SQLite", fact(model, "sqliteVersionValue", DatabaseFacts::sqliteVersion));

        Label result = new Label();
        result.setId("databaseCheckResult");
        result.setWrapText(true);
        result.textProperty().bind(model.checkResultProperty());
        Button check = new Button("Check database file");
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
        Button verify = new Button("Verify all chains");
        verify.setId("verifyChainsButton");
        verify.getStyleClass().add(Styles.ACCENT);
        verify.disableProperty().bind(model.verifyingProperty());
        verify.setOnAction(event -> model.verifyChains());

        StackPane clinicKey = new StackPane();
        clinicKey.setAlignment(Pos.CENTER_LEFT);
        model.fingerprintProperty().subscribe(known -> clinicKey.getChildren().setAll(known == null
                ? List.of(new Label("…"))
                : List.of(known.<Node>map(ClinicKeyCard::new).orElseGet(() -> {
                    Label none = new Label("This clinic has not been set up yet, so it has no clinic key.");
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

        section("Clinic key", clinicKey);
        section("Chains", outcome, witnessing, verify, problemsAndBlock);

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
        Button verifyFile = new Button("Verify an export file…");
        verifyFile.setId("verifyExportFileButton");
        verifyFile.disableProperty().bind(model.verifyingExportProperty());
        verifyFile.setOnAction(event -> files.chooseFilesToOpen("Choose an export file (.clchain) to verify")
                .stream().findFirst().ifPresent(model::verifyExport));
        section("Export files", exportSummary, exportDescription,
                InlineMessage.problem("exportVerificationProblem", model.exportProblemProperty()), verifyFile,
                problemsTable("exportProblemsTable", model.exportProblems()));
        section("Data folder", facts);
        section("Database file", result, check);
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
                .row("Chain", blockFact(model, "blockChain", BlockFacts::chain))
                .row("Block", blockFact(model, "blockHeight", block -> Long.toString(block.height())))
                .row("Written", blockFact(model, "blockTime", block -> Formats.time(block.createdAt())))
                .row("Event", blockFact(model, "blockKind", block -> eventWords(block.kind())))
                .row("Signed with key", blockFact(model, "blockKey", BlockFacts::authorKeyId))
                .row("Other party's block", blockFact(model, "blockCounterpart",
                        block -> block.counterpart() == null ? "none" : block.counterpart()))
                .row("Payload", blockFact(model, "blockPayload", block -> ByteSize.format(block.payloadBytes())
                        + ", encrypted or ids only"))
                .row("Block hash", new HashText("blockHash", hash(model, BlockFacts::hash)))
                .row("Previous block's hash", new HashText("blockPreviousHash", hash(model, BlockFacts::previousHash)));
        facts.visibleProperty().bind(model.blockProperty().isNotNull());
        facts.managedProperty().bind(facts.visibleProperty());
        Label title = new Label("The block");
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
            return code + " (not a kind of block ClinicLedger writes)";
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
        TableColumn<VerificationProblem, String> chain = new TableColumn<>("Chain");
        chain.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().chain()));
        chain.setPrefWidth(170);
        TableColumn<VerificationProblem, String> height = new TableColumn<>("Block");
        height.setCellValueFactory(cell -> new ReadOnlyStringWrapper(
                cell.getValue().height() < 0 ? "—" : Long.toString(cell.getValue().height())));
        height.setPrefWidth(60);
        TableColumn<VerificationProblem, String> reason = new TableColumn<>("Problem");
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
        TableColumn<VerificationProblem, String> code = new TableColumn<>("Code");
        code.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().code().code()));
        code.setPrefWidth(120);
        table.getColumns().addAll(List.of(chain, height, code, reason));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No problems to show."));
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
