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
        return Bindings.createStringBinding(() -> Texts.format("common.accountCount.doctors",
                counts.getValue().doctors()), counts);
    }

    public static StringBinding patients(ObservableValue<AccountCounts> counts) {
        return Bindings.createStringBinding(() -> Texts.format("common.accountCount.patients",
                counts.getValue().patients()), counts);
    }
}
