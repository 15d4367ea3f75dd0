package org.clinicledger.ledger;

import static org.clinicledger.ledger.PayloadFields.chain;
import static org.clinicledger.ledger.PayloadFields.hash;
import static org.clinicledger.ledger.PayloadFields.text;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.crypto.CanonicalJson;
import org.clinicledger.crypto.Hex;
import org.clinicledger.crypto.Sha256;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.PartyKind;

/**
 * The payload of a {@link org.clinicledger.domain.BlockKind#DEMOGRAPHICS_CORRECTED} event: a
 * receptionist or an administrator corrected a patient's name, date of birth, sex or contact. It is
 * RFC 8785 canonical JSON and holds no plaintext:
 * <pre>
 * {"by":"staff/…","details":"hex","format":"clinicledger/demographics-corrected/v1",
 *  "ownDetails":"hex","patient":"patient/…","previous":"hex","replaced":"hex"}
 * </pre>
 * {@code details} is the SHA-256 of the new sealed demographics (the {@code patients} row holds
 * them from now on), {@code previous} the SHA-256 of the version it replaces (the registration's
 * {@code details}, or the correction before's). On the patient's chain only, {@code replaced} carries
 * the replaced version itself, sealed with the directory key exactly as it was in the table: so the
 * chain keeps every earlier version while the table keeps today's, and the staff chain, which travels
 * in every export, carries no patient's demographics in any form. Also on the patient's chain only,
 * {@link OwnDetails#FIELD} carries the new version sealed for the patient themself; corrections
 * written before it existed lack it.
 */
public final class DemographicsCorrections {

    /** The format of the payload; a later, incompatible one gets a new name. */
    public static final String FORMAT = "clinicledger/demographics-corrected/v1";

    /** Far above what the longest name and contact seal to (200 characters each, 4 bytes a character at most). */
    static final int MAX_SEALED = 8 * 1024;

    private DemographicsCorrections() {
    }

    /**
     * What a demographics-corrected payload says.
     *
     * @param details the hash of the new version, hex
     * @param previous the hash of the version it replaces, hex
     * @param replaced the replaced version as sealed; null in the block on the staff chain
     * @param own the new version sealed for the patient ({@link OwnDetails}); null in the block on
     *     the staff chain and in corrections written before it existed
     */
    public record Correction(ChainId patient, ChainId by, String details, String previous, byte[] replaced,
            byte[] own) {
    }

    /**
     * The payload for the patient's chain: it carries the replaced version's sealed bytes and, when
     * {@code own} is given, the new version sealed for the patient.
     */
    public static byte[] patientPayload(ChainId patient, ChainId by, byte[] replaced, byte[] corrected, byte[] own) {
        ObjectNode payload = fields(patient, by, replaced, corrected);
        payload.put("replaced", Hex.encode(replaced));
        if (own != null) {
            OwnDetails.put(payload, own);
        }
        return CanonicalJson.encode(payload);
    }

    /** The payload for the chain of the member of staff who corrected: hashes only. */
    public static byte[] staffPayload(ChainId patient, ChainId by, byte[] replaced, byte[] corrected) {
        return CanonicalJson.encode(fields(patient, by, replaced, corrected));
    }

    private static ObjectNode fields(ChainId patient, ChainId by, byte[] replaced, byte[] corrected) {
        if (patient.party() != PartyKind.PATIENT || by.party() != PartyKind.STAFF) {
            throw new IllegalArgumentException("A member of staff corrects a patient's demographics");
        }
        return fields(new Correction(patient, by, Hex.encode(Sha256.digest(corrected)),
                Hex.encode(Sha256.digest(replaced)), null, null));
    }

    /**
     * Reads a demographics-corrected payload, strictly: canonical form, every field present and of
     * its shape, and a replaced version that hashes to {@code previous}.
     *
     * @throws IllegalArgumentException saying what is wrong with a payload that is not one
     */
    public static Correction read(byte[] payload) {
        JsonNode node = CanonicalPayload.read(payload);
        if (!FORMAT.equals(node.path(RegistrationFields.FORMAT).asText(null))) {
            throw new IllegalArgumentException("its payload is not in the format " + FORMAT);
        }
        ChainId patient = chain(node, "patient");
        ChainId by = chain(node, "by");
        if (patient.party() != PartyKind.PATIENT) {
            throw new IllegalArgumentException("its patient is not a patient's chain");
        }
        if (by.party() != PartyKind.STAFF) {
            throw new IllegalArgumentException("its by is not a member of staff's chain");
        }
        String details = hash(node, RegistrationFields.DETAILS);
        String previous = hash(node, "previous");
        byte[] replaced = null;
        if (node.has("replaced")) {
            try {
                replaced = Hex.decode(text(node, "replaced"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("its replaced is not hex");
            }
            if (replaced.length == 0 || replaced.length > MAX_SEALED) {
                throw new IllegalArgumentException("its replaced is not sealed demographics");
            }
            if (!Hex.encode(Sha256.digest(replaced)).equals(previous)) {
                throw new IllegalArgumentException("its replaced version is not the one its previous names");
            }
        }
        byte[] own = OwnDetails.read(node).orElse(null);
        if (node.size() != 5 + (replaced == null ? 0 : 1) + (own == null ? 0 : 1)) {
            throw new IllegalArgumentException("its payload has members a demographics correction does not have");
        }
        return new Correction(patient, by, details, previous, replaced, own);
    }

    /**
     * What both blocks of one correction must say alike: the payload without {@code replaced} and
     * the patient's own copy, which the patient's block alone carries; a payload that does not read
     * as one, as it is.
     */
    static byte[] shared(byte[] payload) {
        return readable(payload).map(correction -> CanonicalJson.encode(fields(correction)))
                .orElse(payload);
    }

    private static ObjectNode fields(Correction correction) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("by", correction.by().value());
        payload.put(RegistrationFields.DETAILS, correction.details());
        payload.put(RegistrationFields.FORMAT, FORMAT);
        payload.put("patient", correction.patient().value());
        payload.put("previous", correction.previous());
        return payload;
    }

    /** What a demographics-corrected payload says, if it reads as one. */
    public static Optional<Correction> readable(byte[] payload) {
        try {
            return Optional.of(read(payload));
        } catch (IllegalArgumentException | NullPointerException unreadable) {
            return Optional.empty();
        }
    }
}
