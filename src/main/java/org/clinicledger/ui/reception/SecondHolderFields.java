package org.clinicledger.ui.reception;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;

import org.clinicledger.ui.common.FormGrid;
import org.clinicledger.ui.reception.SecondHolderViewModel.Holder;

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
        TextField username = StaffRegistrationView.field(prefix + "SecondUsernameField", "another administrator",
                model.usernameProperty());
        PasswordField password = new PasswordField();
        password.setId(prefix + "SecondPasswordField");
        password.setPromptText("they type it themselves");
        password.textProperty().bindBidirectional(model.passwordProperty());
        TextField words = StaffRegistrationView.field(prefix + "SheetWordsField",
                "the 14 groups of four from the sheet", model.sheetWordsProperty());
        words.setStyle("-fx-font-family: monospace;");
        ObservableBooleanValue byAdministrator = Bindings.and(shown, model.byAdministratorProperty());
        ObservableBooleanValue bySheet = Bindings.and(shown, model.bySheetProperty());
        return form.row("Confirmed by", holder, shown)
                .row("Their username", username, byAdministrator)
                .row("Their password", password, byAdministrator)
                .row("Recovery sheet words", words, bySheet);
    }
}
