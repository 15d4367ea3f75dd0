package org.clinicledger.clinic;

import java.util.Arrays;

import org.clinicledger.crypto.Ed25519;
import org.clinicledger.crypto.KeyWrap;
import org.clinicledger.crypto.X25519;
import org.clinicledger.custody.Labels;
import org.clinicledger.ledger.SigningKey;
import org.clinicledger.store.AccountStore;
import org.clinicledger.store.AccountStore.ClinicKeyPurpose;
import org.clinicledger.testing.TestKeys;

/**
 * The clinic key of a clinic set up through the services, opened from an administrator's wrapped
 * copy with the administrator's own keys, as the services open it: for tests that register more
 * machines of a real clinic, which set-up does only for the first.
 */
final class ClinicKeyOfTestClinic {

    private ClinicKeyOfTestClinic() {
    }

    static SigningKey open(Workspace workspace, Session administrator) {
        byte[] wrapped = workspace.database().read("read the clinic key's copy", work -> new AccountStore()
                .wrappedKey(work, administrator.username(), ClinicKeyPurpose.CLINIC_SIGNING).orElseThrow());
        X25519.KeyPair agreement = TestKeys.agreement(administrator.keys());
        byte[] seed = null;
        try {
            seed = KeyWrap.unwrap(KeyWrap.WrappedKey.decode(wrapped), agreement,
                    Labels.bind(Labels.CLINIC_KEY, ClinicKeyPurpose.CLINIC_SIGNING.code(), administrator.username()));
            return new SigningKey(Ed25519.KeyPair.fromSeed(seed));
        } catch (Exception e) {
            throw new AssertionError("the administrator's copy of the clinic key does not open", e);
        } finally {
            if (seed != null) {
                Arrays.fill(seed, (byte) 0);
            }
        }
    }
}
