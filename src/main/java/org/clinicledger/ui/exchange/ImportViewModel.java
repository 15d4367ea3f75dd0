package org.clinicledger.ui.exchange;

import java.nio.file.Path;
import java.util.Locale;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;

import org.clinicledger.clinic.ExchangeService;
import org.clinicledger.clinic.ImportConflictException;
import org.clinicledger.clinic.Session;
import org.clinicledger.domain.ImportSummary;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.Progress;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.CancelSwitch;
import org.clinicledger.ui.common.DialogService;
import org.clinicledger.ui.common.TaskState;
import org.clinicledger.ui.common.Texts;

/**
 * File ▸ Import…: one export file, imported in the background with a working Cancel. The service
 * reads the file into a staging folder and verifies it whole before the data folder is touched,
 * so a refusal (a tampered file, another clinic's, chains both machines added to) leaves the
 * folder as it was; a conflict names its chains and blocks, so it is told in full in a dialog.
 */
public final class ImportViewModel {

    /** The dialog title a refused import is told under. */
    public static final String REFUSED_TITLE = Texts.get("exchange.import.theFileWasNot");

    private final ExchangeService exchange;
    private final Session session;
    private final DialogService dialogs;
    private final Runnable onImported;
    private final TaskState importing;
    private final CancelSwitch cancel = new CancelSwitch();
    private final ObjectProperty<Path> file = new SimpleObjectProperty<>(this, "file");
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper(this, "result", "");

    /** @param onImported told on the JavaFX thread after an import that added something, to show it */
    public ImportViewModel(ExchangeService exchange, Session session, BackgroundTasks tasks, Runnable onImported) {
        this.exchange = exchange;
        this.session = session;
        this.dialogs = tasks.dialogs();
        this.onImported = onImported;
        this.importing = TaskState.inForm(tasks).reportedAs(REFUSED_TITLE).announced();
        file.addListener((observable, before, now) -> {
            result.set("");
            importing.problemProperty().set("");
        });
    }

    /** Imports the chosen file; the result line says what it added, or why nothing was. */
    public void importFile() {
        Path chosen = file.get();
        if (chosen == null || importing.isBusy()) {
            return;
        }
        result.set("");
        cancel.reset();
        importing.run(Texts.format("exchange.import.importing", chosen.getFileName()),
                progress -> importOrSayNothingChanged(chosen, progress),
                this::imported, failure -> {
                    if (failure instanceof ImportConflictException conflict) {
                        dialogs.showError(REFUSED_TITLE, conflict.getMessage());
                    }
                });
    }

    /** A file that cannot be read or does not verify changes nothing; the sentence says so when the reader's does not. */
    private ImportSummary importOrSayNothingChanged(Path chosen, Progress progress) {
        try {
            return exchange.importFile(session, chosen, progress, cancel);
        } catch (InvalidInputException e) {
            if (e.getMessage().toLowerCase(Locale.ROOT).contains(Texts.get("exchange.import.nothingWas"))) {
                throw e;
            }
            throw new InvalidInputException(Texts.format("exchange.import.nothingWasImportedThis", e.getMessage()));
        }
    }

    private void imported(ImportSummary summary) {
        result.set(summary.headline());
        if (summary.outcome() == ImportSummary.Outcome.MERGED) {
            onImported.run();
        }
    }

    /** Stops the running import; nothing is changed. */
    public void cancel() {
        if (importing.isBusy()) {
            cancel.request();
        }
    }

    /** The export file to import. */
    public ObjectProperty<Path> fileProperty() {
        return file;
    }

    public ReadOnlyBooleanProperty importingProperty() {
        return importing.busyProperty();
    }

    public StringProperty problemProperty() {
        return importing.problemProperty();
    }

    /** The finished import's headline; empty before. */
    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }
}
