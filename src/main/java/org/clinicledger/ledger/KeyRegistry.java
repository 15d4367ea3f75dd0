package org.clinicledger.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.UnitOfWork;
import org.clinicledger.store.BlockRow;
import org.clinicledger.store.ChainStore;

/**
 * Every public key named by a registration, key-rotated or key-recovered block, recomputed from the blocks
 * themselves, never read from the derived {@code author_keys} table: verification trusts only what
 * the chains say.
 */
final class KeyRegistry {

    /** A registered key: which chain named it, at which height, and whether that chain is a node's. */
    record Entry(String keyId, byte[] publicKey, String chain, long height, boolean node) {
    }

    /**
     * What a chain's first block registers: the key, who signed the block, the role it names (null
     * when none) and the authorization vouching for the key (empty when it carries none).
     */
    record Registration(String chain, byte[] subjectKey, String authorKeyId, String role,
            Optional<KeyAuthorization> authorization) {
    }

    private final Map<String, Entry> byId;
    private final List<Entry> duplicates;
    private final Map<String, Registration> registrations;
    private final List<String> recoveryKeys;

    private KeyRegistry(Map<String, Entry> byId, List<Entry> duplicates, Map<String, Registration> registrations,
            List<String> recoveryKeys) {
        this.byId = byId;
        this.duplicates = duplicates;
        this.registrations = registrations;
        this.recoveryKeys = recoveryKeys;
    }

    static KeyRegistry read(ChainStore store, UnitOfWork work) {
        Map<String, Entry> byId = new HashMap<>();
        List<Entry> duplicates = new ArrayList<>();
        Map<String, Registration> registrations = new TreeMap<>();
        List<String> recoveryKeys = new ArrayList<>();
        ChainStore.RowConsumer<BlockRow> read = row -> {
            if (row.subjectKey() == null) {
                return;
            }
            Entry entry = new Entry(BlockCodec.keyId(row.subjectKey()), row.subjectKey(), row.chain(), row.height(),
                    row.chain().startsWith(PartyKind.NODE.code() + "/"));
            if (row.height() == 0 && BlockKind.REGISTRATION.code().equals(row.kind())) {
                JsonNode payload = RegistrationPayload.parse(row.payload()).orElse(null);
                JsonNode role = payload == null ? null : payload.get(RegistrationFields.ROLE);
                registrations.put(row.chain(), new Registration(row.chain(), row.subjectKey(), row.authorKeyId(),
                        role != null && role.isTextual() ? role.textValue() : null, KeyAuthorization.read(payload)));
                JsonNode recovery = payload == null ? null : payload.get(RegistrationFields.FOUNDING_RECOVERY_KEY);
                if (recovery != null && row.chain().startsWith(PartyKind.STAFF.code() + "/")) {
                    recoveryKeys.add(recovery.isTextual() ? recovery.textValue() : "");
                }
            }
            Entry first = byId.putIfAbsent(entry.keyId(), entry);
            if (first != null) {
                duplicates.add(entry);
            }
        };
        store.forEachBlockOfKinds(work, BlockKind.REGISTRATION.code(), BlockKind.KEY_ROTATED.code(), read);
        // Only the recovered person's side of a recovery names a key; the administrator's names none.
        store.forEachBlockOfKinds(work, BlockKind.KEY_RECOVERED.code(), BlockKind.KEY_RECOVERED.code(), read);
        return new KeyRegistry(byId, duplicates, registrations, recoveryKeys);
    }

    /** The role an account's registration names for {@code chain} (administrator, doctor…), if it names one. */
    Optional<String> role(String chain) {
        Registration registration = registrations.get(chain);
        return Optional.ofNullable(registration == null ? null : registration.role());
    }

    /**
     * The recovery sheet's public key, as the one founding registration that names one commits to
     * it; null when none or several do, or it is not a key.
     */
    byte[] recoveryKey() {
        if (recoveryKeys.size() != 1 || !recoveryKeys.get(0).matches("[0-9a-f]{64}")) {
            return null;
        }
        return org.clinicledger.crypto.Hex.decode(recoveryKeys.get(0));
    }

    /** Every public key registered for {@code chain}, at its registration or a rotation. */
    List<byte[]> keysOf(String chain) {
        List<byte[]> keys = new ArrayList<>();
        byId.values().forEach(entry -> {
            if (entry.chain().equals(chain)) {
                keys.add(entry.publicKey());
            }
        });
        return keys;
    }

    /** Every chain's registration, by chain id in order. */
    Map<String, Registration> registrations() {
        return registrations;
    }

    Entry find(String keyId) {
        return byId.get(keyId);
    }

    /** Keys named a second time (by another chain or height); each is a problem. */
    List<Entry> duplicates() {
        return duplicates;
    }

    Map<String, Entry> entries() {
        return byId;
    }
}
