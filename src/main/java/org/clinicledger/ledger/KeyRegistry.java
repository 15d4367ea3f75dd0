package org.clinicledger.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    /** A registered key: which chain named it, at which height, and whether that chain is a node's. */
    record Entry(String keyId, byte[] publicKey, String chain, long height, boolean node) {
    }

    private final Map<String, Entry> byId;
    private final List<Entry> duplicates;

    private KeyRegistry(Map<String, Entry> byId, List<Entry> duplicates) {
        this.byId = byId;
        this.duplicates = duplicates;
    }

    static KeyRegistry read(ChainStore store, UnitOfWork work) {
        Map<String, Entry> byId = new HashMap<>();
        List<Entry> duplicates = new ArrayList<>();
        store.forEachBlockOfKinds(work, BlockKind.REGISTRATION.code(), BlockKind.KEY_ROTATED.code(), row -> {
            if (row.subjectKey() == null) {
                return;
            }
            Entry entry = new Entry(BlockCodec.keyId(row.subjectKey()), row.subjectKey(), row.chain(), row.height(),
                    row.chain().startsWith(PartyKind.NODE.code() + "/"));
            Entry first = byId.putIfAbsent(entry.keyId(), entry);
            if (first != null) {
                duplicates.add(entry);
            }
        });
        return new KeyRegistry(byId, duplicates);
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
