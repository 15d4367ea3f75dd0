package org.clinicledger.ui.reception;

import java.util.Arrays;

import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import org.clinicledger.domain.EscrowConfirmation;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.ui.common.Texts;

/**
 * The second holder of the clinic's escrow key, as a form asks for them: the escrow key exists only
 * split between administrators, so an emergency access or a new administrator needs a second
 * administrator's username and password, or the words of the recovery sheet. The password is
 * emptied at every attempt; the sheet's words stay after a refusal (a typo is found by comparing
 * them with the sheet) and go when the form succeeds or leaves the window.
 */
public final class SecondHolderViewModel {

    /** Who confirms. */
    public enum Holder {
        ADMINISTRATOR(Texts.get("reception.secondHolder.anotherAdministrator")),
        RECOVERY_SHEET(Texts.get("reception.secondHolder.theRecoverySheet"));

        private final String label;

        Holder(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final ObjectProperty<Holder> holder = new SimpleObjectProperty<>(this, "holder", Holder.ADMINISTRATOR);
    private final StringProperty username = new SimpleStringProperty(this, "username", "");
    private final StringProperty password = new SimpleStringProperty(this, "password", "");
    private final StringProperty sheetWords = new SimpleStringProperty(this, "sheetWords", "");
    private final BooleanBinding byAdministrator = holder.isNotEqualTo(Holder.RECOVERY_SHEET);
    private final BooleanBinding bySheet = holder.isEqualTo(Holder.RECOVERY_SHEET);

    /**
     * What was typed, as a confirmation whose password the caller wipes; the password field is
     * emptied whatever happens.
     *
     * @throws InvalidInputException in plain words when something is missing
     */
    public EscrowConfirmation take() {
        char[] secret = password.get().toCharArray();
        password.set("");
        if (holder.get() == Holder.RECOVERY_SHEET) {
            Arrays.fill(secret, '\0');
            if (sheetWords.get().isBlank()) {
                throw new InvalidInputException(Texts.get("reception.secondHolder.typeTheWordsOf"));
            }
            return new EscrowConfirmation.RecoverySheetWords(sheetWords.get());
        }
        String name = username.get().strip();
        if (name.isEmpty() || secret.length == 0) {
            Arrays.fill(secret, '\0');
            throw new InvalidInputException(name.isEmpty()
                    ? Texts.get("reception.secondHolder.enterTheSecondAdministrators")
                    : Texts.get("reception.secondHolder.letTheSecondAdministrator"));
        }
        return new EscrowConfirmation.SecondAdministrator(name, secret);
    }

    /** Forgets the second administrator's name and everything secret, after a success. */
    public void reset() {
        username.set("");
        clearSecrets();
    }

    /** Forgets the password and the sheet's words: when the form leaves the window. */
    public void clearSecrets() {
        password.set("");
        sheetWords.set("");
    }

    public ObjectProperty<Holder> holderProperty() {
        return holder;
    }

    public StringProperty usernameProperty() {
        return username;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    /** As typed: case, spaces and dashes do not matter. */
    public StringProperty sheetWordsProperty() {
        return sheetWords;
    }

    public BooleanBinding byAdministratorProperty() {
        return byAdministrator;
    }

    public BooleanBinding bySheetProperty() {
        return bySheet;
    }
}
