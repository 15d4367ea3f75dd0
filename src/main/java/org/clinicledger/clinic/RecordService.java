package org.clinicledger.clinic;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

import org.clinicledger.crypto.Hex;
import org.clinicledger.crypto.Sha256;
import org.clinicledger.custody.Labels;
import org.clinicledger.custody.RecordCustody.Holder;
import org.clinicledger.custody.RecordCustody.SealedVersion;
import org.clinicledger.custody.RecordCustody;
import org.clinicledger.domain.AccessPolicy.AccessState;
import org.clinicledger.domain.AccessPolicy.Reason;
import org.clinicledger.domain.AddedRecord;
import org.clinicledger.domain.AttachmentSummary;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.PatientCopy;
import org.clinicledger.domain.RecordDiff;
import org.clinicledger.domain.RecordHistoryEntry;
import org.clinicledger.domain.RecordId;
import org.clinicledger.domain.RecordInput;
import org.clinicledger.domain.RecordSummary;
import org.clinicledger.domain.RecordVersion;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.ShownRecord;
import org.clinicledger.domain.UnitOfWork;
import org.clinicledger.exchange.RecordDocument;
import org.clinicledger.ledger.AppendedEvent;
import org.clinicledger.ledger.EventSpec;
import org.clinicledger.ledger.Ledger;
import org.clinicledger.ledger.RecordEvents;
import org.clinicledger.store.Database;
import org.clinicledger.store.RecordStore.VersionRow;
import org.clinicledger.store.RecordStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Patients' records: the EHR vault's use cases. A record version is one canonical document
 * ({@link org.clinicledger.exchange.RecordDocument}, whose SHA-256 is the record hash) plus its attachments, sealed and
 * wrapped by {@link RecordCustody} for the patient, the author, every doctor with standing access
 * and the clinic's escrow key.
 *
 * <p>Writing requires a doctor whom the patient's chain admits (grant or referral), decided inside
 * the write that stores the version, together with who receives its keys: a revocation either
 * commits before (and the doctor gets no copy) or after (and destroys it). The content is sealed
 * into the vault before that write and the files removed again if it fails. Reading appends a
 * record-viewed block in the same write that decided the read. Deleting writes a tombstone and
 * destroys the record's keys and files.
 */
public final class RecordService {

    /** The default largest attachment: 100 MB. */
    public static final long DEFAULT_ATTACHMENT_LIMIT = 100L * 1000 * 1000;
    /** The longest reason for a deletion, in characters. */
    public static final int MAX_REASON = 2_000;

    private static final Logger LOG = LoggerFactory.getLogger(RecordService.class);

    private final Database database;
    private final Ledger ledger;
    private final RecordCustody custody;
    private final PatientAccess access;
    private final Clock clock;
    private final SecureRandom random;
    private final long attachmentLimit;
    private final RecordStore records = new RecordStore();
    private final RecordListing listing;

    RecordService(Database database, Ledger ledger, RecordCustody custody, PatientAccess access, Clock clock,
            SecureRandom random, long attachmentLimit) {
        if (attachmentLimit < 0) {
            throw new IllegalArgumentException("Negative attachment limit");
        }
        this.database = database;
        this.ledger = ledger;
        this.custody = custody;
        this.access = access;
        this.clock = clock;
        this.random = random;
        this.attachmentLimit = attachmentLimit;
        this.listing = new RecordListing(database, records, access);
    }

    /** The same service with another largest attachment, in bytes. */
    public RecordService withAttachmentLimit(long bytes) {
        return new RecordService(database, ledger, custody, access, clock, random, bytes);
    }

    public long attachmentLimit() {
        return attachmentLimit;
    }

    // ---- writing

    /**
     * A doctor adds a record for a patient.
     *
     * @throws InvalidInputException for an empty or too long diagnosis, or a missing, unreadable or
     *     oversized attachment; nothing is written
     * @throws RefusedException when the author is not a doctor whom the patient's chain admits, or
     *     there is no such patient
     */
    public AddedRecord addRecord(Session doctor, MedicalRecordNumber patient, RecordInput input) {
        doctor.use(clock.instant());
        input.check();
        requireNothingDropped(input);
        return add(doctor, patient, input, Attachment.readAll(input.attachments(), attachmentLimit));
    }

    /**
     * Adds a record as {@link #addRecord} does, with attachments that are already in memory
     * rather than in files (generated content, which must never touch the disk in plaintext).
     * Takes ownership of {@code attachments} and wipes them.
     */
    AddedRecord addRecord(Session doctor, MedicalRecordNumber patient, RecordInput input, List<Attachment> attachments) {
        try {
            doctor.use(clock.instant());
            input.check();
            requireNothingDropped(input);
            if (!input.attachments().isEmpty()) {
                throw new IllegalArgumentException("Attachments come either as files or in memory, not both");
            }
            attachments.forEach(attachment -> Attachment.checkSize(attachment, attachmentLimit));
            return add(doctor, patient, input, new ArrayList<>(attachments));
        } catch (RuntimeException e) {
            attachments.forEach(Attachment::wipe);
            throw e;
        }
    }

    private AddedRecord add(Session doctor, MedicalRecordNumber patient, RecordInput input, List<Attachment> files) {
        try {
            database.read("look up the patient", work -> {
                access.requireRegistered(work, patient);
                access.requireNotMerged(work, patient.digits());
                return access.requireWriter(work, doctor, patient.digits());
            });
            return write(doctor, patient.digits(), RecordId.random(), 1, 0, input, files, BlockKind.RECORD_ADDED);
        } finally {
            files.forEach(Attachment::wipe);
        }
    }

    private static void requireNothingDropped(RecordInput input) {
        if (!input.droppedAttachments().isEmpty()) {
            throw new InvalidInputException("A new record has no earlier attachments to drop.");
        }
    }

    /**
     * A doctor whom the patient's chain currently admits writes a new version of a record, which
     * supersedes the latest one. The earlier versions stay, for the history.
     *
     * <p>The latest version's attachments are carried over, first and in their order, except those
     * {@link RecordInput#droppedAttachments()} names; the new files follow. A carried attachment is
     * opened with the doctor's own copy of its key and sealed again as part of the new version, under
     * a fresh key bound to the new version, for the new version's recipients: everyone who receives it
     * could read the earlier version too (the patient, the escrow key, and doctors and administrators
     * with standing access, who hold copies of every live version), so carrying it over shows it to
     * nobody new. Reading the earlier version for this writes no record-viewed block: the
     * record-amended block on both chains says the doctor worked on it.
     *
     * @throws InvalidInputException when a dropped attachment does not exist, or there would be more
     *     than {@link RecordInput#MAX_ATTACHMENTS}
     */
    public AddedRecord amendRecord(Session doctor, RecordId recordId, RecordInput input) {
        doctor.use(clock.instant());
        input.check();
        List<Attachment> files = new ArrayList<>();
        try {
            VersionRow latest = database.read("read the record", work -> {
                VersionRow row = latestLiveVersion(work, recordId);
                access.requireWriter(work, doctor, row.patient());
                files.addAll(carriedOver(work, doctor, row, input.droppedAttachments()));
                return row;
            });
            if (files.size() + input.attachments().size() > RecordInput.MAX_ATTACHMENTS) {
                throw new InvalidInputException("Too many attachments: " + files.size() + " carried over and "
                        + input.attachments().size() + " new, at most " + RecordInput.MAX_ATTACHMENTS
                        + " per record version. Drop some of the earlier ones.");
            }
            files.addAll(Attachment.readAll(input.attachments(), attachmentLimit));
            return write(doctor, latest.patient(), recordId, latest.version() + 1, latest.version(), input, files,
                    BlockKind.RECORD_AMENDED);
        } finally {
            files.forEach(Attachment::wipe);
        }
    }

    /**
     * The attachments of {@code latest} that an amendment keeps, opened with the doctor's copies of
     * their keys and checked against what the version's document says of them.
     */
    private List<Attachment> carriedOver(UnitOfWork work, Session doctor, VersionRow latest, Set<Integer> dropped) {
        List<String> addresses = records.attachmentAddresses(work, latest.recordId(), latest.version());
        for (int index : dropped) {
            if (index >= addresses.size()) {
                throw new InvalidInputException("Version " + latest.version() + " of record " + latest.recordId()
                        + (addresses.isEmpty() ? " has no attachments" : addresses.size() == 1 ? " has attachment 0 only"
                        : " has attachments 0 to " + (addresses.size() - 1) + " only")
                        + ", so there is no attachment " + index + " to drop.");
            }
        }
        if (addresses.size() == dropped.size()) {
            return List.of();
        }
        Holder holder = holder(doctor);
        List<AttachmentSummary> described = custody.openVersion(work, latest, holder).attachments();
        if (described.size() != addresses.size()) {
            throw RecordCustody.damaged(latest);
        }
        List<Attachment> kept = new ArrayList<>();
        try {
            for (int index = 0; index < addresses.size(); index++) {
                if (dropped.contains(index)) {
                    continue;
                }
                byte[] bytes = custody.openAttachment(work, latest, index, addresses.get(index), holder);
                AttachmentSummary summary = described.get(index);
                kept.add(new Attachment(summary, bytes));
                if (bytes.length != summary.size()
                        || !Hex.encode(Sha256.digest(bytes)).equals(summary.sha256())) {
                    throw RecordCustody.damaged(latest);
                }
                Attachment.checkSize(kept.get(kept.size() - 1), attachmentLimit);
            }
            return kept;
        } catch (RuntimeException e) {
            kept.forEach(Attachment::wipe);
            throw e;
        }
    }

    /**
     * Seals the version into the vault, then, in one write: checks again that the author may
     * write and that the version is still the next one, chooses who receives its keys from the
     * patient's chain as it stands, wraps them, stores the rows and appends the blocks.
     */
    private AddedRecord write(Session doctor, String patient, RecordId id, int version, int supersedes,
            RecordInput input, List<Attachment> files, BlockKind kind) {
        String recordId = id.value();
        Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        byte[] salt = new byte[32];
        random.nextBytes(salt);
        List<AttachmentSummary> summaries = files.stream().map(Attachment::summary).toList();
        RecordVersion record = new RecordVersion(recordId, version, patient, doctor.username(), createdAt, supersedes,
                input.icd10(), input.diagnosis(), input.notes(), summaries, Hex.encode(salt));
        Arrays.fill(salt, (byte) 0);
        byte[] document = RecordDocument.encode(record);
        String recordHash = RecordDocument.hash(document);
        SealedVersion sealed;
        try {
            sealed = custody.seal(recordId, version, document, files.stream().map(Attachment::bytes).toList());
        } finally {
            Arrays.fill(document, (byte) 0);
        }
        ChainId patientChain = new ChainId(PartyKind.PATIENT, patient);
        byte[] payload = RecordEvents.written(new RecordEvents.Written(recordId, version, recordHash,
                sealed.documentAddress(), sealed.attachmentAddresses(), supersedes));
        try (sealed) {
            Written written = database.write("store the record", work -> {
                AccessState state = access.requireWriter(work, doctor, patient);
                if (version == 1) {
                    access.requireNotMerged(work, patient);
                }
                if (version > 1 && latestLiveVersion(work, id).version() != supersedes) {
                    throw new RefusedException("Record " + recordId + " was changed by someone else meanwhile: "
                            + "open it again and amend the newest version.");
                }
                AppendedEvent event = ledger.append(work, EventSpec.between(kind, doctor.signingKey(), doctor.chain(),
                        payload, patientChain, payload));
                // The row keeps the time of the patient's block, which verification compares it with.
                records.insertVersion(work, new VersionRow(recordId, version, patient, doctor.username(), supersedes,
                        sealed.documentAddress(), recordHash, event.timeOn(PartyKind.PATIENT), false));
                List<String> attachments = sealed.attachmentAddresses();
                for (int index = 0; index < attachments.size(); index++) {
                    records.insertAttachment(work, recordId, version, index, attachments.get(index));
                }
                int copies = sealed.wrapFor(work, custody.recipients(work, patientChain, doctor.chain(),
                        doctor.keys(), state));
                return new Written(event, copies);
            });
            LOG.info("Record {} version {} of patient {} written by {} ({} attachments, {} key copies)", recordId,
                    version, patient, doctor.username(), files.size(), written.copies());
            return new AddedRecord(id, version, recordHash, hashes(written.event()));
        } catch (RuntimeException e) {
            sealed.discard();
            throw e;
        }
    }

    private record Written(AppendedEvent event, int copies) {
    }

    /**
     * Deletes a record: a tombstone block on the doctor's and the patient's chains naming the
     * record, its versions and the SHA-256 of the reason sealed with the clinic's directory key;
     * then every wrapped key of every version and attachment, and every vault file, is destroyed.
     * The chains still verify; the content cannot be recovered by anyone.
     *
     * @return the hashes (hex) of the tombstone's blocks, the doctor's first
     */
    public List<String> deleteRecord(Session doctor, RecordId recordId, String reason) {
        doctor.use(clock.instant());
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("Give the reason for deleting the record.");
        }
        if (reason.length() > MAX_REASON) {
            throw new InvalidInputException("The reason is too long: at most " + MAX_REASON + " characters.");
        }
        byte[] sealedReason = doctor.sealWithDirectoryKey(reason.strip(),
                Labels.bind(Labels.DELETION_REASON, recordId.value()), random);
        List<String> addresses = new ArrayList<>();
        Deleted deleted = database.write("delete the record", work -> {
            VersionRow latest = latestLiveVersion(work, recordId);
            access.requireWriter(work, doctor, latest.patient());
            List<VersionRow> versions = records.versions(work, recordId.value());
            for (VersionRow version : versions) {
                addresses.add(version.documentAddress());
                addresses.addAll(records.attachmentAddresses(work, recordId.value(), version.version()));
            }
            byte[] payload = RecordEvents.deleted(recordId.value(), versions.stream().map(VersionRow::version).toList(),
                    Hex.encode(Sha256.digest(sealedReason)));
            ChainId patientChain = new ChainId(PartyKind.PATIENT, latest.patient());
            AppendedEvent tombstone = ledger.append(work, EventSpec.between(BlockKind.RECORD_DELETED,
                    doctor.signingKey(), doctor.chain(), payload, patientChain, payload));
            records.insertDeletion(work, recordId.value(), doctor.username(), sealedReason,
                    tombstone.timeOn(PartyKind.PATIENT));
            custody.destroyRecordKeys(work, recordId.value());
            records.markDeleted(work, recordId.value());
            return new Deleted(latest.patient(), hashes(tombstone));
        });
        // The keys are gone already, so a file left behind can never be opened again; verify does not mind it.
        custody.removeFiles(addresses);
        LOG.info("Record {} of patient {} deleted by {}", recordId, deleted.patient(), doctor.username());
        return deleted.blocks();
    }

    private record Deleted(String patient, List<String> blocks) {
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
    public ShownRecord showRecord(Session reader, RecordId recordId) {
        reader.use(clock.instant());
        return readAs(reader, recordId, "open the record", work -> {
            VersionRow latest = latestLiveVersion(work, recordId);
            Optional<Reason> reason = access.readerReason(work, reader, latest);
            if (reason.isEmpty()) {
                return null;
            }
            RecordVersion record = decrypt(work, reader, reason.get(), latest);
            logView(work, reader, latest, null);
            List<RecordHistoryEntry> history = records.versions(work, recordId.value()).stream()
                    .map(row -> new RecordHistoryEntry(row.version(), row.supersedes(), row.author(),
                            Instant.ofEpochMilli(row.createdAtMillis()), row.recordHash())).toList();
            return new ShownRecord(record, latest.recordHash(), history);
        });
    }

    /**
     * What changed between two versions of a record, for a reader who may read both: the same rules
     * as {@link #showRecord}. Both versions are decrypted and checked against their record hashes
     * before anything is logged; then a record-viewed block is appended for each version decrypted
     * (one when {@code fromVersion} equals {@code toVersion}).
     *
     * @throws RefusedException "access denied", or for an unknown or deleted record, a version the
     *     record does not have, or a damaged file
     */
    public RecordDiff diff(Session reader, RecordId recordId, int fromVersion, int toVersion) {
        reader.use(clock.instant());
        return readAs(reader, recordId, "compare the record's versions", work -> {
            latestLiveVersion(work, recordId);
            List<VersionRow> versions = records.versions(work, recordId.value());
            VersionRow from = version(versions, recordId, fromVersion);
            VersionRow to = version(versions, recordId, toVersion);
            Optional<Reason> fromReason = access.readerReason(work, reader, from);
            Optional<Reason> toReason = from == to ? fromReason : access.readerReason(work, reader, to);
            if (fromReason.isEmpty() || toReason.isEmpty()) {
                return null;
            }
            RecordVersion older = decrypt(work, reader, fromReason.get(), from);
            RecordVersion newer = from == to ? older : decrypt(work, reader, toReason.get(), to);
            logView(work, reader, from, null);
            if (from != to) {
                logView(work, reader, to, null);
            }
            return RecordDiff.between(older, newer);
        });
    }

    /**
     * The patient's copy of one version ({@code version} null: the newest) for a reader who may open
     * it, by the same rules as {@link #showRecord}: the canonical document, checked against its
     * record hash. The read is logged like an opening.
     */
    public PatientCopy copy(Session reader, RecordId recordId, Integer version) {
        reader.use(clock.instant());
        return readAs(reader, recordId, "copy the record", work -> {
            VersionRow row = readableRow(work, recordId, version);
            Optional<Reason> reason = access.readerReason(work, reader, row);
            if (reason.isEmpty()) {
                return null;
            }
            byte[] document = custody.openCopy(work, row, holder(reader));
            logView(work, reader, row, null);
            return new PatientCopy(row.recordId(), row.version(), row.recordHash(), document);
        });
    }

    /**
     * Runs {@code work} on the row of one version ({@code version} null: the newest) when
     * {@code reader} may read it, by the rules of {@link #showRecord}, without decrypting or logging
     * anything: for what is made from a version's hashes alone (proofs, receipts).
     */
    <T> T withReadableVersion(Session reader, RecordId recordId, Integer version, String action,
            BiFunction<UnitOfWork, VersionRow, T> then) {
        reader.use(clock.instant());
        return readAs(reader, recordId, action, work -> {
            VersionRow row = readableRow(work, recordId, version);
            return access.readerReason(work, reader, row).isEmpty() ? null : then.apply(work, row);
        });
    }

    private VersionRow readableRow(UnitOfWork work, RecordId recordId, Integer version) {
        VersionRow latest = latestLiveVersion(work, recordId);
        return version == null ? latest : version(records.versions(work, recordId.value()), recordId, version);
    }

    /**
     * The plaintext bytes of one attachment of one version, for a reader who holds its key; the read
     * is logged with a record-viewed block naming the attachment.
     */
    public byte[] readAttachment(Session reader, RecordId recordId, int version, int index) {
        reader.use(clock.instant());
        return readAs(reader, recordId, "open the attachment", work -> {
            latestLiveVersion(work, recordId);
            VersionRow row = version(records.versions(work, recordId.value()), recordId, version);
            Optional<Reason> reason = access.readerReason(work, reader, row);
            if (reason.isEmpty()) {
                return null;
            }
            List<String> addresses = records.attachmentAddresses(work, recordId.value(), version);
            if (index < 0 || index >= addresses.size()) {
                throw new RefusedException("Version " + version + " of record " + recordId + " has no attachment "
                        + index + ".");
            }
            byte[] bytes = custody.openAttachment(work, row, index, addresses.get(index), holder(reader));
            logView(work, reader, row, index);
            return bytes;
        });
    }

    /**
     * A version {@code reader} may read, opened inside the caller's unit of work and checked against
     * its record hash, with nothing logged: for an export, which logs its reading once with
     * {@link #viewing} before it opens anything.
     */
    RecordVersion open(UnitOfWork work, Session reader, VersionRow row) {
        return custody.openVersion(work, row, holder(reader));
    }

    /** The plaintext of one attachment of a version {@code reader} may read, as {@link #open}; the caller wipes it. */
    byte[] openAttachment(UnitOfWork work, Session reader, VersionRow row, int index) {
        List<String> addresses = records.attachmentAddresses(work, row.recordId(), row.version());
        if (index < 0 || index >= addresses.size()) {
            throw RecordCustody.damaged(row);
        }
        return custody.openAttachment(work, row, index, addresses.get(index), holder(reader));
    }

    /** The record-viewed event of {@code reader} reading a whole version. */
    static EventSpec viewing(Session reader, VersionRow row) {
        return viewed(reader, row, null);
    }

    /**
     * Runs a read of a record as one write, so that the decision to let {@code reader} read, the
     * reading and the record-viewed block belong together. {@code work} returns null when the chain
     * does not admit the reader: the write still commits (it destroyed stale key copies) and the
     * read is then refused.
     */
    private <T> T readAs(Session reader, RecordId recordId, String action, Database.Work<T> work) {
        T result = database.write(action, work);
        if (result == null) {
            throw PatientAccess.denied(reader, recordId);
        }
        return result;
    }

    private static VersionRow version(List<VersionRow> versions, RecordId recordId, int version) {
        return versions.stream().filter(candidate -> candidate.version() == version).findFirst()
                .orElseThrow(() -> new RefusedException("Record " + recordId + " has no version " + version + "."));
    }

    private RecordVersion decrypt(UnitOfWork work, Session reader, Reason reason, VersionRow row) {
        return custody.openVersion(work, row, holder(reader));
    }

    /** Everyone opens their own copies: an administrator in an emergency those the emergency gave them. */
    private static Holder holder(Session reader) {
        return new Holder(reader.chain(), reader.username(), reader.keys());
    }

    private void logView(UnitOfWork work, Session reader, VersionRow row, Integer attachment) {
        ledger.append(work, viewed(reader, row, attachment));
    }

    /** The record-viewed event of {@code reader} reading a version (or one of its attachments). */
    private static EventSpec viewed(Session reader, VersionRow row, Integer attachment) {
        ChainId patientChain = new ChainId(PartyKind.PATIENT, row.patient());
        byte[] payload = RecordEvents.viewed(row.recordId(), row.version(), attachment);
        return reader.chain().equals(patientChain)
                ? EventSpec.single(BlockKind.RECORD_VIEWED, reader.signingKey(), patientChain, payload)
                : EventSpec.between(BlockKind.RECORD_VIEWED, reader.signingKey(), reader.chain(), payload,
                        patientChain, payload);
    }

    /** The newest version of a record that exists and has not been deleted. */
    private VersionRow latestLiveVersion(UnitOfWork work, RecordId recordId) {
        List<VersionRow> versions = records.versions(work, recordId.value());
        if (versions.isEmpty()) {
            throw new RefusedException("There is no record " + recordId + ".");
        }
        VersionRow latest = versions.get(versions.size() - 1);
        if (latest.deleted()) {
            throw new RefusedException("Record " + recordId + " was deleted: its content was destroyed.");
        }
        return latest;
    }

    private static List<String> hashes(AppendedEvent event) {
        return event.blocks().stream().map(block -> Hex.encode(block.hash())).toList();
    }

    // ---- listing

    /**
     * Whether the patient's chain lets {@code doctor} write the patient's records now (a doctor with
     * an active grant or referral), so that a form is not offered only to be refused; the write itself
     * decides again.
     *
     * @throws RefusedException when there is no such patient
     */
    public boolean mayWrite(Session doctor, MedicalRecordNumber patient) {
        doctor.use(clock.instant());
        return database.read("check who may write", work -> {
            access.requireRegistered(work, patient);
            try {
                access.requireNotMerged(work, patient.digits());
                access.requireWriter(work, doctor, patient.digits());
                return true;
            } catch (RefusedException refused) {
                return false;
            }
        });
    }

    /**
     * The records of a patient that {@code reader} may see, newest first, read from the record rows
     * alone: nothing is decrypted and no record-viewed block is written. See {@link RecordListing}.
     *
     * @throws RefusedException when a patient asks about another patient, or there is no such patient
     */
    public List<RecordSummary> listRecords(Session reader, MedicalRecordNumber patient) {
        reader.use(clock.instant());
        return listing.list(reader, patient);
    }

    /**
     * The patient's chart: the records {@link #listRecords} lists, each with what its current version
     * diagnoses (ICD-10 code, diagnosis, how many files) when the patient's chain lets {@code reader}
     * read that version now; for any other record, and a deleted one, nothing is decrypted. Reading a
     * diagnosis is reading the record, so each version read is logged with a record-viewed block on
     * the reader's and the patient's chains, in the write that decided and read it; once per version
     * per session, so that going back to the same patient does not log the same reading again. A
     * version whose key the reader lacks or whose file fails its check is listed without a diagnosis
     * (opening it says why).
     *
     * @throws RefusedException when a patient asks about another patient, or there is no such patient
     */
    public List<RecordSummary> listChart(Session reader, MedicalRecordNumber patient) {
        reader.use(clock.instant());
        DiagnosisReading reading = new DiagnosisReading(reader);
        return reading.within("read the chart", work -> {
            AccessState state = access.state(work, patient.digits());
            List<RecordSummary> summaries = new ArrayList<>();
            for (RecordListing.Listed entry : listing.listed(work, reader, patient)) {
                RecordSummary.Diagnosis diagnosis = reading.read(work, state, entry.latest());
                summaries.add(diagnosis == null ? entry.summary() : entry.summary().withDiagnosis(diagnosis));
            }
            return summaries;
        });
    }

    /**
     * The records of {@code patients} (MRN digits) as the reader's own chain names them, each with
     * the diagnoses of the versions in {@code versions} ({@code "recordId/version"}) that the
     * patient's chain lets the reader read now: the rule of {@link #listChart}, read and logged as it
     * reads and logs (one record-viewed block per version per session), in one write. A record the
     * rows do not hold is left out. For {@link ChainBrowser}.
     */
    ChainRecords chainRecords(Session reader, Set<String> patients, Set<String> versions) {
        reader.use(clock.instant());
        DiagnosisReading reading = new DiagnosisReading(reader);
        Map<String, ChainRecord> found = reading.within("read the chain's records", work -> {
            Map<String, ChainRecord> byRecord = new HashMap<>();
            for (String patient : patients) {
                AccessState state = access.state(work, patient);
                Map<String, List<VersionRow>> rows = new LinkedHashMap<>();
                records.versionsOfPatient(work, patient)
                        .forEach(row -> rows.computeIfAbsent(row.recordId(), id -> new ArrayList<>()).add(row));
                List<List<VersionRow>> inOrder = new ArrayList<>(rows.values());
                inOrder.sort(Comparator.comparingLong((List<VersionRow> record) -> record.get(0).createdAtMillis())
                        .thenComparing(record -> record.get(0).recordId()));
                for (int i = 0; i < inOrder.size(); i++) {
                    List<VersionRow> record = inOrder.get(i);
                    Map<Integer, RecordSummary.Diagnosis> diagnoses = new HashMap<>();
                    for (VersionRow row : record) {
                        if (versions.contains(row.recordId() + "/" + row.version())) {
                            RecordSummary.Diagnosis diagnosis = reading.read(work, state, row);
                            if (diagnosis != null) {
                                diagnoses.put(row.version(), diagnosis);
                            }
                        }
                    }
                    VersionRow first = record.get(0);
                    byRecord.put(first.recordId(), new ChainRecord(patient, i + 1,
                            record.get(record.size() - 1).deleted(), Map.copyOf(diagnoses)));
                }
            }
            return byRecord;
        });
        return new ChainRecords(found, reading.logged());
    }

    /** What {@link #chainRecords} found, by record id, and whether it logged a reading (the chain grew). */
    record ChainRecords(Map<String, ChainRecord> byRecord, boolean logged) {
    }

    /**
     * A record a chain names, as {@link #chainRecords} finds it.
     *
     * @param patient the patient's MRN digits
     * @param number the record's place among the patient's records, oldest first, from 1
     * @param diagnoses what each version asked for and readable now diagnoses, by version
     */
    record ChainRecord(String patient, int number, boolean deleted, Map<Integer, RecordSummary.Diagnosis> diagnoses) {
    }

    /**
     * Reading diagnoses for one reader within one write, the one home of {@link #listChart}'s rule:
     * a version is decrypted only when it is not deleted and the patient's chain lets the reader read
     * it now, each version at most once; each version read is logged with a record-viewed block in
     * that write unless this session logged it already ({@link Session#claimChartRead}, given back
     * when the write does not commit).
     */
    private final class DiagnosisReading {
        private final Session reader;
        private final Map<String, Optional<RecordSummary.Diagnosis>> read = new HashMap<>();
        private final List<EventSpec> views = new ArrayList<>();
        private final List<VersionRow> claimed = new ArrayList<>();

        DiagnosisReading(Session reader) {
            this.reader = reader;
        }

        /** Runs {@code body} as one write that reads diagnoses with {@link #read} and logs them as it commits. */
        <T> T within(String action, Database.Work<T> body) {
            try {
                return database.write(action, work -> {
                    release();
                    T result = body.run(work);
                    if (!views.isEmpty()) {
                        ledger.appendAll(work, views);
                    }
                    return result;
                });
            } catch (RuntimeException e) {
                release();
                throw e;
            }
        }

        /** Forgets what an attempt that did not commit read and claimed. */
        private void release() {
            claimed.forEach(row -> reader.releaseChartRead(row.recordId(), row.version()));
            claimed.clear();
            read.clear();
            views.clear();
        }

        /** Whether the write logged a reading. */
        boolean logged() {
            return !claimed.isEmpty();
        }

        /** What {@code row} diagnoses, or null when the reader may not read it now (or it cannot be opened). */
        RecordSummary.Diagnosis read(UnitOfWork work, AccessState state, VersionRow row) {
            String key = row.recordId() + "/" + row.version();
            Optional<RecordSummary.Diagnosis> known = read.get(key);
            if (known != null) {
                return known.orElse(null);
            }
            RecordSummary.Diagnosis diagnosis = null;
            if (!row.deleted() && PatientAccess.readReason(state, reader, row.author()).isPresent()) {
                diagnosis = diagnosisOf(work, reader, row);
            }
            read.put(key, Optional.ofNullable(diagnosis));
            if (diagnosis != null && reader.claimChartRead(row.recordId(), row.version())) {
                views.add(viewed(reader, row, null));
                claimed.add(row);
            }
            return diagnosis;
        }
    }

    private RecordSummary.Diagnosis diagnosisOf(UnitOfWork work, Session reader, VersionRow latest) {
        try {
            RecordVersion version = custody.openVersion(work, latest, holder(reader));
            return new RecordSummary.Diagnosis(version.icd10(), version.diagnosis(), version.attachments().size());
        } catch (RefusedException unreadable) {
            LOG.warn("Record {} version {} listed without its diagnosis for {}: {}", latest.recordId(),
                    latest.version(), reader.username(), unreadable.getMessage());
            return null;
        }
    }
}
