package org.clinicledger.testing;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.clinic.Workspace;
import org.clinicledger.crypto.CanonicalJson;
import org.clinicledger.domain.AccessEvent;
import org.clinicledger.domain.Block;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.ClinicFingerprint;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.ledger.AppendedEvent;
import org.clinicledger.ledger.EventSpec;
import org.clinicledger.ledger.KeyAuthorization;
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

    /** Founds the clinic's ledger on {@code clinicKey}, as set-up does: its chain and this machine's. */
    public ClinicFingerprint foundClinic(SigningKey clinicKey) {
        return database.write("found the clinic", work -> ledger.foundClinic(work, clinicKey,
                CanonicalJson.encode(JsonNodeFactory.instance.objectNode())));
    }

    /**
     * A registration payload for {@code owner} on {@code chain}: {@code fields} (a role, say), and
     * the authorization by which {@code authorizer} vouches for the key, as the services write it.
     */
    public static byte[] authorizedPayload(SigningKey authorizer, ChainId chain, SigningKey owner,
            Map<String, String> fields) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        fields.forEach(payload::put);
        return CanonicalJson.encode(KeyAuthorization.sign(authorizer, chain, owner.publicKey()).addTo(payload));
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
