package org.clinicledger.ui.common;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.value.ObservableValue;

import org.clinicledger.domain.AccountCounts;

/** Sentences about how many people have accounts, for the tabs' empty states. */
public final class AccountCountText {

    private AccountCountText() {
    }

    public static StringBinding doctors(ObservableValue<AccountCounts> counts) {
        return Bindings.createStringBinding(() -> sentence(counts.getValue().doctors(), "doctor"), counts);
    }

    public static StringBinding patients(ObservableValue<AccountCounts> counts) {
        return Bindings.createStringBinding(() -> sentence(counts.getValue().patients(), "patient"), counts);
    }

    static String sentence(long count, String noun) {
        if (count == 0) {
            return "No " + noun + " is registered in this clinic.";
        }
        return count == 1 ? "1 " + noun + " is registered in this clinic."
                : count + " " + noun + "s are registered in this clinic.";
    }
}
