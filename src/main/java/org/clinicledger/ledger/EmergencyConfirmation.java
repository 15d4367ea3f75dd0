package org.clinicledger.ledger;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.crypto.CanonicalJson;
import org.clinicledger.crypto.Ed25519;
import org.clinicledger.crypto.Hex;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.PartyKind;

/**
 * The second holder's confirmation of an emergency access, carried in its payload: who confirmed
 * ({@code "confirmedBy"}: another administrator's chain, or {@value #RECOVERY_SHEET}) and their
 * Ed25519 signature ({@code "confirmation"}, hex) over the statement {patient, administrator,
 * reason hash, who confirmed} under the label {@value #LABEL}. The second administrator signs with
 * their own key; the recovery sheet with a key derived from the escrow private key, whose public
 * half the founding block commits to ({@link RegistrationFields#FOUNDING_RECOVERY_KEY}). So a block
 * that claims a confirmation which did not happen is caught without any password, and the reason
 * hash (of a reason sealed under a fresh nonce) makes each confirmation good for one block only.
 */
public final class EmergencyConfirmation {

    /** {@code "confirmedBy"} when the recovery sheet confirmed. */
    public static final String RECOVERY_SHEET = "recovery-sheet";
    /** The label of the signed statement. */
    public static final String LABEL = "clinicledger/emergency-confirmation/v1";

    /** The claim read from a payload. */
    record Claim(String confirmedBy, byte[] signature) {
        boolean bySheet() {
            return RECOVERY_SHEET.equals(confirmedBy);
        }
    }

    private EmergencyConfirmation() {
    }

    /** The bytes the confirming key signs. */
    static byte[] statement(ChainId patient, ChainId by, String reasonHash, String confirmedBy) {
        ObjectNode statement = JsonNodeFactory.instance.objectNode();
        statement.put("by", by.value());
        statement.put("confirmedBy", confirmedBy);
        statement.put("format", LABEL);
        statement.put("patient", patient.value());
        statement.put("reasonHash", reasonHash);
        return CanonicalJson.encode(statement);
    }

    /** The confirmation by {@code confirmer}, who is {@code confirmedBy} (a staff chain or the sheet), in hex. */
    public static String sign(SigningKey confirmer, ChainId patient, ChainId by, String reasonHash,
            String confirmedBy) {
        return Hex.encode(confirmer.sign(statement(patient, by, reasonHash, confirmedBy)));
    }

    /**
     * The claim in an emergency payload.
     *
     * @throws IllegalArgumentException when it has none, or one not in its form
     */
    static Claim read(JsonNode payload, ChainId by) {
        JsonNode confirmedBy = payload.get("confirmedBy");
        JsonNode signature = payload.get("confirmation");
        if (confirmedBy == null || !confirmedBy.isTextual() || signature == null || !signature.isTextual()) {
            throw new IllegalArgumentException("the emergency access names no second holder's confirmation");
        }
        String who = confirmedBy.textValue();
        if (!RECOVERY_SHEET.equals(who)) {
            ChainId chain;
            try {
                chain = ChainId.parse(who);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("its confirmedBy is neither a staff chain nor the recovery sheet");
            }
            if (chain.party() != PartyKind.STAFF) {
                throw new IllegalArgumentException("its confirmedBy is neither a staff chain nor the recovery sheet");
            }
            if (chain.equals(by)) {
                throw new IllegalArgumentException("the administrator confirms their own emergency access");
            }
        }
        if (!signature.textValue().matches("[0-9a-f]{" + 2 * Ed25519.SIGNATURE_LENGTH + "}")) {
            throw new IllegalArgumentException("its confirmation is not a signature");
        }
        return new Claim(who, Hex.decode(signature.textValue()));
    }

    /**
     * Why the claim does not hold, or empty when it does: the signature must verify under one of
     * {@code confirmerKeys} (every key the confirming administrator's chain registers) or, for the
     * sheet, under {@code recoveryKey}.
     */
    static Optional<String> problem(Claim claim, ChainId patient, ChainId by, String reasonHash,
            List<byte[]> confirmerKeys, byte[] recoveryKey) {
        byte[] statement = statement(patient, by, reasonHash, claim.confirmedBy());
        if (claim.bySheet()) {
            if (recoveryKey == null) {
                return Optional.of("the emergency access claims the recovery sheet confirmed it, but no founding block "
                        + "commits to the sheet's key");
            }
            return Ed25519.verify(recoveryKey, statement, claim.signature()) ? Optional.empty()
                    : Optional.of("the emergency access claims the recovery sheet confirmed it, but the sheet's "
                            + "signature does not verify");
        }
        for (byte[] key : confirmerKeys) {
            if (Ed25519.verify(key, statement, claim.signature())) {
                return Optional.empty();
            }
        }
        return Optional.of("the emergency access claims " + claim.confirmedBy() + " confirmed it, but "
                + (confirmerKeys.isEmpty() ? "no administrator's chain of that name exists"
                        : "their signature does not verify"));
    }
}
