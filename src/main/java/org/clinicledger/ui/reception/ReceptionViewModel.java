package org.clinicledger.ui.reception;

import java.time.ZoneId;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;

import org.clinicledger.clinic.ClinicService;
import org.clinicledger.clinic.Session;
import org.clinicledger.domain.ClinicProfile;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.Formats;
import org.clinicledger.ui.common.Texts;

/** The clinic's details as reception sees them, and renaming the clinic. */
public final class ReceptionViewModel {


    private final ClinicService clinics;
    private final Session session;
    private final BackgroundTasks tasks;
    private final ObjectProperty<ClinicProfile> clinic;
    private final StringBinding clinicName;
    private final StringBinding setUpOn;

    public ReceptionViewModel(ClinicService clinics, Session session, BackgroundTasks tasks,
            ObjectProperty<ClinicProfile> clinic) {
        this.clinics = clinics;
        this.session = session;
        this.tasks = tasks;
        this.clinic = clinic;
        clinicName = Bindings.createStringBinding(() -> clinic.get() == null ? "" : clinic.get().name(), clinic);
        setUpOn = Bindings.createStringBinding(() -> clinic.get() == null ? ""
                : Formats.date(clinic.get().createdAt().atZone(ZoneId.systemDefault()).toLocalDate()), clinic);
    }

    /** Asks for a new name and saves it; an unchanged or cancelled name changes nothing. */
    public void renameClinic() {
        ClinicProfile current = clinic.get();
        if (current == null) {
            return;
        }
        tasks.dialogs().askForText(Texts.get("reception.renameTheClinic"), Texts.get("reception.newName"),
                current.name())
                .filter(name -> !name.strip().equals(current.name()))
                .ifPresent(name -> tasks.task(Texts.get("reception.renamingTheClinic"),
                        progress -> clinics.renameClinic(session, name))
                        .onSuccess(clinic::set)
                        .start());
    }

    public StringBinding clinicNameProperty() {
        return clinicName;
    }

    public StringBinding setUpOnProperty() {
        return setUpOn;
    }
}
