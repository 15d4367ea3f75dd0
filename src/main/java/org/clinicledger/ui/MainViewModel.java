package org.clinicledger.ui;

import java.nio.file.Path;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

import org.clinicledger.domain.AccountCounts;
import org.clinicledger.domain.ClinicProfile;

/** State the whole window shares: the clinic (absent until first-run set-up) and the data folder. */
public final class MainViewModel {

    private final Path dataFolder;
    private final ObjectProperty<ClinicProfile> clinic = new SimpleObjectProperty<>(this, "clinic");
    private final BooleanBinding needsSetup = clinic.isNull();
    private final ObjectProperty<AccountCounts> accountCounts = new SimpleObjectProperty<>(this, "accountCounts",
            AccountCounts.NONE);
    private final StringBinding statusText;

    public MainViewModel(Path dataFolder, ClinicProfile initialClinic) {
        this.dataFolder = dataFolder;
        clinic.set(initialClinic);
        statusText = Bindings.createStringBinding(
                () -> (clinic.get() == null ? "No clinic set up yet" : clinic.get().name())
                        + "  ·  Data folder: " + dataFolder,
                clinic);
    }

    public ObjectProperty<ClinicProfile> clinicProperty() {
        return clinic;
    }

    /** Read in the background when the tabs appear; shown by Reception, Doctor and Patient. */
    public ObjectProperty<AccountCounts> accountCountsProperty() {
        return accountCounts;
    }

    public BooleanBinding needsSetupProperty() {
        return needsSetup;
    }

    public StringBinding statusTextProperty() {
        return statusText;
    }

    public Path dataFolder() {
        return dataFolder;
    }
}
