package org.clinicledger.testing;

import java.util.Random;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.clinic.Workspace;
import org.clinicledger.crypto.CanonicalJson;
import org.clinicledger.crypto.Ed25519;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.ledger.KeyAuthorization;
import org.clinicledger.ledger.SigningKey;

/**
 * More machines for one test clinic: node chains whose keys the clinic key authorizes, registered
 * as set-up registers the first ({@code Ledger#foundClinic}), so that one folder holds what several
 * machines of the clinic would sign and cosign.
 */
public final class ExtraMachines {

    private ExtraMachines() {
    }

    /** Registers a new machine of the clinic founded on {@code clinicKey}; returns its node key. */
    public static SigningKey register(Workspace workspace, SigningKey clinicKey, Random random) {
        byte[] seed = new byte[Ed25519.SEED_LENGTH];
        random.nextBytes(seed);
        SigningKey node = new SigningKey(Ed25519.KeyPair.fromSeed(seed));
        ChainId chain = new ChainId(PartyKind.NODE, node.keyId());
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("format", 1);
        KeyAuthorization.sign(clinicKey, chain, node.publicKey()).addTo(payload);
        TestLedger.of(workspace).register(PartyKind.NODE, node.keyId(), node, CanonicalJson.encode(payload));
        return node;
    }

    /** A node key that no chain registers: a machine the clinic never authorized. */
    public static SigningKey unregistered(Random random) {
        byte[] seed = new byte[Ed25519.SEED_LENGTH];
        random.nextBytes(seed);
        return new SigningKey(Ed25519.KeyPair.fromSeed(seed));
    }
}
