package org.clinicledger.testing;

import java.util.List;
import java.util.Optional;

import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.AccessEvent;
import org.clinicledger.domain.Block;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.ledger.AppendedEvent;
import org.clinicledger.ledger.EventSpec;
import org.clinicledger.ledger.Ledger;
import org.clinicledger.ledger.SigningKey;
import org.clinicledger.store.Database;

/** A workspace's ledger for tests: each call in a unit of work of its own, as a service would open it. */
public final class TestLedger {

    private final Database database;
    private final Ledger ledger;

    private TestLedger(Database database, Ledger ledger) {
        this.database = database;
        this.ledger = ledger;
    }

    public static TestLedger of(Workspace workspace) {
        return new TestLedger(workspace.database(), workspace.ledger());
    }

    public AppendedEvent register(PartyKind party, String subject, SigningKey owner, byte[] payload) {
        return database.write("start a chain", work -> ledger.register(work, party, subject, owner, payload));
    }

    public List<AppendedEvent> register(PartyKind party, String subject, SigningKey owner, byte[] payload,
            List<EventSpec> following) {
        return database.write("start a chain", work -> ledger.register(work, party, subject, owner, payload,
                following));
    }

    public Optional<Block> registration(ChainId chain) {
        return database.read("read a chain", work -> ledger.registration(work, chain));
    }

    public List<AccessEvent> accessEvents(ChainId patient) {
        return database.read("read a chain", work -> ledger.accessEvents(work, patient));
    }

    public AppendedEvent append(EventSpec event) {
        return database.write("append", work -> ledger.append(work, event));
    }

    public List<AppendedEvent> appendAll(List<EventSpec> events) {
        return database.write("append", work -> ledger.appendAll(work, events));
    }
}
