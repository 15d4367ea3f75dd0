package org.clinicledger.ledger;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.clinicledger.domain.ClinicFingerprint;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.UnitOfWork;
import org.clinicledger.store.ChainStore;

/**
 * The clinic's registered machines: the node chains the clinic key vouches for ({@link KeyTrust}),
 * by node key id. A node chain someone added without the clinic key's authorization is not one.
 */
record ClinicMachines(Optional<ClinicFingerprint> clinic, Map<String, byte[]> nodeKeys) {

    ClinicMachines {
        nodeKeys = Collections.unmodifiableMap(new TreeMap<>(nodeKeys));
    }

    /** The machines as the ledger's blocks name them now. */
    static ClinicMachines read(ChainStore store, UnitOfWork work) {
        KeyRegistry registry = KeyRegistry.read(store, work);
        return of(registry, KeyTrust.anchor(registry, null));
    }

    /** The machines of a registry anchored by {@code trust}: none when there is no clinic key. */
    static ClinicMachines of(KeyRegistry registry, KeyTrust trust) {
        Map<String, byte[]> keys = new TreeMap<>();
        registry.registrations().values().forEach(registration -> {
            if (registration.chain().startsWith(PartyKind.NODE.code() + "/") && registration.subjectKey() != null
                    && trust.trusts(registration.chain())) {
                keys.put(BlockCodec.keyId(registration.subjectKey()), registration.subjectKey());
            }
        });
        return new ClinicMachines(trust.fingerprint(), keys);
    }

    /** The node public key of the machine {@code nodeKeyId}, when it is one of the clinic's. */
    Optional<byte[]> key(String nodeKeyId) {
        return Optional.ofNullable(nodeKeys.get(nodeKeyId));
    }

    int count() {
        return nodeKeys.size();
    }
}
