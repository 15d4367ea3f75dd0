package org.clinicledger.ui.ledger;

import java.util.Locale;
import java.util.function.Function;

import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;

import org.clinicledger.clinic.ByteSize;
import org.clinicledger.domain.DatabaseFacts;
import org.clinicledger.ui.common.FactGrid;
import org.clinicledger.ui.common.Page;

/** The Ledger tab: the data folder, its database, and checks of their integrity. */
public final class LedgerView extends Page {

    public LedgerView(LedgerViewModel model) {
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

        section("Data folder", facts);
        section("Integrity", result, check);
        model.refresh();
    }

    private static Label fact(LedgerViewModel model, String id, Function<DatabaseFacts, String> text) {
        Label value = FactGrid.value(id);
        value.textProperty().bind(Bindings.createStringBinding(
                () -> model.factsProperty().get() == null ? "…" : text.apply(model.factsProperty().get()),
                model.factsProperty()));
        return value;
    }
}
