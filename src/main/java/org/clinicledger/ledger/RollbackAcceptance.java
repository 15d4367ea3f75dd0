package org.clinicledger.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.crypto.CanonicalJson;
import org.clinicledger.crypto.Ed25519;
import org.clinicledger.crypto.Hex;
import org.clinicledger.domain.ClinicFingerprint;
import org.clinicledger.domain.VerificationProblem;

/**
 * An administrator's signed statement that a data folder's chains, rolled back or rewritten, are to
 * be taken as they are now: which clinic and folder, who, when, why, and what was accepted. No block
 * kind says this, and the folder it speaks of is the one that cannot be trusted, so the statement is
 * kept in this machine's memory of the clinic ({@link HeadMemory}) and checked whenever that is read:
 * the signature, and that the key is an administrator's the clinic vouches for ({@link RollbackCheck}).
 *
 * @param statement the signed fields, as JSON; signed as RFC 8785 canonical JSON under {@link #DOMAIN}
 * @param signature the administrator's Ed25519 signature
 */
public record RollbackAcceptance(ObjectNode statement, byte[] signature) {

    static final String DOMAIN = "clinicledger/rollback-acceptance/v1";

    public RollbackAcceptance {
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(signature, "signature");
    }

    /** Signs the acceptance of {@code accepted} in the folder at {@code folder} with {@code key}. */
    public static RollbackAcceptance sign(SigningKey key, String administratorChain, ClinicFingerprint clinic,
            String folder, String reason, List<VerificationProblem> accepted, Instant at) {
        ObjectNode statement = JsonNodeFactory.instance.objectNode();
        statement.put("clinic", clinic.value());
        statement.put("folder", folder);
        statement.put("acceptedAt", at.toEpochMilli());
        statement.put("administrator", administratorChain);
        statement.put("publicKey", Hex.encode(key.publicKey()));
        statement.put("reason", reason);
        ArrayNode problems = statement.putArray("accepted");
        for (VerificationProblem problem : accepted) {
            problems.addObject().put("chain", problem.chain()).put("code", problem.code().code())
                    .put("reason", problem.reason());
        }
        return new RollbackAcceptance(statement, key.sign(CanonicalJson.encode(DOMAIN, statement)));
    }

    /** Whether the signature verifies under the public key the statement names. */
    public boolean verifies() {
        byte[] publicKey = publicKey();
        if (publicKey == null || !Ed25519.isValidPublicKey(publicKey)) {
            return false;
        }
        try {
            return Ed25519.verify(publicKey, CanonicalJson.encode(DOMAIN, statement), signature);
        } catch (IllegalArgumentException unencodable) {
            // A statement no signer could have produced (a fraction, a lone surrogate): not signed.
            return false;
        }
    }

    /** The id of the key that signed, or null when the statement names no readable key. */
    public String keyId() {
        byte[] publicKey = publicKey();
        return publicKey == null ? null : BlockCodec.keyId(publicKey);
    }

    /** The chain of the administrator who accepted, as the statement names it. */
    public String administrator() {
        return statement.path("administrator").asText("");
    }

    /** When it was accepted. */
    public Instant acceptedAt() {
        return Instant.ofEpochMilli(statement.path("acceptedAt").asLong(0));
    }

    /** Why, as the administrator wrote it. */
    public String reason() {
        return statement.path("reason").asText("");
    }

    private byte[] publicKey() {
        JsonNode key = statement.get("publicKey");
        if (key == null || !key.isTextual() || key.textValue().length() != 2 * Ed25519.PUBLIC_KEY_LENGTH) {
            return null;
        }
        try {
            return Hex.decode(key.textValue());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
