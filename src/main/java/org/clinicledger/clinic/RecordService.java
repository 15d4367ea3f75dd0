package org.clinicledger.clinic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.clinicledger.crypto.Aead;
import org.clinicledger.crypto.AuthenticationFailedException;
import org.clinicledger.crypto.Hex;
import org.clinicledger.crypto.KeyWrap;
import org.clinicledger.crypto.Sha256;
import org.clinicledger.crypto.X25519;
import org.clinicledger.domain.AccessPolicy;
import org.clinicledger.domain.AccessPolicy.AccessState;
import org.clinicledger.domain.AccessPolicy.Reason;
import org.clinicledger.domain.AddedRecord;
import org.clinicledger.domain.AttachmentSummary;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.RecordDiff;
import org.clinicledger.domain.RecordHistoryEntry;
import org.clinicledger.domain.RecordInput;
import org.clinicledger.domain.RecordSummary;
import org.clinicledger.domain.RecordVersion;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.Role;
import org.clinicledger.domain.ShownRecord;
import org.clinicledger.domain.StorageFailure;
import org.clinicledger.exchange.RecordDocument;
import org.clinicledger.ledger.AppendedEvent;
import org.clinicledger.ledger.EventSpec;
import org.clinicledger.ledger.Ledger;
import org.clinicledger.ledger.RecordEvents;
import org.clinicledger.store.AccountStore;
import org.clinicledger.store.AccountStore.AccountRow;
import org.clinicledger.store.Database;
import org.clinicledger.store.PatientStore;
import org.clinicledger.store.RecordStore;
import org.clinicledger.store.RecordStore.KeyRow;
import org.clinicledger.store.RecordStore.VersionRow;
import org.clinicledger.store.Vault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Patients' records: the EHR vault. A record version is one canonical document
 * ({@link RecordDocument}, whose SHA-256 is the record hash) plus its attachments; each is sealed
 * with AES-256-GCM under its own random key, the record id and version (and attachment index)
 * bound as associated data, and stored in the content-addressed {@link Vault}. Each key is stored
 * only wrapped for the principals who may read it: the patient, the author, every doctor with an
 * active grant or referral, and the clinic's escrow key. Without a wrapped key nothing decrypts.
 *
 * <p>Writing requires a doctor whom the patient's chain currently admits (grant or referral); an
 * amendment or a deletion requires the same, so a doctor whose access was revoked can no longer
 * change the record even if they wrote it. Rows and blocks go into one transaction; the vault files
 * are written before it and removed again if it fails. Reading appends a record-viewed block.
 * Deleting writes a tombstone and destroys the record's wrapped keys and vault files.
 */
public final class RecordService {

    /** The default largest attachment: 100 MB. */
    public static final long DEFAULT_ATTACHMENT_LIMIT = 100L * 1000 * 1000;
    /** The longest reason for a deletion, in characters. */
    public static final int MAX_REASON = 2_000;

    static final String DOCUMENT_LABEL = "clinicledger/record/v1";
    static final String ATTACHMENT_LABEL = "clinicledger/record-attachment/v1";
    static final String KEY_LABEL = "clinicledger/record-key/v1";
    static final String REASON_LABEL = "clinicledger/record-deletion-reason/v1";
    /** The principal of the copy wrapped for the clinic's escrow key. */
    public static final String ESCROW = "escrow";

    private static final String ACCESS_DENIED = "access denied";
    private static final Logger LOG = LoggerFactory.getLogger(RecordService.class);

    private final Database database;
    private final Ledger ledger;
    private final Vault vault;
    private final Clock clock;
    private final SecureRandom random;
    private final long attachmentLimit;
    private final AccountStore accounts = new AccountStore();
    private final PatientStore patients = new PatientStore();
    private final RecordStore records = new RecordStore();
    private final AccountService accountService;

    RecordService(Database database, Ledger ledger, Vault vault, Clock clock, SecureRandom random,
            long attachmentLimit, AccountService accountService) {
        if (attachmentLimit < 0) {
            throw new IllegalArgumentException("Negative attachment limit");
        }
        this.database = database;
        this.ledger = ledger;
        this.vault = vault;
        this.clock = clock;
        this.random = random;
        this.attachmentLimit = attachmentLimit;
        this.accountService = accountService;
    }

    /** The same service with another largest attachment, in bytes. */
    public RecordService withAttachmentLimit(long bytes) {
        return new RecordService(database, ledger, vault, clock, random, bytes, accountService);
    }

    public long attachmentLimit() {
        return attachmentLimit;
    }

    // ---- writing

    /**
     * A doctor adds a record for a patient.
     *
     * @throws InvalidInputException for an empty or too long diagnosis, a missing, unreadable or
     *     oversized attachment, or a mistyped MRN; nothing is written
     * @throws RefusedException when the author is not a doctor whom the patient's chain admits, or
     *     there is no such patient
     */
    public AddedRecord addRecord(Session doctor, String mrn, RecordInput input) {
        doctor.use(clock.instant());
        input.check();
        MedicalRecordNumber patient = MedicalRecordNumber.parse(mrn);
        return add(doctor, patient, input, readAttachments(input.attachments()));
    }

    /**
     * Adds a record as {@link #addRecord} does, with attachments that are already in memory
     * rather than in files (generated content, which must never touch the disk in plaintext).
     * Takes ownership of {@code attachments} and wipes them.
     */
    AddedRecord addRecord(Session doctor, String mrn, RecordInput input, List<Attachment> attachments) {
        try {
            doctor.use(clock.instant());
            input.check();
            if (!input.attachments().isEmpty()) {
                throw new IllegalArgumentException("Attachments come either as files or in memory, not both");
            }
            for (Attachment attachment : attachments) {
                if (attachment.bytes().length > attachmentLimit) {
                    throw new InvalidInputException("The file " + attachment.summary().name()
                            + " is too large to attach: the limit is " + ByteSize.format(attachmentLimit) + ".");
                }
            }
            return add(doctor, MedicalRecordNumber.parse(mrn), input, new ArrayList<>(attachments));
        } catch (RuntimeException e) {
            attachments.forEach(Attachment::wipe);
            throw e;
        }
    }

    private AddedRecord add(Session doctor, MedicalRecordNumber patient, RecordInput input, List<Attachment> files) {
        try {
            boolean known = read("look up the patient",
                    connection -> patients.find(connection, patient.digits()).isPresent());
            if (!known) {
                throw new RefusedException("There is no patient " + patient + ".");
            }
            AccessState state = requireWriter(doctor, patient.digits());
            return write(doctor, patient.digits(), UUID.randomUUID().toString(), 1, 0, input, files, state,
                    BlockKind.RECORD_ADDED);
        } finally {
            files.forEach(Attachment::wipe);
        }
    }

    /**
     * A doctor whom the patient's chain currently admits writes a new version of a record, which
     * supersedes the latest one. The earlier versions stay, for the history.
     */
    public AddedRecord amendRecord(Session doctor, String recordId, RecordInput input) {
        doctor.use(clock.instant());
        input.check();
        List<Attachment> files = readAttachments(input.attachments());
        try {
            VersionRow latest = latestLiveVersion(recordId);
            AccessState state = requireWriter(doctor, latest.patient());
            return write(doctor, latest.patient(), latest.recordId(), latest.version() + 1, latest.version(), input,
                    files, state, BlockKind.RECORD_AMENDED);
        } finally {
            files.forEach(Attachment::wipe);
        }
    }

    /**
     * Deletes a record: a tombstone block on the doctor's and the patient's chains naming the
     * record, its versions and the SHA-256 of the reason sealed with the clinic's directory key;
     * then every wrapped key of every version and attachment, and every vault file, is destroyed.
     * The chains still verify; the content cannot be recovered by anyone.
     *
     * @return the hashes (hex) of the tombstone's blocks, the doctor's first
     */
    public List<String> deleteRecord(Session doctor, String recordId, String reason) {
        doctor.use(clock.instant());
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("Give the reason for deleting the record.");
        }
        if (reason.length() > MAX_REASON) {
            throw new InvalidInputException("The reason is too long: at most " + MAX_REASON + " characters.");
        }
        VersionRow latest = latestLiveVersion(recordId);
        requireWriter(doctor, latest.patient());
        List<VersionRow> versions = read("read the record", connection -> records.versions(connection, recordId));
        List<String> addresses = new ArrayList<>();
        for (VersionRow version : versions) {
            addresses.add(version.documentAddress());
            addresses.addAll(read("read the record", connection ->
                    records.attachmentAddresses(connection, recordId, version.version())));
        }
        byte[] directoryKey = doctor.directoryKey();
        byte[] reasonBytes = reason.strip().getBytes(StandardCharsets.UTF_8);
        byte[] sealedReason;
        try {
            sealedReason = Aead.seal(directoryKey, reasonBytes, label(REASON_LABEL, recordId), random).encoded();
        } finally {
            Arrays.fill(directoryKey, (byte) 0);
            Arrays.fill(reasonBytes, (byte) 0);
        }
        ChainId patientChain = new ChainId(PartyKind.PATIENT, latest.patient());
        byte[] payload = RecordEvents.deleted(recordId, versions.stream().map(VersionRow::version).toList(),
                Hex.encode(Sha256.digest(sealedReason)));
        long now = clock.millis();
        List<AppendedEvent> appended = ledger.appendAll(List.of(EventSpec.between(BlockKind.RECORD_DELETED,
                doctor.signingKey(), doctor.chain(), payload, patientChain, payload)), connection -> {
                    records.insertDeletion(connection, recordId, doctor.username(), sealedReason, now);
                    records.deleteKeys(connection, recordId);
                    records.markDeleted(connection, recordId);
                    return null;
                });
        for (String address : addresses) {
            try {
                vault.delete(address);
            } catch (IOException e) {
                // The keys are gone already, so the file can never be opened again; verify does not mind it.
                LOG.warn("Could not remove the encrypted file {} of deleted record {}: {}", address, recordId,
                        e.getMessage());
            }
        }
        LOG.info("Record {} of patient {} deleted by {}", recordId, latest.patient(), doctor.username());
        return hashes(appended.get(0));
    }

    private AddedRecord write(Session doctor, String patient, String recordId, int version, int supersedes,
            RecordInput input, List<Attachment> files, AccessState state, BlockKind kind) {
        Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        byte[] salt = new byte[32];
        random.nextBytes(salt);
        List<AttachmentSummary> summaries = files.stream().map(Attachment::summary).toList();
        RecordVersion record = new RecordVersion(recordId, version, patient, doctor.username(), createdAt, supersedes,
                input.icd10(), input.diagnosis(), input.notes(), summaries, Hex.encode(salt));
        Arrays.fill(salt, (byte) 0);
        Map<String, byte[]> recipients = recipients(doctor, patient, state);

        List<String> written = new ArrayList<>();
        List<KeyRow> keys = new ArrayList<>();
        byte[] document = RecordDocument.encode(record);
        String recordHash = RecordDocument.hash(document);
        String documentAddress;
        List<String> attachmentAddresses = new ArrayList<>();
        try {
            documentAddress = seal(document, documentData(recordId, version), recordId, version,
                    RecordStore.DOCUMENT, recipients, keys, written);
            for (int index = 0; index < files.size(); index++) {
                attachmentAddresses.add(seal(files.get(index).bytes, attachmentData(recordId, version, index),
                        recordId, version, index, recipients, keys, written));
            }
        } catch (RuntimeException e) {
            removeQuietly(written);
            throw e;
        } finally {
            Arrays.fill(document, (byte) 0);
        }

        byte[] payload = RecordEvents.written(new RecordEvents.Written(recordId, version, recordHash, documentAddress,
                attachmentAddresses, supersedes));
        ChainId patientChain = new ChainId(PartyKind.PATIENT, patient);
        VersionRow row = new VersionRow(recordId, version, patient, doctor.username(), supersedes, documentAddress,
                recordHash, createdAt.toEpochMilli(), false);
        List<AppendedEvent> appended;
        try {
            appended = ledger.appendAll(List.of(EventSpec.between(kind, doctor.signingKey(), doctor.chain(), payload,
                    patientChain, payload)), connection -> {
                        records.insertVersion(connection, row);
                        for (int index = 0; index < attachmentAddresses.size(); index++) {
                            records.insertAttachment(connection, recordId, version, index, attachmentAddresses.get(index));
                        }
                        for (KeyRow key : keys) {
                            records.insertKey(connection, key);
                        }
                        return null;
                    });
        } catch (RuntimeException e) {
            removeQuietly(written);
            throw e;
        }
        LOG.info("Record {} version {} of patient {} written by {} ({} attachments, {} key copies)", recordId,
                version, patient, doctor.username(), files.size(), keys.size());
        return new AddedRecord(recordId, version, recordHash, hashes(appended.get(0)));
    }

    /**
     * Encrypts {@code plaintext} under a fresh key, stores it in the vault, and wraps the key for
     * every recipient; the key is wiped before this returns.
     */
    private String seal(byte[] plaintext, byte[] associatedData, String recordId, int version, int object,
            Map<String, byte[]> recipients, List<KeyRow> keys, List<String> written) {
        byte[] key = Aead.newKey(random);
        try {
            byte[] ciphertext = Aead.seal(key, plaintext, associatedData, random).encoded();
            String address;
            try {
                address = vault.put(ciphertext);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not write an encrypted file into the vault: " + e.getMessage(), e);
            }
            written.add(address);
            byte[] context = keyContext(recordId, version, object);
            recipients.forEach((principal, publicKey) -> keys.add(new KeyRow(recordId, version, object, principal,
                    KeyWrap.wrap(key, publicKey, context, random).encoded())));
            return address;
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** The X25519 public keys a new version's keys are wrapped for, by principal: patient, author, readers, escrow. */
    private Map<String, byte[]> recipients(Session author, String patient, AccessState state) {
        return read("read the readers' keys", connection -> {
            Map<String, byte[]> recipients = new LinkedHashMap<>();
            ChainId patientChain = new ChainId(PartyKind.PATIENT, patient);
            recipients.put(patientChain.value(), publicKey(connection, patientChain));
            recipients.put(author.chain().value(), author.agreementKeys().publicKey());
            state.readers().forEach((principal, reason) -> {
                if (reason != Reason.GRANT && reason != Reason.REFERRAL) {
                    return;
                }
                ChainId chain;
                try {
                    chain = ChainId.parse(principal);
                } catch (IllegalArgumentException e) {
                    return;
                }
                if (chain.party() == PartyKind.DOCTOR && !recipients.containsKey(principal)) {
                    try {
                        recipients.put(principal, publicKey(connection, chain));
                    } catch (SQLException e) {
                        throw new StorageFailure("read a reader's key", e);
                    }
                }
            });
            byte[] escrow = accounts.settings(connection)
                    .orElseThrow(() -> new RefusedException("This clinic is not set up: it has no escrow key."))
                    .escrowPublicKey();
            recipients.put(ESCROW, escrow);
            return recipients;
        });
    }

    byte[] publicKey(Connection connection, ChainId chain) throws SQLException {
        Optional<AccountRow> row = accounts.account(connection, chain.subject());
        if (row.isEmpty() || !row.get().chain().equals(chain.value())) {
            throw new RefusedException("There is no account for " + chain + " to give a copy of the record's key to.");
        }
        return row.get().agreementPublicKey();
    }

    /** The access state of the patient's chain, after checking that {@code doctor} may write to it now. */
    private AccessState requireWriter(Session doctor, String patient) {
        if (doctor.role() != Role.DOCTOR) {
            throw new RefusedException("Only doctors write records.");
        }
        AccessState state = accessState(patient);
        Reason reason = state.readers().get(doctor.chain().value());
        if (reason != Reason.GRANT && reason != Reason.REFERRAL) {
            throw new RefusedException(ACCESS_DENIED + ": " + doctor.username() + " has no active grant or referral "
                    + "for patient " + new MedicalRecordNumber(patient) + ".");
        }
        return state;
    }

    AccessState accessState(String patient) {
        ChainId chain = new ChainId(PartyKind.PATIENT, patient);
        return AccessPolicy.evaluate(chain.value(), ledger.accessEvents(chain), clock.instant());
    }

    // ---- reading

    /**
     * Opens the latest version of a record for {@code reader}, who must hold a wrapped key for it
     * (the patient, the author, doctors with access when it was written or granted since) and be
     * admitted by the patient's chain now; an administrator with an active emergency access opens
     * the escrow copy with the clinic's escrow key instead. Appends a record-viewed block to the
     * reader's and the patient's chains (the patient's alone when the patient reads).
     *
     * @throws RefusedException "access denied", or for an unknown or deleted record, or a damaged file
     */
    public ShownRecord showRecord(Session reader, String recordId) {
        reader.use(clock.instant());
        VersionRow latest = latestLiveVersion(recordId);
        List<VersionRow> versions = read("read the record", connection -> records.versions(connection, recordId));
        Reason reason = requireReader(reader, latest);
        RecordVersion record = decrypt(reader, reason, latest);
        logView(reader, latest, null);
        List<RecordHistoryEntry> history = versions.stream().map(row -> new RecordHistoryEntry(row.version(),
                row.supersedes(), row.author(), Instant.ofEpochMilli(row.createdAtMillis()), row.recordHash())).toList();
        return new ShownRecord(record, latest.recordHash(), history);
    }

    /**
     * What changed between two versions of a record, for a reader who may read both: the same rules
     * as {@link #showRecord} (admitted by the patient's chain now and holding a key to each version,
     * or an administrator in an emergency through the escrow copies). Both versions are decrypted and
     * checked against their record hashes before anything is logged; then a record-viewed block is
     * appended for each version decrypted (one when {@code fromVersion} equals {@code toVersion}).
     *
     * @throws RefusedException "access denied", or for an unknown or deleted record, a version the
     *     record does not have, or a damaged file
     */
    public RecordDiff diff(Session reader, String recordId, int fromVersion, int toVersion) {
        reader.use(clock.instant());
        latestLiveVersion(recordId);
        List<VersionRow> versions = read("read the record", connection -> records.versions(connection, recordId));
        VersionRow from = version(versions, recordId, fromVersion);
        VersionRow to = version(versions, recordId, toVersion);
        Reason fromReason = requireReader(reader, from);
        Reason toReason = from == to ? fromReason : requireReader(reader, to);
        RecordVersion older = decrypt(reader, fromReason, from);
        RecordVersion newer = from == to ? older : decrypt(reader, toReason, to);
        logView(reader, from, null);
        if (from != to) {
            logView(reader, to, null);
        }
        return RecordDiff.between(older, newer);
    }

    private static VersionRow version(List<VersionRow> versions, String recordId, int version) {
        return versions.stream().filter(candidate -> candidate.version() == version).findFirst()
                .orElseThrow(() -> new RefusedException("Record " + recordId + " has no version " + version + "."));
    }

    /**
     * Opens a version's document for a reader whom {@code reason} admits and checks it against the
     * record hash and the row it was stored under.
     */
    private RecordVersion decrypt(Session reader, Reason reason, VersionRow row) {
        byte[] plaintext = open(reader, reason, row, RecordStore.DOCUMENT, row.documentAddress(),
                documentData(row.recordId(), row.version()));
        RecordVersion record;
        try {
            if (!MessageDigest.isEqual(Sha256.digest(plaintext), Hex.decode(row.recordHash()))) {
                throw damaged(row);
            }
            try {
                record = RecordDocument.decode(plaintext);
            } catch (InvalidInputException e) {
                throw damaged(row);
            }
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
        if (!record.recordId().equals(row.recordId()) || record.version() != row.version()
                || !record.patient().equals(row.patient()) || !record.author().equals(row.author())) {
            throw damaged(row);
        }
        return record;
    }

    /**
     * The plaintext bytes of one attachment of one version, for a reader who holds its key; the read
     * is logged with a record-viewed block naming the attachment.
     */
    public byte[] readAttachment(Session reader, String recordId, int version, int index) {
        reader.use(clock.instant());
        latestLiveVersion(recordId);
        VersionRow row = version(read("read the record", connection -> records.versions(connection, recordId)),
                recordId, version);
        Reason reason = requireReader(reader, row);
        List<String> addresses = read("read the record", connection ->
                records.attachmentAddresses(connection, recordId, version));
        if (index < 0 || index >= addresses.size()) {
            throw new RefusedException("Version " + version + " of record " + recordId + " has no attachment "
                    + index + ".");
        }
        byte[] bytes = open(reader, reason, row, index, addresses.get(index), attachmentData(recordId, version, index));
        logView(reader, row, index);
        return bytes;
    }

    /**
     * Why the patient's chain admits {@code reader} to the version now. When it does not, the keys of
     * doctors it no longer admits (an expired grant) are destroyed before the refusal, so that what
     * the policy says is also what the keys allow.
     */
    private Reason requireReader(Session reader, VersionRow row) {
        AccessState state = accessState(row.patient());
        Optional<Reason> reason = state.mayRead(reader.chain().value(), new ChainId(PartyKind.DOCTOR, row.author())
                .value());
        if (reason.isEmpty() || reason.get() == Reason.EMERGENCY && reader.role() != Role.ADMINISTRATOR) {
            dropStaleKeys(row.patient(), state);
            throw new RefusedException(ACCESS_DENIED + ": " + reader.username() + " may not read record "
                    + row.recordId() + ".");
        }
        return reason.get();
    }

    /**
     * Destroys the keys to a patient's records held by doctors whom {@code state} no longer admits
     * (a grant that has expired, or a revocation), except their keys to versions they wrote.
     *
     * @return how many wrapped keys were destroyed
     */
    int dropStaleKeys(String patient, AccessState state) {
        try {
            return database.inTransaction(connection -> dropStaleKeys(connection, patient, state));
        } catch (SQLException e) {
            throw new StorageFailure("destroy keys of expired access", e);
        }
    }

    /** {@link #dropStaleKeys(String, AccessState)} inside the caller's transaction. */
    int dropStaleKeys(Connection connection, String patient, AccessState state) throws SQLException {
        int dropped = 0;
        for (String holder : records.doctorHolders(connection, patient)) {
            Reason reason = state.readers().get(holder);
            if (reason != Reason.GRANT && reason != Reason.REFERRAL) {
                int count = records.deleteKeysOfPatient(connection, patient, holder, ChainId.parse(holder).subject());
                if (count > 0) {
                    LOG.info("Destroyed {} keys of {} to the records of patient {}: no access now", count, holder,
                            patient);
                }
                dropped += count;
            }
        }
        return dropped;
    }

    /**
     * Gives {@code recipient} a copy of the key of every live version and attachment of a patient's
     * records that {@code holder} holds: unwraps each with the holder's X25519 key pair and wraps it
     * for the recipient's public key, in the same context as a new record's keys. Copies the
     * recipient holds already are kept. Runs in the caller's transaction; every key is wiped.
     *
     * @return how many copies were added
     */
    int rewrap(Connection connection, String patient, String holder, X25519.KeyPair holderKeys, String recipient,
            byte[] recipientPublicKey) throws SQLException {
        int added = 0;
        for (KeyRow row : records.liveKeysOfPatient(connection, patient, holder)) {
            byte[] context = keyContext(row.recordId(), row.version(), row.object());
            byte[] key = null;
            try {
                key = KeyWrap.unwrap(KeyWrap.WrappedKey.decode(row.wrappedKey()), holderKeys, context);
                byte[] wrapped = KeyWrap.wrap(key, recipientPublicKey, context, random).encoded();
                if (records.insertKeyIfAbsent(connection,
                        new KeyRow(row.recordId(), row.version(), row.object(), recipient, wrapped))) {
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
     * Unwraps the reader's copy of the object's key (an administrator in an emergency: the escrow
     * copy, through the clinic's escrow key) and decrypts the vault file; the caller wipes the result.
     */
    private byte[] open(Session reader, Reason reason, VersionRow row, int object, String address,
            byte[] associatedData) {
        boolean escrow = reason == Reason.EMERGENCY;
        String holder = escrow ? ESCROW : reader.chain().value();
        byte[] wrapped = read("read the record's keys", connection -> records.wrappedKey(connection, row.recordId(),
                row.version(), object, holder))
                .orElseThrow(() -> new RefusedException(ACCESS_DENIED + ": " + reader.username()
                        + " holds no key to record " + row.recordId() + "."));
        byte[] ciphertext;
        try {
            ciphertext = vault.get(address).orElseThrow(() -> new RefusedException("The encrypted file of record "
                    + row.recordId() + " version " + row.version() + " is missing. Verify the data folder."));
        } catch (IOException e) {
            throw damaged(row);
        }
        byte[] key = null;
        X25519.KeyPair escrowKeys = null;
        try {
            X25519.KeyPair opener = reader.agreementKeys();
            if (escrow) {
                byte[] escrowPrivateKey = accountService.unwrapEscrowKey(reader, "so it cannot open records in an "
                        + "emergency");
                try {
                    escrowKeys = X25519.KeyPair.fromPrivate(escrowPrivateKey);
                } finally {
                    Arrays.fill(escrowPrivateKey, (byte) 0);
                }
                opener = escrowKeys;
            }
            key = KeyWrap.unwrap(KeyWrap.WrappedKey.decode(wrapped), opener,
                    keyContext(row.recordId(), row.version(), object));
            return Aead.open(key, Aead.Sealed.decode(ciphertext), associatedData);
        } catch (AuthenticationFailedException | IllegalArgumentException e) {
            throw damaged(row);
        } finally {
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
            if (escrowKeys != null) {
                escrowKeys.destroy();
            }
        }
    }

    private void logView(Session reader, VersionRow row, Integer attachment) {
        ChainId patientChain = new ChainId(PartyKind.PATIENT, row.patient());
        byte[] payload = RecordEvents.viewed(row.recordId(), row.version(), attachment);
        ledger.append(reader.chain().equals(patientChain)
                ? EventSpec.single(BlockKind.RECORD_VIEWED, reader.signingKey(), patientChain, payload)
                : EventSpec.between(BlockKind.RECORD_VIEWED, reader.signingKey(), reader.chain(), payload,
                        patientChain, payload));
    }

    /** The newest version of a record that exists and has not been deleted. */
    private VersionRow latestLiveVersion(String recordId) {
        if (recordId == null || recordId.isBlank() || recordId.length() > 64) {
            throw new InvalidInputException("Give the id of a record.");
        }
        List<VersionRow> versions = read("read the record", connection -> records.versions(connection, recordId));
        if (versions.isEmpty()) {
            throw new RefusedException("There is no record " + recordId + ".");
        }
        VersionRow latest = versions.get(versions.size() - 1);
        if (latest.deleted()) {
            throw new RefusedException("Record " + recordId + " was deleted: its content was destroyed.");
        }
        return latest;
    }

    private static RefusedException damaged(VersionRow row) {
        return new RefusedException("Record " + row.recordId() + " version " + row.version()
                + " fails its integrity check: it was changed outside ClinicLedger. Verify the data folder.");
    }

    // ---- attachments

    /** An attachment read into memory; {@link #wipe()} overwrites it. */
    record Attachment(AttachmentSummary summary, byte[] bytes) {

        /** Takes ownership of {@code bytes}. */
        static Attachment of(String name, String mediaType, byte[] bytes) {
            return new Attachment(new AttachmentSummary(name, mediaType, bytes.length, Hex.encode(Sha256.digest(bytes))),
                    bytes);
        }

        void wipe() {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Reads and checks every file before anything is written. */
    private List<Attachment> readAttachments(List<Path> paths) {
        List<Attachment> files = new ArrayList<>();
        try {
            for (Path path : paths) {
                files.add(readAttachment(path));
            }
            return files;
        } catch (RuntimeException e) {
            files.forEach(Attachment::wipe);
            throw e;
        }
    }

    private Attachment readAttachment(Path path) {
        if (path == null || !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(path)) {
            throw new InvalidInputException("The file to attach " + path + " does not exist or is not a regular file.");
        }
        String name = path.getFileName().toString();
        if (name.length() > 255) {
            throw new InvalidInputException("The name of the file to attach is too long: at most 255 characters.");
        }
        try {
            long size = Files.size(path);
            if (size > attachmentLimit) {
                throw new InvalidInputException("The file " + name + " is too large to attach: "
                        + ByteSize.format(size) + ", the limit is " + ByteSize.format(attachmentLimit) + ".");
            }
            byte[] bytes = Files.readAllBytes(path);
            if (bytes.length > attachmentLimit) {
                Arrays.fill(bytes, (byte) 0);
                throw new InvalidInputException("The file " + name + " is too large to attach.");
            }
            String mediaType = null;
            try {
                mediaType = Files.probeContentType(path);
            } catch (IOException unknown) {
                // Fall back to the generic type.
            }
            if (mediaType == null || mediaType.isBlank() || mediaType.length() > 127) {
                mediaType = "application/octet-stream";
            }
            return new Attachment(new AttachmentSummary(name, mediaType, bytes.length,
                    Hex.encode(Sha256.digest(bytes))), bytes);
        } catch (IOException e) {
            throw new InvalidInputException("The file to attach " + path + " cannot be read: " + e.getMessage());
        }
    }

    // ---- associated data and contexts

    static byte[] documentData(String recordId, int version) {
        return (DOCUMENT_LABEL + "\0" + recordId + "\0" + version).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] attachmentData(String recordId, int version, int index) {
        return (ATTACHMENT_LABEL + "\0" + recordId + "\0" + version + "\0" + index).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] keyContext(String recordId, int version, int object) {
        String what = object == RecordStore.DOCUMENT ? "document" : "attachment/" + object;
        return (KEY_LABEL + "\0" + recordId + "\0" + version + "\0" + what).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] label(String label, String owner) {
        return (label + "\0" + owner).getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> hashes(AppendedEvent event) {
        return event.blocks().stream().map(block -> Hex.encode(block.hash())).toList();
    }

    /** Removes vault files written for a version that was then not stored; fresh keys make them belong to nothing else. */
    private void removeQuietly(List<String> addresses) {
        for (String address : addresses) {
            try {
                vault.delete(address);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not remove the unused encrypted file {}: {}", address, e.getMessage());
            }
        }
    }

    private <T> T read(String action, Database.TransactionWork<T> work) {
        try (Connection connection = database.connect()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StorageFailure(action, e);
        }
    }

    // ---- listing

    /**
     * The records of patient {@code mrn} that {@code reader} may see, newest first, read from the
     * record rows alone: nothing is decrypted and no record-viewed block is written. The patient sees
     * all of their own; a doctor with an active grant or referral sees all of the patient's, and
     * otherwise only the records they wrote; an administrator in an emergency sees all. Deleted
     * records are listed too, marked as such.
     *
     * @throws InvalidInputException for a mistyped MRN
     * @throws RefusedException when a patient asks about another patient, or there is no such patient
     */
    public List<RecordSummary> listRecords(Session reader, String mrn) {
        reader.use(clock.instant());
        MedicalRecordNumber patient = MedicalRecordNumber.parse(mrn);
        ChainId patientChain = new ChainId(PartyKind.PATIENT, patient.digits());
        if (reader.role() == Role.PATIENT && !reader.chain().equals(patientChain)) {
            throw new RefusedException("A patient sees only their own records.");
        }
        boolean known = read("look up the patient", connection -> patients.find(connection, patient.digits()).isPresent());
        if (!known) {
            throw new RefusedException("There is no patient " + patient + ".");
        }
        AccessState state = accessState(patient.digits());
        List<VersionRow> rows = read("list the records", connection -> records.versionsOfPatient(connection,
                patient.digits()));
        Map<String, List<VersionRow>> byRecord = new LinkedHashMap<>();
        rows.forEach(row -> byRecord.computeIfAbsent(row.recordId(), id -> new ArrayList<>()).add(row));
        List<RecordSummary> summaries = new ArrayList<>();
        byRecord.forEach((recordId, versions) -> {
            VersionRow first = versions.get(0);
            VersionRow latest = versions.get(versions.size() - 1);
            boolean visible = versions.stream().anyMatch(version -> state.mayRead(reader.chain().value(),
                    new ChainId(PartyKind.DOCTOR, version.author()).value()).filter(reason -> reason != Reason.EMERGENCY
                            || reader.role() == Role.ADMINISTRATOR).isPresent());
            if (visible) {
                summaries.add(new RecordSummary(recordId, latest.version(), latest.patient(), first.author(),
                        latest.author(), Instant.ofEpochMilli(first.createdAtMillis()),
                        Instant.ofEpochMilli(latest.createdAtMillis()), latest.deleted()));
            }
        });
        summaries.sort(Comparator.comparing(RecordSummary::createdAt).reversed()
                .thenComparing(RecordSummary::recordId));
        return summaries;
    }
}
