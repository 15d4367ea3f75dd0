package org.clinicledger.ledger;

/**
 * The fields of a registration payload (canonical JSON, signed by the key it registers) that
 * others read back: login checks the role and keys against them, custody takes the keys it
 * wraps for from them, and verification compares the tables with them.
 */
public final class RegistrationFields {

    /** What the payload is: names its format and version. */
    public static final String FORMAT = "format";
    public static final String ROLE = "role";
    /** The X25519 public key that keys are wrapped for, hex. */
    public static final String AGREEMENT_KEY = "agreementKey";
    /** The SHA-256 (hex) of the sealed directory entry or demographics, or null. */
    public static final String DETAILS = "details";
    /** The commitment to the account's password seal ({@link SealCommitment}), hex. */
    public static final String SEALED_KEYS = "sealedKeys";
    /** In the founding administrator's registration only: the clinic's escrow public key, hex. */
    public static final String FOUNDING_ESCROW_KEY = "clinicEscrowKey";
    /**
     * In the founding administrator's registration only: the Ed25519 public key (hex) that signs for
     * the recovery sheet when it confirms an emergency access; derived from the escrow private key.
     */
    public static final String FOUNDING_RECOVERY_KEY = "clinicRecoveryKey";
    /** In the founding administrator's registration only: the commitment to the clinic's directory key, hex. */
    public static final String FOUNDING_DIRECTORY_KEY = "clinicDirectoryKey";
    /** The {@link KeyAuthorization} that vouches for the registered key; every registration but the clinic's has one. */
    public static final String AUTHORIZATION = "authorization";

    private RegistrationFields() {
    }
}
