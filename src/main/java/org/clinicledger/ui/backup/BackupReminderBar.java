package org.clinicledger.ui.backup;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

import atlantafx.base.theme.Styles;

import org.clinicledger.ui.common.Texts;

/** The bar under the menu that reminds an administrator to back the clinic up, with the button that does. */
public final class BackupReminderBar extends HBox {

    public BackupReminderBar(BackupViewModel model) {
        setId("backupReminder");
        getStyleClass().add("backup-reminder");
        Label text = new Label();
        text.setId("backupReminderText");
        text.textProperty().bind(model.reminderProperty());
        text.setWrapText(true);
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);
        Button now = new Button(Texts.get("backup.backupReminderBar.backUpNow"));
        now.setId("backupNowButton");
        now.getStyleClass().add(Styles.ACCENT);
        now.disableProperty().bind(model.backingUpProperty());
        now.setOnAction(event -> model.backUp());
        getChildren().setAll(text, now);
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(12);
        setPadding(new Insets(6, 12, 6, 12));
        visibleProperty().bind(model.reminderShownProperty());
        managedProperty().bind(visibleProperty());
    }
}
