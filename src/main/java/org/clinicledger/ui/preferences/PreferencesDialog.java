package org.clinicledger.ui.preferences;

import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import atlantafx.base.theme.Styles;

import org.clinicledger.ui.common.InlineMessage;
import org.clinicledger.ui.common.Theme;
import org.clinicledger.ui.common.Texts;

/** File ▸ Preferences…: the theme and the notices of finished work, for this computer. */
public final class PreferencesDialog {

    private PreferencesDialog() {
    }

    /** Shows the dialog and waits: Save keeps the choice, Cancel or Escape puts it back. */
    public static void showAndWait(Window owner, PreferencesViewModel model) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(Texts.get("preferences.preferences"));
        dialog.setHeaderText(Texts.get("preferences.howClinicledgerLooksAnd"));
        dialog.getDialogPane().setId("preferencesDialog");
        ButtonType save = new ButtonType(Texts.get("preferences.save"), ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(save, ButtonType.CANCEL);

        Label look = new Label(Texts.get("preferences.theme"));
        look.getStyleClass().add(Styles.TEXT_BOLD);
        ToggleGroup themes = new ToggleGroup();
        HBox choices = new HBox(16);
        for (Theme theme : Theme.values()) {
            RadioButton option = new RadioButton(theme.words());
            option.setId(theme.name().toLowerCase(java.util.Locale.ROOT) + "ThemeChoice");
            option.setMnemonicParsing(false);
            option.setUserData(theme);
            option.setToggleGroup(themes);
            option.setSelected(theme == model.themeProperty().get());
            choices.getChildren().add(option);
        }
        themes.selectedToggleProperty().subscribe(toggle -> {
            if (toggle != null) {
                model.themeProperty().set((Theme) toggle.getUserData());
            }
        });

        Label work = new Label(Texts.get("preferences.finishedWork"));
        work.getStyleClass().add(Styles.TEXT_BOLD);
        CheckBox notices = new CheckBox(Texts.get("preferences.showANoticeWhen"));
        notices.setId("noticesCheckBox");
        notices.setWrapText(true);
        notices.selectedProperty().bindBidirectional(model.noticesProperty());

        VBox content = new VBox(10, look, choices, work, notices, InlineMessage.problem("preferencesProblem",
                model.problemProperty()));
        content.setMinHeight(Region.USE_PREF_SIZE);
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().setPrefWidth(520);
        // A failed save keeps the dialog open, saying why.
        dialog.getDialogPane().lookupButton(save).addEventFilter(javafx.event.ActionEvent.ACTION, event -> {
            if (!model.save()) {
                event.consume();
            }
        });
        if (dialog.showAndWait().filter(save::equals).isEmpty()) {
            model.cancel();
        }
    }
}
