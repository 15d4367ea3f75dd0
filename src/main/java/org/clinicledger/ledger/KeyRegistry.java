package org.clinicledger.ledger;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.UnitOfWork;
import org.clinicledger.store.ChainStore;

/**
 * Every public key named by a registration or key-rotated block, recomputed from the blocks
 * themselves, never read from the derived {@code author_keys} table: verification trusts only what
 * the chains say.
 */
final class KeyRegistry {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A registered key: which chain named it, at which height, and whether that chain is a node's. */
    record Entry(String keyId, byte[] publicKey, String chain, long height, boolean node) {
    }

    private final Map<String, Entry> byId;
    private final List<Entry> duplicates;
    private final Map<String, String> roles;

    private KeyRegistry(Map<String, Entry> byId, List<Entry> duplicates, Map<String, String> roles) {
        this.byId = byId;
        this.duplicates = duplicates;
        this.roles = roles;
    }

    static KeyRegistry read(ChainStore store, UnitOfWork work) {
        Map<String, Entry> byId = new HashMap<>();
        List<Entry> duplicates = new ArrayList<>();
        Map<String, String> roles = new HashMap<>();
        store.forEachBlockOfKinds(work, BlockKind.REGISTRATION.code(), BlockKind.KEY_ROTATED.code(), row -> {
            if (row.subjectKey() == null) {
                return;
            }
            Entry entry = new Entry(BlockCodec.keyId(row.subjectKey()), row.subjectKey(), row.chain(), row.height(),
                    row.chain().startsWith(PartyKind.NODE.code() + "/"));
            if (row.height() == 0) {
                registeredRole(row.payload()).ifPresent(role -> roles.put(row.chain(), role));
            }
            Entry first = byId.putIfAbsent(entry.keyId(), entry);
            if (first != null) {
                duplicates.add(entry);
            }
        });
        return new KeyRegistry(byId, duplicates, roles);
    }

    /** The role an account's registration names for {@code chain} (administrator, doctor…), if it names one. */
    Optional<String> role(String chain) {
        return Optional.ofNullable(roles.get(chain));
    }

    private static Optional<String> registeredRole(byte[] payload) {
        try {
            JsonNode role = JSON.readTree(payload).get(RegistrationFields.ROLE);
            return role != null && role.isTextual() ? Optional.of(role.textValue()) : Optional.empty();
        } catch (IOException | RuntimeException notAnAccount) {
            return Optional.empty();
        }
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
