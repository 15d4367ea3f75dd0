package org.clinicledger.ledger;

/**
 * The fields of an account's registration payload (canonical JSON, signed by the key it registers)
 * that others read back: login checks the role and keys against them, custody takes the keys it
 * wraps for from them, and verification compares the tables with them.
 */
public final class RegistrationFields {

    public static final String ROLE = "role";
    /** The X25519 public key that keys are wrapped for, hex. */
    public static final String AGREEMENT_KEY = "agreementKey";
    /** The SHA-256 (hex) of the sealed directory entry or demographics, or null. */
    public static final String DETAILS = "details";
    /** The commitment to the account's password seal ({@link SealCommitment}), hex. */
    public static final String SEALED_KEYS = "sealedKeys";
    /** In the founding administrator's registration only: the clinic's escrow public key, hex. */
    public static final String FOUNDING_ESCROW_KEY = "clinicEscrowKey";

    private RegistrationFields() {
    }
}
