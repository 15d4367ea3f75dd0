package org.clinicledger.ui.ledger;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.clinicledger.clinic.ExchangeService;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.BlockFacts;
import org.clinicledger.domain.ByteSize;
import org.clinicledger.domain.ClinicFingerprint;
import org.clinicledger.domain.ExportVerdict;
import org.clinicledger.domain.VerificationProblem;
import org.clinicledger.domain.VerificationReport;
import org.clinicledger.domain.WitnessingSummary;
import org.clinicledger.domain.DatabaseFacts;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.CancelSwitch;
import org.clinicledger.ui.common.Formats;
import org.clinicledger.ui.common.TaskState;
import org.clinicledger.ui.common.Texts;

/**
 * Facts about the data folder, verification of the chains and of export files, and the check of
 * the database file. None of it needs a password.
 */
public final class LedgerViewModel {

    /** The verification's outcome in one word or two, for the badge beside the summary. */
    public enum Verdict {
        NOT_VERIFIED(Texts.get("ledger.notVerifiedYet"), ""),
        VERIFYING(Texts.get("ledger.verifying"), ""),
        INTACT(Texts.get("ledger.intact"), "intact"),
        NOT_INTACT(Texts.get("ledger.notIntact"), "not-intact"),
        FAILED(Texts.get("ledger.couldNotVerify"), "not-intact");

        private final String words;
        private final String styleClass;

        Verdict(String words, String styleClass) {
            this.words = words;
            this.styleClass = styleClass;
        }

        public String words() {
            return words;
        }

        /** The badge's extra style class; empty for the neutral ones. */
        public String styleClass() {
            return styleClass;
        }
    }

    private final Workspace workspace;
    private final BackgroundTasks tasks;
    private final ReadOnlyObjectWrapper<DatabaseFacts> facts = new ReadOnlyObjectWrapper<>(this, "facts");
    private final ReadOnlyObjectWrapper<Optional<ClinicFingerprint>> fingerprint =
            new ReadOnlyObjectWrapper<>(this, "fingerprint");
    private final ReadOnlyStringWrapper checkResult = new ReadOnlyStringWrapper(this, "checkResult",
            Texts.get("ledger.theDatabaseFileHas"));
    private final TaskState checking;
    private final ReadOnlyStringWrapper verificationSummary = new ReadOnlyStringWrapper(this, "verificationSummary",
            Texts.get("ledger.theChainsHaveNot"));
    private final ObservableList<VerificationProblem> problems = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper witnessing = new ReadOnlyStringWrapper(this, "witnessing", "");
    private final TaskState verifying;
    private final ReadOnlyObjectWrapper<Verdict> verdict = new ReadOnlyObjectWrapper<>(this, "verdict",
            Verdict.NOT_VERIFIED);
    private final ReadOnlyObjectWrapper<BlockFacts> block = new ReadOnlyObjectWrapper<>(this, "block");
    private final ReadOnlyStringWrapper blockNote = new ReadOnlyStringWrapper(this, "blockNote",
            Texts.get("ledger.chooseAProblemTo"));
    private final ReadOnlyStringWrapper exportSummary = new ReadOnlyStringWrapper(this, "exportSummary",
            Texts.get("ledger.noExportFileHas"));
    private final ReadOnlyStringWrapper exportDescription = new ReadOnlyStringWrapper(this, "exportDescription", "");
    private final ObservableList<VerificationProblem> exportProblems = FXCollections.observableArrayList();
    private final TaskState verifyingExport;
    private final CancelSwitch exportCancel = new CancelSwitch();

    public LedgerViewModel(Workspace workspace, BackgroundTasks tasks) {
        this.workspace = workspace;
        this.tasks = tasks;
        this.checking = TaskState.inDialogs(tasks).reportedAs(Texts.get("ledger.theDatabaseCouldNot"));
        this.verifying = TaskState.inDialogs(tasks).reportedAs(Texts.get("ledger.theChainsCouldNot")).announced();
        this.verifyingExport = TaskState.inForm(tasks).reportedAs(Texts.get("ledger.theExportFileCould")).announced();
    }

    public void refresh() {
        tasks.task(Texts.get("ledger.readingTheDataFolder"), progress -> workspace.databaseFacts())
                .onSuccess(facts::set)
                .start();
        tasks.task(Texts.get("ledger.readingTheClinicKey"), progress -> workspace.clinic().fingerprint())
                .onSuccess(fingerprint::set)
                .start();
    }

    public void checkDatabase() {
        if (checking.isBusy()) {
            return;
        }
        checking.run(Texts.get("ledger.checkingTheDatabaseFile"), workspace::checkDatabaseIntegrity, problems -> {
            checkResult.set(describe(problems));
            refresh();
        }, failure -> checkResult.set(Texts.get("ledger.theCheckCouldNot")));
    }

    /** Verifies every chain in the background; the summary and the problem list show the outcome. */
    public void verifyChains() {
        if (verifying.isBusy()) {
            return;
        }
        verdict.set(Verdict.VERIFYING);
        showBlock(null);
        verifying.run(Texts.get("ledger.verifyingTheChains"),
                progress -> new Verified(workspace.verify(progress), workspace.witnesses().summary()), verified -> {
                    problems.setAll(verified.report().problems());
                    verificationSummary.set(summarize(verified.report()));
                    witnessing.set(verified.witnessing().describe());
                    verdict.set(verified.report().ok() ? Verdict.INTACT : Verdict.NOT_INTACT);
                }, failure -> {
                    verificationSummary.set(Texts.get("ledger.theVerificationCouldNot"));
                    witnessing.set("");
                    verdict.set(Verdict.FAILED);
                });
    }

    /**
     * Shows the block {@code problem} names (read as stored, in the background), or says why there
     * is none to show: a problem of a whole chain, of this machine's memory, or of a missing block.
     */
    public void showBlock(VerificationProblem problem) {
        block.set(null);
        if (problem == null) {
            blockNote.set(Texts.get("ledger.chooseAProblemTo"));
            return;
        }
        if (problem.height() < 0) {
            blockNote.set(Texts.format("ledger.wholeChainProblem", problem.chain()));
            return;
        }
        blockNote.set(Texts.format("ledger.readingBlockNote", problem.height(), problem.chain()));
        tasks.task(Texts.format("ledger.readingBlock", problem.height(), problem.chain()),
                progress -> workspace.chainBrowser().block(problem.chain(), problem.height()))
                .onSuccess(found -> {
                    block.set(found.orElse(null));
                    blockNote.set(found.isPresent() ? ""
                            : Texts.format("ledger.missingBlock", problem.height(), problem.chain()));
                })
                .start();
    }

    /** What one verification found: the report, and how many machines stand behind each chain's newest checkpoint. */
    private record Verified(VerificationReport report, WitnessingSummary witnessing) {
    }

    /**
     * Checks an export file with nothing but the file, in the background, anchored to this
     * folder's clinic key once there is one (a file of another clinic is then a problem). A file
     * that cannot be read as an export at all is told on the summary line in plain words.
     */
    public void verifyExport(Path file) {
        if (verifyingExport.isBusy()) {
            return;
        }
        exportProblems.clear();
        exportDescription.set("");
        exportSummary.set(Texts.format("ledger.checkingExportNote", file.getFileName()));
        exportCancel.reset();
        verifyingExport.run(Texts.format("ledger.checkingExport", file.getFileName()),
                progress -> ExchangeService.verifyExport(
                file, workspace.clinic().fingerprint().orElse(null), progress, exportCancel), verdict -> {
                    exportProblems.setAll(verdict.problems());
                    exportSummary.set(verdict.headline());
                    exportDescription.set(describe(file, verdict));
                }, failure -> exportSummary.set(Texts.format("ledger.exportUnreadable", file.getFileName())));
    }

    /** Stops checking an export file. */
    public void cancelExportCheck() {
        if (verifyingExport.isBusy()) {
            exportCancel.request();
        }
    }

    /** What the file says it is: scope, who and when, which machine and clinic, what it holds. */
    static String describe(Path file, ExportVerdict verdict) {
        String what = verdict.subject().isEmpty() ? verdict.scope() : verdict.scope() + " " + verdict.subject();
        return Texts.format("ledger.exportDescription", file.getFileName(), what, verdict.exportedBy(),
                Formats.time(verdict.createdAt()), verdict.node(), verdict.clinic(), verdict.chains(), verdict.blocks(),
                verdict.rows(), verdict.files(), ByteSize.format(verdict.bytes()));
    }

    static String summarize(VerificationReport report) {
        String time = Formats.time(Instant.now());
        String counted = Texts.format("ledger.counted", report.chains(), report.blocks());
        if (report.ok()) {
            return (report.clinicKey() == null ? Texts.format("ledger.intactSummary", counted, time)
                    : Texts.format("ledger.intactToClinicKey", counted, time, report.clinicKey().grouped()))
                    + (report.problems().isEmpty() ? "" : Texts.get("ledger.upkeepThatIsDue"));
        }
        return Texts.format("ledger.notIntactSummary", report.changes().size(), counted, time);
    }

    static String describe(List<String> problems) {
        String time = Formats.time(Instant.now());
        if (problems.isEmpty()) {
            return Texts.format("ledger.databaseSound", time);
        }
        return Texts.format("ledger.databaseDamaged", time, String.join("; ", problems));
    }

    public ReadOnlyObjectProperty<DatabaseFacts> factsProperty() {
        return facts.getReadOnlyProperty();
    }

    /** The clinic key's fingerprint once read: empty before set-up; null while it is being read. */
    public ReadOnlyObjectProperty<Optional<ClinicFingerprint>> fingerprintProperty() {
        return fingerprint.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty checkResultProperty() {
        return checkResult.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Verdict> verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    /** The block the chosen problem names, as stored; null when none is shown. */
    public ReadOnlyObjectProperty<BlockFacts> blockProperty() {
        return block.getReadOnlyProperty();
    }

    /** Why no block is shown, or that it is being read; empty while one is. */
    public ReadOnlyStringProperty blockNoteProperty() {
        return blockNote.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty verificationSummaryProperty() {
        return verificationSummary.getReadOnlyProperty();
    }

    /** How many chains' newest checkpoints a majority of the clinic's machines witnessed; empty before a verification. */
    public ReadOnlyStringProperty witnessingProperty() {
        return witnessing.getReadOnlyProperty();
    }

    public ObservableList<VerificationProblem> problems() {
        return problems;
    }

    /** The last export file check's headline, or why it could not run. */
    public ReadOnlyStringProperty exportSummaryProperty() {
        return exportSummary.getReadOnlyProperty();
    }

    /** What the last checked export file says it is; empty before. */
    public ReadOnlyStringProperty exportDescriptionProperty() {
        return exportDescription.getReadOnlyProperty();
    }

    /** Why the file could not be read as an export at all; empty otherwise. */
    public javafx.beans.property.StringProperty exportProblemProperty() {
        return verifyingExport.problemProperty();
    }

    public ObservableList<VerificationProblem> exportProblems() {
        return exportProblems;
    }

    public ReadOnlyBooleanProperty verifyingExportProperty() {
        return verifyingExport.busyProperty();
    }

    public ReadOnlyBooleanProperty verifyingProperty() {
        return verifying.busyProperty();
    }

    public ReadOnlyBooleanProperty checkingProperty() {
        return checking.busyProperty();
    }
}
