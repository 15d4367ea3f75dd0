package org.clinicledger.ui.setup;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import org.clinicledger.clinic.ClinicService;
import org.clinicledger.domain.ClinicProfile;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.ui.common.BackgroundTasks;

/** First-run set-up: the clinic's name, checked as it is typed, then saved in the background. */
public final class FirstRunViewModel {

    private final ClinicService clinics;
    private final BackgroundTasks tasks;
    private final ObjectProperty<ClinicProfile> clinic;
    private final StringProperty clinicName = new SimpleStringProperty(this, "clinicName", "");
    private final BooleanProperty saving = new SimpleBooleanProperty(this, "saving");
    private final StringBinding problem;
    private final BooleanBinding canCreate;

    public FirstRunViewModel(ClinicService clinics, BackgroundTasks tasks, ObjectProperty<ClinicProfile> clinic) {
        this.clinics = clinics;
        this.tasks = tasks;
        this.clinic = clinic;
        problem = Bindings.createStringBinding(() -> problemWith(clinicName.get()), clinicName);
        canCreate = Bindings.createBooleanBinding(
                () -> !saving.get() && !clinicName.get().isBlank() && problem.get().isEmpty(), clinicName, saving, problem);
    }

    /** Empty while the name is acceptable or nothing has been typed yet. */
    private static String problemWith(String name) {
        if (name == null || name.isEmpty()) {
            return "";
        }
        try {
            ClinicProfile.checkName(name);
            return "";
        } catch (InvalidInputException e) {
            return e.getMessage();
        }
    }

    public void createClinic() {
        if (!canCreate.get()) {
            return;
        }
        String name = clinicName.get();
        saving.set(true);
        tasks.task("Creating the clinic", progress -> clinics.createClinic(name))
                .onSuccess(created -> {
                    saving.set(false);
                    clinic.set(created);
                })
                .onFailure(failure -> {
                    saving.set(false);
                    tasks.dialogs().reportFailure("The clinic could not be created", failure);
                })
                .start();
    }

    public StringProperty clinicNameProperty() {
        return clinicName;
    }

    public StringBinding problemProperty() {
        return problem;
    }

    public BooleanBinding canCreateProperty() {
        return canCreate;
    }

    public BooleanProperty savingProperty() {
        return saving;
    }
}
