package org.clinicledger.ui.setup;

import java.util.Arrays;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.ClinicProfile;
import org.clinicledger.domain.ClinicSetUp;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.PasswordRules;
import org.clinicledger.domain.RecoverySheet;
import org.clinicledger.domain.Username;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.TaskState;
import org.clinicledger.ui.common.Texts;

/**
 * First-run set-up: the clinic's name and its first administrator, checked as they are typed, then
 * set up in the background (tuning the password cost to this machine takes a few seconds). Then
 * the clinic's recovery sheet is shown, once: the clinic is published to the window (which moves
 * on to signing in) only when the person says they have stored it, and the sheet is forgotten.
 */
public final class FirstRunViewModel {

    private final Workspace workspace;
    private final TaskState saving;
    private final ObjectProperty<ClinicProfile> clinic;
    private final StringProperty clinicName = new SimpleStringProperty(this, "clinicName", "");
    private final StringProperty administrator = new SimpleStringProperty(this, "administrator", "");
    private final StringProperty password = new SimpleStringProperty(this, "password", "");
    private final StringProperty confirmation = new SimpleStringProperty(this, "confirmation", "");
    private final StringBinding problem;
    private final BooleanBinding canCreate;
    private final ReadOnlyObjectWrapper<RecoverySheet> recoverySheet = new ReadOnlyObjectWrapper<>(this,
            "recoverySheet");
    /** The clinic just set up, published once its recovery sheet is stored. */
    private ClinicProfile madeClinic;

    public FirstRunViewModel(Workspace workspace, BackgroundTasks tasks, ObjectProperty<ClinicProfile> clinic,
            String suggestedName) {
        this.workspace = workspace;
        this.saving = TaskState.inDialogs(tasks).reportedAs(Texts.get("setup.firstRun.theClinicCouldNot"));
        this.clinic = clinic;
        clinicName.set(suggestedName == null ? "" : suggestedName);
        problem = Bindings.createStringBinding(this::firstProblem, clinicName, administrator, password, confirmation);
        canCreate = Bindings.createBooleanBinding(() -> !saving.isBusy() && problem.get().isEmpty()
                && !clinicName.get().isBlank() && !administrator.get().isBlank() && !password.get().isEmpty()
                && !confirmation.get().isEmpty(), clinicName, administrator, password, confirmation, saving.busyProperty(),
                problem);
    }

    /** The first thing wrong with what has been typed so far; fields not yet typed in say nothing. */
    private String firstProblem() {
        try {
            if (!clinicName.get().isEmpty()) {
                ClinicProfile.checkName(clinicName.get());
            }
            if (!administrator.get().isEmpty()) {
                Username.normalize(administrator.get());
            }
            if (!password.get().isEmpty()) {
                char[] typed = password.get().toCharArray();
                try {
                    PasswordRules.check(typed);
                } finally {
                    Arrays.fill(typed, '\0');
                }
            }
        } catch (InvalidInputException e) {
            return e.getMessage();
        }
        if (!confirmation.get().isEmpty() && !confirmation.get().equals(password.get())) {
            return Texts.get("setup.firstRun.theTwoPasswordsAre");
        }
        return "";
    }

    public void createClinic() {
        if (!canCreate.get()) {
            return;
        }
        String name = clinicName.get();
        String username = administrator.get();
        char[] secret = password.get().toCharArray();
        password.set("");
        confirmation.set("");
        saving.run(Texts.get("setup.firstRun.settingUpTheClinic"), progress -> {
            ClinicSetUp setUp;
            try {
                setUp = workspace.accounts().setUp(name, username, secret);
            } finally {
                Arrays.fill(secret, '\0');
            }
            return new Made(workspace.clinic().profile().orElseThrow(), setUp.recoverySheet());
        }, made -> {
            madeClinic = made.clinic();
            recoverySheet.set(made.sheet());
        });
    }

    /** What set-up made, carried back to the JavaFX thread. */
    private record Made(ClinicProfile clinic, RecoverySheet sheet) {
    }

    /**
     * The person has printed or written down the recovery sheet: it is forgotten (it is shown only
     * once) and the clinic is published, so the window moves on to signing in.
     */
    public void recoverySheetStored() {
        if (madeClinic == null) {
            return;
        }
        ClinicProfile made = madeClinic;
        madeClinic = null;
        recoverySheet.set(null);
        clinic.set(made);
    }

    /** The recovery sheet to show after set-up; null before set-up and once it is stored. */
    public ReadOnlyObjectProperty<RecoverySheet> recoverySheetProperty() {
        return recoverySheet.getReadOnlyProperty();
    }

    public StringProperty clinicNameProperty() {
        return clinicName;
    }

    public StringProperty administratorProperty() {
        return administrator;
    }

    /** Bound to a password field; emptied when set-up starts, so the password does not linger. */
    public StringProperty passwordProperty() {
        return password;
    }

    public StringProperty confirmationProperty() {
        return confirmation;
    }

    public StringBinding problemProperty() {
        return problem;
    }

    public BooleanBinding canCreateProperty() {
        return canCreate;
    }

    public ReadOnlyBooleanProperty savingProperty() {
        return saving.busyProperty();
    }
}
