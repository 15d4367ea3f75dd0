package org.clinicledger.custody;

import java.nio.charset.StandardCharsets;

/**
 * The domain-separation labels of everything ClinicLedger seals or wraps, one constant each. A
 * label names what the bytes are, so that a ciphertext or a wrapped key made for one purpose never
 * opens as another. Changing a value makes every stored secret of that kind unreadable: a new
 * version gets a new label. (The ledger's own signing labels live with the block encoding.)
 */
public final class Labels {

    /** A record version's canonical document, sealed under its own key. */
    public static final String RECORD_DOCUMENT = "clinicledger/record/v1";
    /** One attachment of a record version, sealed under its own key. */
    public static final String RECORD_ATTACHMENT = "clinicledger/record-attachment/v1";
    /** The context a record's document or attachment key is wrapped under for each reader. */
    public static final String RECORD_KEY = "clinicledger/record-key/v1";
    /** The reason for deleting a record, sealed with the directory key. */
    public static final String DELETION_REASON = "clinicledger/record-deletion-reason/v1";
    /** The reason for a referral or an emergency access, sealed with the directory key. */
    public static final String ACCESS_REASON = "clinicledger/access-reason/v1";
    /** Associated data of a key recovery's reason, sealed with the directory key (the recovered chain bound). */
    public static final String RECOVERY_REASON = "clinicledger/key-recovery-reason/v1";
    /** Associated data of an account deactivation's reason, sealed with the directory key (the account's chain bound). */
    public static final String ACCOUNT_STATUS_REASON = "clinicledger/account-status-reason/v1";
    /** Associated data of a patient merge's reason, sealed with the directory key (the duplicate's chain bound). */
    public static final String PATIENT_MERGE_REASON = "clinicledger/patient-merge-reason/v1";
    /** A member of staff's name, specialty and licence, sealed with the directory key. */
    public static final String ACCOUNT_DETAILS = "clinicledger/account-details/v1";
    /** A patient's demographics, sealed with the directory key. */
    public static final String PATIENT_DEMOGRAPHICS = "clinicledger/patient-demographics/v1";
    /** A patient's demographics, sealed for the patient themself on their chain (associated data: their MRN). */
    public static final String PATIENT_OWN_DEMOGRAPHICS = "clinicledger/patient-own-demographics/v1";
    /** The context the key of a patient's own demographics is wrapped under for them (their MRN bound). */
    public static final String PATIENT_OWN_DEMOGRAPHICS_KEY = "clinicledger/patient-own-demographics-key/v1";
    /** An account's private keys, sealed under a key derived from the password. */
    public static final String ACCOUNT_KEYS = "clinicledger/account-keys/v1";
    /** The clinic's directory key, a share of its escrow key or its clinic key, wrapped for an account. */
    public static final String CLINIC_KEY = "clinicledger/clinic-key/v1";
    /** What the founding block commits to as the clinic's directory key: a hash that reveals nothing of it. */
    public static final String DIRECTORY_KEY_COMMITMENT = "clinicledger/directory-key-commitment/v1";
    /** The checksum of the recovery sheet's words, over the escrow private key they hold. */
    public static final String RECOVERY_SHEET = "clinicledger/recovery-sheet/v1";
    /** The seed of the key that signs for the recovery sheet, derived from the escrow private key. */
    public static final String RECOVERY_SIGNING = "clinicledger/recovery-signing/v1";
    /** What wrong logins under a name without an account are counted by: never the name itself. */
    public static final String UNKNOWN_LOGIN = "clinicledger/unknown-login/v1";
    /** Wraps the seed of a replica machine's node key for the person who exported it (decision 0022). */
    public static final String REPLICA_NODE_KEY = "clinicledger/replica-node-key/v1";
    /** The backup key wrapped for an administrator (context: their username). */
    public static final String BACKUP_KEY = "clinicledger/backup-key/v1";
    /** A backup's sealed content (associated data: the SHA-256 of its header). */
    public static final String BACKUP_CONTENT = "clinicledger/backup-content/v1";

    private Labels() {
    }

    /** The label, then each part, each preceded by a 0x00: associated data or a wrapping context. */
    public static byte[] bind(String label, String... parts) {
        StringBuilder bound = new StringBuilder(label);
        for (String part : parts) {
            bound.append('\0').append(part);
        }
        return bound.toString().getBytes(StandardCharsets.UTF_8);
    }
}
