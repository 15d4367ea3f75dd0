package org.clinicledger.testing;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Random;

import org.clinicledger.clinic.KeyDerivationTuning;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.crypto.Ed25519;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.ClinicProfile;
import org.clinicledger.ledger.SigningKey;
import org.clinicledger.ledger.Witnesses;
import org.clinicledger.store.AccountStore;
import org.clinicledger.store.ChainStore;
import org.clinicledger.store.ClinicDao;

/**
 * A data folder whose ledger holds three machines of one clinic: this one (its {@code node.key},
 * which signs the heads) and two more whose node chains the clinic key authorized. The ledger is
 * founded on a clinic key the test holds, as set-up founds it; the clinic is named and has settings,
 * so the window offers to sign in, but no account: it is for what needs no password.
 *
 * @param second the second machine's node key
 * @param third the third machine's node key
 */
public record ThreeMachineClinic(Path data, SigningKey clinicKey, SigningKey second, SigningKey third) {

    /** Makes the clinic in {@code data}; keys come from the folder's (random) name, fresh for every run. */
    public static ThreeMachineClinic create(Path data) {
        // This computer's memory of the chains is kept per clinic key: another run's clinic under
        // the same key would look rewritten.
        Random random = new Random(data.toString().hashCode() ^ System.nanoTime());
        try (Workspace services = Workspace.open(data, true, Clock.systemUTC(), KeyDerivationTuning.minimum())) {
            byte[] seed = new byte[Ed25519.SEED_LENGTH];
            random.nextBytes(seed);
            SigningKey clinicKey = new SigningKey(Ed25519.KeyPair.fromSeed(seed));
            TestLedger.of(services).foundClinic(clinicKey);
            services.database().write("name the clinic", work -> {
                new ClinicDao().save(work, new ClinicProfile("Three Rooms Clinic", Instant.now()));
                new AccountStore().insertSettings(work, new AccountStore.ClinicSettingsRow(new byte[32], 19_456, 2, 1));
                return null;
            });
            SigningKey second = ExtraMachines.register(services, clinicKey, random);
            SigningKey third = ExtraMachines.register(services, clinicKey, random);
            return new ThreeMachineClinic(data, clinicKey, second, third);
        }
    }

    /** The machine with node key {@code machine} cosigns the newest checkpoint of every chain. */
    public void cosignEveryChain(SigningKey machine) {
        try (Workspace services = Workspace.open(data, false, Clock.systemUTC(), KeyDerivationTuning.minimum())) {
            services.database().write("cosign as another machine", work -> {
                for (String chain : new ChainStore().chainIdsWithHeads(work)) {
                    new Witnesses(Clock.systemUTC()).cosign(work, machine, ChainId.parse(chain));
                }
                return null;
            });
        }
    }
}
