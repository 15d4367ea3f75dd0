package org.clinicledger.clinic;

import java.sql.SQLException;
import java.util.Optional;

import org.clinicledger.domain.AccountCounts;
import org.clinicledger.domain.ClinicProfile;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.StorageFailure;
import org.clinicledger.store.ClinicDao;

/** The clinic's name: read by everyone, changed by reception (set-up names it: {@link AccountService#setUp}). */
public final class ClinicService {

    private final ClinicDao clinics;

    public ClinicService(ClinicDao clinics) {
        this.clinics = clinics;
    }

    /** The clinic, or empty while first-run set-up has not been done. */
    public Optional<ClinicProfile> profile() {
        try {
            return clinics.find();
        } catch (SQLException e) {
            throw new StorageFailure("read the clinic's details", e);
        }
    }

    /** How many people of each role have an account. */
    public AccountCounts accountCounts() {
        try {
            return clinics.accountCounts();
        } catch (SQLException e) {
            throw new StorageFailure("count the clinic's accounts", e);
        }
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
