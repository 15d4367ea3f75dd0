package org.clinicledger.clinic;

import java.sql.SQLException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.clinicledger.domain.ClinicProfile;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.store.ClinicDao;
import org.clinicledger.domain.StorageFailure;

/** First-run set-up of the clinic and its name. */
public final class ClinicService {

    private final ClinicDao clinics;
    private final Clock clock;

    public ClinicService(ClinicDao clinics, Clock clock) {
        this.clinics = clinics;
        this.clock = clock;
    }

    /** The clinic, or empty while first-run set-up has not been done. */
    public Optional<ClinicProfile> profile() {
        try {
            return clinics.find();
        } catch (SQLException e) {
            throw new StorageFailure("read the clinic's details", e);
        }
    }

    /** First-run set-up: names the clinic. Refused when the clinic exists already. */
    public ClinicProfile createClinic(String name) {
        ClinicProfile profile = new ClinicProfile(name, clock.instant().truncatedTo(ChronoUnit.SECONDS));
        try {
            if (!clinics.insert(profile)) {
                throw new RefusedException("This data folder already belongs to a clinic.");
            }
        } catch (SQLException e) {
            throw new StorageFailure("save the clinic's details", e);
        }
        return profile;
    }

    /** Changes the clinic's name; history-relevant identity (keys, chains) is untouched. */
    public ClinicProfile renameClinic(String newName) {
        String name = ClinicProfile.checkName(newName);
        try {
            if (!clinics.rename(name)) {
                throw new RefusedException("The clinic has not been set up yet.");
            }
        } catch (SQLException e) {
            throw new StorageFailure("rename the clinic", e);
        }
        return profile().orElseThrow();
    }
}
