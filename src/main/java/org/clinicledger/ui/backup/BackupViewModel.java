package org.clinicledger.ui.backup;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Supplier;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import org.clinicledger.clinic.BackupService;
import org.clinicledger.domain.ByteSize;
import org.clinicledger.clinic.Session;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.DialogService;
import org.clinicledger.ui.common.FilePicker;
import org.clinicledger.ui.common.TaskState;
import org.clinicledger.ui.common.Texts;

/**
 * File ▸ Back up… and the reminder under the menu, for a signed-in administrator: choosing where
 * the backup goes, writing it in the background with progress in the status bar, saying where it
 * went and how large it is, and whether this computer's last backup of the clinic is older than
 * {@link BackupService#REMINDER_AFTER}.
 */
public final class BackupViewModel {

    private final BackupService backups;
    private final Session session;
    private final Supplier<FilePicker> files;
    private final DialogService dialogs;
    private final Clock clock;
    private final TaskState backingUp;
    private final TaskState looking;
    private final ReadOnlyBooleanWrapper reminderShown = new ReadOnlyBooleanWrapper(this, "reminderShown");
    private final ReadOnlyStringWrapper reminder = new ReadOnlyStringWrapper(this, "reminder", "");

    /** @param files asked each time, as the window's file chooser may be replaced (tests) */
    public BackupViewModel(BackupService backups, Session session, BackgroundTasks tasks, Supplier<FilePicker> files,
            Clock clock) {
        this.backups = backups;
        this.session = session;
        this.files = files;
        this.dialogs = tasks.dialogs();
        this.clock = clock;
        this.backingUp = TaskState.inDialogs(tasks).reportedAs(Texts.get("backup.theClinicWasNot")).announced();
        this.looking = TaskState.inDialogs(tasks).reportedAs(Texts.get("backup.theLastBackupCould"));
    }

    /** Looks up when this computer last backed the clinic up, and shows the reminder when it is due. */
    public void refreshReminder() {
        looking.run(Texts.get("backup.lookingUpTheLast"), progress -> backups.lastBackup(), this::showReminder);
    }

    private void showReminder(Optional<Instant> last) {
        Instant now = clock.instant();
        boolean due = last.map(when -> when.plus(BackupService.REMINDER_AFTER).isBefore(now)).orElse(true);
        reminderShown.set(due);
        reminder.set(due ? reminderText(last, now) : "");
    }

    /** The reminder's sentence: never backed up on this computer, or how many days ago. */
    static String reminderText(Optional<Instant> last, Instant now) {
        if (last.isEmpty()) {
            return Texts.get("backup.thisClinicHasNot");
        }
        long days = Duration.between(last.get(), now).toDays();
        return Texts.format("backup.lastBackup", days, LocalDate.ofInstant(last.get(), ZoneId.systemDefault()));
    }

    /** Asks where to write the backup, then writes it in the background; nothing happens when the person cancels. */
    public void backUp() {
        if (backingUp.isBusy()) {
            return;
        }
        Optional<Path> target = files.get().chooseFileToSave(Texts.get("backup.backUpTheClinic"),
                "clinic-" + LocalDate.ofInstant(clock.instant(), ZoneId.systemDefault()) + BackupService.FILE_EXTENSION);
        // The file chooser asked before replacing an existing file.
        target.ifPresent(chosen -> backingUp.run(Texts.get("backup.backingUpTheClinic"),
                progress -> backups.backUp(session, chosen, true, progress), made -> {
                    dialogs.showInformation(Texts.get("backup.backupWritten"), writtenMessage(made));
                    refreshReminder();
                }));
    }

    static String writtenMessage(BackupService.Made made) {
        return Texts.format("backup.written", made.file(), ByteSize.format(made.bytes()), made.summary().chains(),
                made.summary().blocks(), made.summary().vaultFiles());
    }

    /** Whether the reminder bar shows. */
    public ReadOnlyBooleanProperty reminderShownProperty() {
        return reminderShown.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty reminderProperty() {
        return reminder.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty backingUpProperty() {
        return backingUp.busyProperty();
    }
}
