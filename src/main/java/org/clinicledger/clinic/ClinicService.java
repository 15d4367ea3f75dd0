package org.clinicledger.clinic;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.clinicledger.domain.AccountCounts;
import org.clinicledger.domain.Block;
import org.clinicledger.domain.ClinicFingerprint;
import org.clinicledger.domain.ClinicProfile;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.Role;
import org.clinicledger.ledger.ClinicRoot;
import org.clinicledger.ledger.Ledger;
import org.clinicledger.store.ClinicDao;
import org.clinicledger.store.Database;

/**
 * The clinic's name and identity: read by everyone, the name changed by reception (set-up names it
 * and makes its key: {@link AccountService#setUp}).
 */
public final class ClinicService {

    private final Database database;
    private final ClinicDao clinics;
    private final Ledger ledger;
    private final Clock clock;

    ClinicService(Database database, ClinicDao clinics, Ledger ledger, Clock clock) {
        this.database = database;
        this.clinics = clinics;
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * The fingerprint of the clinic key this folder's ledger is founded on: the clinic's identity,
     * to read aloud or compare with a receipt. Empty before set-up, or when the ledger holds more
     * than one clinic key (which {@code verify} reports). That the ledger is anchored to it is what
     * {@link Workspace#verify} checks.
     */
    public Optional<ClinicFingerprint> fingerprint() {
        List<Block> roots = database.read("read the clinic key", work -> ledger.registrations(work, PartyKind.CLINIC));
        return roots.size() == 1 ? Optional.of(ClinicRoot.fingerprint(roots.get(0).subjectKey())) : Optional.empty();
    }

    /** The clinic, or empty while first-run set-up has not been done. */
    public Optional<ClinicProfile> profile() {
        return database.read("read the clinic's details", clinics::find);
    }

    /** How many people of each role have an account. */
    public AccountCounts accountCounts() {
        return database.read("count the clinic's accounts", clinics::accountCounts);
    }

    /**
     * Changes the clinic's name; history-relevant identity (keys, chains) is untouched.
     *
     * @param staff a receptionist's or an administrator's open session
     * @throws RefusedException for anyone else, a closed session, or a clinic not set up
     */
    public ClinicProfile renameClinic(Session staff, String newName) {
        staff.use(clock.instant());
        if (staff.role() != Role.RECEPTIONIST && staff.role() != Role.ADMINISTRATOR) {
            throw new RefusedException("Only reception or an administrator renames the clinic.");
        }
        String name = ClinicProfile.checkName(newName);
        if (!database.write("rename the clinic", work -> clinics.rename(work, name))) {
            throw new RefusedException("The clinic has not been set up yet.");
        }
        return profile().orElseThrow();
    }
}
