package org.clinicledger.custody;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.clinicledger.crypto.Aead;
import org.clinicledger.crypto.AuthenticationFailedException;
import org.clinicledger.crypto.Hex;
import org.clinicledger.crypto.KeyWrap;
import org.clinicledger.crypto.Sha256;
import org.clinicledger.crypto.X25519;
import org.clinicledger.domain.AccessPolicy.AccessState;
import org.clinicledger.domain.AccessPolicy;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.RecordVersion;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.UnitOfWork;
import org.clinicledger.exchange.RecordDocument;
import org.clinicledger.store.RecordStore.KeyRow;
import org.clinicledger.store.RecordStore.VersionRow;
import org.clinicledger.store.RecordStore;
import org.clinicledger.store.Vault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys of patients' records. A record version's document and each attachment are sealed with
 * AES-256-GCM under a fresh key, the record id and version (and attachment index) bound as
 * associated data, and stored in the content-addressed {@link Vault}; each key is stored only
 * wrapped for the principals who may read it. Without a wrapped key nothing decrypts.
 *
 * <p>Sealing (the slow part, over the content) happens before the write that stores the version;
 * choosing who receives copies of its keys and wrapping them happens inside that write, from the
 * patient's chain as it stands there, so that a revocation committed meanwhile is always seen.
 */
public final class RecordCustody {

    /** The principal of the copy wrapped for the clinic's escrow key. */
    public static final String ESCROW = RecordStore.ESCROW_PRINCIPAL;

    private static final Logger LOG = LoggerFactory.getLogger(RecordCustody.class);

    private final Vault vault;
    private final RecordStore records;
    private final RecipientKeys recipientKeys;
    private final SecureRandom random;

    public RecordCustody(Vault vault, RecordStore records, RecipientKeys recipientKeys, SecureRandom random) {
        this.vault = vault;
        this.records = records;
        this.recipientKeys = recipientKeys;
        this.random = random;
    }

    /**
     * Who opens a record: a person with their own copies. An administrator in an emergency opens the
     * copies the emergency gave them ({@link #giveEmergencyCopies}); nobody opens the escrow copies
     * here.
     */
    public record Holder(ChainId chain, String username, AccountKeys keys) {
    }

    // ---- writing

    /** A version sealed into the vault, its keys held in memory until they are wrapped; closing wipes them. */
    public final class SealedVersion implements AutoCloseable {
        private final String recordId;
        private final int version;
        private final List<String> addresses = new ArrayList<>();
        private final List<byte[]> keys = new ArrayList<>();

        private SealedVersion(String recordId, int version) {
            this.recordId = recordId;
            this.version = version;
        }

        public String documentAddress() {
            return addresses.get(0);
        }

        public List<String> attachmentAddresses() {
            return List.copyOf(addresses.subList(1, addresses.size()));
        }

        /**
         * Wraps every key of the version for every recipient and stores the copies, inside the
         * caller's write.
         *
         * @return how many copies were stored
         */
        public int wrapFor(UnitOfWork work, Map<String, byte[]> recipients) {
            // Opening the folder removes unreferenced files after a grace period, inside a write;
            // looking here, inside this write, means a version never commits naming a removed file.
            for (String address : addresses) {
                if (!vault.contains(address)) {
                    throw new RefusedException("The encrypted files of this record were removed before it could be "
                            + "stored (it waited longer than an hour, and the folder was opened meanwhile). Nothing "
                            + "was stored: add it again.");
                }
            }
            int copies = 0;
            for (int index = 0; index < keys.size(); index++) {
                int object = index == 0 ? RecordStore.DOCUMENT : index - 1;
                byte[] context = keyContext(recordId, version, object);
                for (Map.Entry<String, byte[]> recipient : recipients.entrySet()) {
                    records.insertKey(work, new KeyRow(recordId, version, object, recipient.getKey(),
                            KeyWrap.wrap(keys.get(index), recipient.getValue(), context, random).encoded()));
                    copies++;
                }
            }
            return copies;
        }

        /** Removes the vault files again: the version was not stored, and fresh keys make them belong to nothing else. */
        public void discard() {
            removeFiles(addresses);
        }

        @Override
        public void close() {
            keys.forEach(key -> Arrays.fill(key, (byte) 0));
        }
    }

    /**
     * Seals a version's canonical document and its attachments into the vault under fresh keys.
     * The plaintexts stay the caller's to wipe.
     */
    public SealedVersion seal(String recordId, int version, byte[] document, List<byte[]> attachments) {
        SealedVersion sealed = new SealedVersion(recordId, version);
        try {
            put(sealed, document, documentData(recordId, version));
            for (int index = 0; index < attachments.size(); index++) {
                put(sealed, attachments.get(index), attachmentData(recordId, version, index));
            }
            return sealed;
        } catch (RuntimeException e) {
            sealed.discard();
            sealed.close();
            throw e;
        }
    }

    private void put(SealedVersion sealed, byte[] plaintext, byte[] associatedData) {
        byte[] key = Aead.newKey(random);
        sealed.keys.add(key);
        byte[] ciphertext = Aead.seal(key, plaintext, associatedData, random).encoded();
        try {
            sealed.addresses.add(vault.put(ciphertext));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write an encrypted file into the vault: " + e.getMessage(), e);
        }
    }

    /**
     * The X25519 public keys a new version's keys are wrapped for, by principal: the patient, the
     * author, every doctor with standing access in {@code state}, every administrator within an
     * emergency access, and the clinic's escrow key. Each is taken from the block that committed it
     * (see {@link RecipientKeys}).
     */
    public Map<String, byte[]> recipients(UnitOfWork work, ChainId patient, ChainId author, AccountKeys authorKeys,
            AccessState state) {
        Map<String, byte[]> recipients = new LinkedHashMap<>();
        recipients.put(patient.value(), recipientKeys.of(work, patient));
        recipients.put(author.value(), authorKeys.agreementPublicKey());
        for (AccessPolicy.StandingAccess standing : state.standingDoctors()) {
            if (!recipients.containsKey(standing.doctor().value())) {
                recipients.put(standing.doctor().value(), recipientKeys.of(work, standing.doctor()));
            }
        }
        for (ChainId administrator : state.emergencyReaders()) {
            recipients.putIfAbsent(administrator.value(), recipientKeys.of(work, administrator));
        }
        recipients.put(ESCROW, recipientKeys.escrow(work));
        return recipients;
    }

    // ---- reading

    /** The plaintext of a version's document for {@code holder}, which the caller wipes. */
    public byte[] openDocument(UnitOfWork work, VersionRow row, Holder holder) {
        return open(work, row, RecordStore.DOCUMENT, row.documentAddress(), documentData(row.recordId(), row.version()),
                holder);
    }

    /**
     * A version's document opened for {@code holder} and checked against the record hash and the
     * row it was stored under.
     *
     * @throws RefusedException when the holder has no copy, or anything was changed outside ClinicLedger
     */
    public RecordVersion openVersion(UnitOfWork work, VersionRow row, Holder holder) {
        byte[] plaintext = openCopy(work, row, holder);
        try {
            return RecordDocument.decode(plaintext);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /**
     * The canonical document of a version for {@code holder}, byte for byte: checked against the
     * record hash and read as the version the row says it is. The caller wipes it when done.
     */
    public byte[] openCopy(UnitOfWork work, VersionRow row, Holder holder) {
        byte[] plaintext = openDocument(work, row, holder);
        try {
            if (!MessageDigest.isEqual(Sha256.digest(plaintext), Hex.decode(row.recordHash()))) {
                throw damaged(row);
            }
            RecordVersion record = RecordDocument.decode(plaintext);
            if (!record.recordId().equals(row.recordId()) || record.version() != row.version()
                    || !record.patient().equals(row.patient()) || !record.author().equals(row.author())) {
                throw damaged(row);
            }
            return plaintext;
        } catch (InvalidInputException | RefusedException e) {
            Arrays.fill(plaintext, (byte) 0);
            throw e instanceof RefusedException refused ? refused : damaged(row);
        }
    }

    /** The plaintext of one attachment of a version for {@code holder}, which the caller wipes. */
    public byte[] openAttachment(UnitOfWork work, VersionRow row, int index, String address, Holder holder) {
        return open(work, row, index, address, attachmentData(row.recordId(), row.version(), index), holder);
    }

    private byte[] open(UnitOfWork work, VersionRow row, int object, String address, byte[] associatedData,
            Holder holder) {
        String principal = holder.chain().value();
        byte[] wrapped = records.wrappedKey(work, row.recordId(), row.version(), object, principal)
                .orElseThrow(() -> new RefusedException("Access denied: " + holder.username()
                        + " holds no key to record " + row.recordId() + "."));
        byte[] ciphertext;
        try {
            ciphertext = vault.get(address).orElseThrow(() -> new RefusedException("The encrypted file of record "
                    + row.recordId() + " version " + row.version() + " is missing. Verify the data folder."));
        } catch (IOException e) {
            throw damaged(row);
        }
        byte[] key = null;
        try {
            key = KeyWrap.unwrap(KeyWrap.WrappedKey.decode(wrapped), holder.keys().agreement(),
                    keyContext(row.recordId(), row.version(), object));
            return Aead.openEncoded(key, ciphertext, associatedData);
        } catch (AuthenticationFailedException | IllegalArgumentException e) {
            throw damaged(row);
        } finally {
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
        }
    }

    /** The refusal for a record whose files or keys were changed behind the application's back. */
    public static RefusedException damaged(VersionRow row) {
        return new RefusedException("Record " + row.recordId() + " version " + row.version()
                + " fails its integrity check: it was changed outside ClinicLedger. Verify the data folder.");
    }

    // ---- access changes

    /**
     * Gives {@code recipient} a copy of the key of every live version and attachment of the
     * patient's records that {@code holder} holds: unwraps each with the holder's keys and wraps it
     * for the recipient's registered public key. Copies the recipient holds already are kept. Inside
     * the caller's write; every key is wiped.
     *
     * @return how many copies were added
     */
    public int rewrap(UnitOfWork work, String patient, ChainId holder, AccountKeys holderKeys, ChainId recipient) {
        return rewrap(work, patient, holder.value(), holderKeys.agreement(), recipient);
    }

    /**
     * Gives the administrator of an emergency access a copy of the key of every live version and
     * attachment of the patient's records, unwrapped from the escrow copies with the escrow key two
     * holders opened; inside the write that appends the emergency-access block. The copies last as
     * long as the patient's chain admits the administrator
     * ({@link org.clinicledger.domain.AccessPolicy#EMERGENCY_WINDOW}): the upkeep that removes an
     * ended grant's copies removes them ({@link #destroyStaleCopies}).
     *
     * @return how many copies were added
     */
    public int giveEmergencyCopies(UnitOfWork work, String patient, EscrowKey.Opened escrow, ChainId administrator) {
        return rewrap(work, patient, ESCROW, escrow.keyPair(), administrator);
    }

    private int rewrap(UnitOfWork work, String patient, String holder, X25519.KeyPair opener, ChainId recipient) {
        byte[] recipientPublicKey = recipientKeys.of(work, recipient);
        int added = 0;
        for (KeyRow row : records.liveKeysOfPatient(work, patient, holder)) {
            byte[] context = keyContext(row.recordId(), row.version(), row.object());
            byte[] key = null;
            try {
                key = KeyWrap.unwrap(KeyWrap.WrappedKey.decode(row.wrappedKey()), opener, context);
                byte[] wrapped = KeyWrap.wrap(key, recipientPublicKey, context, random).encoded();
                if (records.insertKeyIfAbsent(work,
                        new KeyRow(row.recordId(), row.version(), row.object(), recipient.value(), wrapped))) {
                    added++;
                }
            } catch (AuthenticationFailedException | IllegalArgumentException e) {
                throw new RefusedException("The key of record " + row.recordId() + " version " + row.version()
                        + " held for " + holder + " fails its integrity check: it was changed outside ClinicLedger. "
                        + "Verify the data folder.");
            } finally {
                if (key != null) {
                    Arrays.fill(key, (byte) 0);
                }
            }
        }
        return added;
    }

    /**
     * Replaces every record key copy {@code holder} holds, of any patient's records, with one wrapped
     * for {@code newAgreementPublicKey}, unwrapped from the escrow copy of the same key: a person
     * whose keys were recovered opens what they opened before, and nothing more. Their old copies,
     * which only the lost key opened, are gone; no one else's copy changes. Inside the caller's
     * write; every key is wiped.
     *
     * @return how many copies were replaced
     * @throws RefusedException when an escrow copy is missing or fails its integrity check
     */
    public int rewrapFromEscrow(UnitOfWork work, ChainId holder, EscrowKey.Opened escrow, byte[] newAgreementPublicKey) {
        int replaced = 0;
        for (KeyRow row : records.keysHeldBy(work, holder.value())) {
            byte[] context = keyContext(row.recordId(), row.version(), row.object());
            byte[] escrowCopy = records.wrappedKey(work, row.recordId(), row.version(), row.object(), ESCROW)
                    .orElseThrow(() -> new RefusedException("Record " + row.recordId() + " version " + row.version()
                            + " has no escrow copy of its key, so the keys of " + holder.subject() + " cannot be "
                            + "recovered: the data folder was changed outside ClinicLedger. Verify it."));
            byte[] key = null;
            try {
                key = KeyWrap.unwrap(KeyWrap.WrappedKey.decode(escrowCopy), escrow.keyPair(), context);
                records.replaceKey(work, new KeyRow(row.recordId(), row.version(), row.object(), row.principal(),
                        KeyWrap.wrap(key, newAgreementPublicKey, context, random).encoded()));
                replaced++;
            } catch (AuthenticationFailedException | IllegalArgumentException e) {
                throw new RefusedException("The escrow copy of the key of record " + row.recordId() + " version "
                        + row.version() + " fails its integrity check: it was changed outside ClinicLedger. "
                        + "Verify the data folder.");
            } finally {
                if (key != null) {
                    Arrays.fill(key, (byte) 0);
                }
            }
        }
        return replaced;
    }

    /** Destroys every copy {@code reader} holds of the patient's keys, except of versions they wrote; returns how many. */
    public int destroyCopiesOf(UnitOfWork work, String patient, ChainId reader) {
        return records.deleteKeysOfPatient(work, patient, reader.value(), reader.subject());
    }

    /**
     * Destroys the copies of the patient's keys held by doctors and administrators whom
     * {@code state} no longer lets hold them (an ended grant, a revocation, an emergency whose window
     * closed), except of versions they wrote.
     *
     * @return how many copies were destroyed
     */
    public int destroyStaleCopies(UnitOfWork work, String patient, AccessState state) {
        int dropped = 0;
        for (String holder : records.readerHolders(work, patient)) {
            if (!state.holdsKeys(holder)) {
                int count = destroyCopiesOf(work, patient, ChainId.parse(holder));
                if (count > 0) {
                    LOG.info("Destroyed {} keys of {} to the records of patient {}: no access now", count, holder,
                            patient);
                }
                dropped += count;
            }
        }
        return dropped;
    }

    /** Destroys every key copy of every version of a record, inside the caller's write: crypto-shredding. */
    public void destroyRecordKeys(UnitOfWork work, String recordId) {
        records.deleteKeys(work, recordId);
    }

    /** Removes encrypted files whose keys are gone; a file left behind can never be opened again. */
    public void removeFiles(List<String> addresses) {
        for (String address : addresses) {
            try {
                vault.delete(address);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not remove the encrypted file {}: {}", address, e.getMessage());
            }
        }
    }

    // ---- associated data and contexts

    static byte[] documentData(String recordId, int version) {
        return Labels.bind(Labels.RECORD_DOCUMENT, recordId, Integer.toString(version));
    }

    static byte[] attachmentData(String recordId, int version, int index) {
        return Labels.bind(Labels.RECORD_ATTACHMENT, recordId, Integer.toString(version), Integer.toString(index));
    }

    /** The context a key of a record's document ({@link RecordStore#DOCUMENT}) or attachment is wrapped under. */
    public static byte[] keyContext(String recordId, int version, int object) {
        String what = object == RecordStore.DOCUMENT ? "document" : "attachment/" + object;
        return Labels.bind(Labels.RECORD_KEY, recordId, Integer.toString(version), what);
    }
}
