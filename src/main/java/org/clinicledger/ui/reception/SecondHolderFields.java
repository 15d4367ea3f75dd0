package org.clinicledger.ui.reception;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;

import org.clinicledger.ui.common.FormGrid;
import org.clinicledger.ui.reception.SecondHolderViewModel.Holder;
import org.clinicledger.ui.common.Texts;

/** The rows of a form that ask for the second holder of the escrow key: who, then their password or the sheet. */
final class SecondHolderFields {

    private SecondHolderFields() {
    }

    /**
     * Adds the rows to {@code form}, shown while {@code shown} says so; ids start with
     * {@code prefix} ({@code …SecondHolderChoice}, {@code …SecondUsernameField},
     * {@code …SecondPasswordField}, {@code …SheetWordsField}).
     */
    static FormGrid addTo(FormGrid form, SecondHolderViewModel model, String prefix, ObservableBooleanValue shown) {
        ChoiceBox<Holder> holder = new ChoiceBox<>();
        holder.getItems().setAll(Holder.values());
        holder.setId(prefix + "SecondHolderChoice");
        holder.valueProperty().bindBidirectional(model.holderProperty());
        TextField username = StaffRegistrationView.field(prefix + "SecondUsernameField",
                Texts.get("reception.secondHolderFields.anotherAdministrator"),
                model.usernameProperty());
        PasswordField password = new PasswordField();
        password.setId(prefix + "SecondPasswordField");
        password.setPromptText(Texts.get("reception.secondHolderFields.theyTypeItThemselves"));
        password.textProperty().bindBidirectional(model.passwordProperty());
        TextField words = StaffRegistrationView.field(prefix + "SheetWordsField",
                Texts.get("reception.secondHolderFields.theGroupsOfFour"), model.sheetWordsProperty());
        words.setStyle("-fx-font-family: monospace;");
        ObservableBooleanValue byAdministrator = Bindings.and(shown, model.byAdministratorProperty());
        ObservableBooleanValue bySheet = Bindings.and(shown, model.bySheetProperty());
        return form.row(Texts.get("reception.secondHolderFields.confirmedBy"), holder, shown)
                .row(Texts.get("reception.secondHolderFields.theirUsername"), username, byAdministrator)
                .row(Texts.get("reception.secondHolderFields.theirPassword"), password, byAdministrator)
                .row(Texts.get("reception.secondHolderFields.recoverySheetWords"), words, bySheet);
    }
}
