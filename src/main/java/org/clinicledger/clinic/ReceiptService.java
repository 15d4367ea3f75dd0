package org.clinicledger.clinic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.clinicledger.crypto.Hex;
import org.clinicledger.crypto.Sha256;
import org.clinicledger.crypto.SignedNote;
import org.clinicledger.crypto.TlogCheckpoint;
import org.clinicledger.domain.Block;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.Checkpoint;
import org.clinicledger.domain.ClinicFingerprint;
import org.clinicledger.domain.ClinicProfile;
import org.clinicledger.domain.HashFinding;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.PaperSize;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.PatientCopy;
import org.clinicledger.domain.ProofDocument;
import org.clinicledger.domain.ProofVerdict;
import org.clinicledger.domain.Receipt;
import org.clinicledger.domain.ReceiptVerdict;
import org.clinicledger.domain.ReceiptVerdict.Outcome;
import org.clinicledger.domain.RecordId;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.UnitOfWork;
import org.clinicledger.domain.UtcTime;
import org.clinicledger.domain.Witnessing;
import org.clinicledger.exchange.ProofCheck;
import org.clinicledger.exchange.ProofFile;
import org.clinicledger.exchange.ReceiptCode;
import org.clinicledger.exchange.ReceiptImages;
import org.clinicledger.exchange.ReceiptPdf;
import org.clinicledger.exchange.RecordProof;
import org.clinicledger.ledger.BlockEvidence;
import org.clinicledger.ledger.ChainProofs;
import org.clinicledger.ledger.CheckpointStanding;
import org.clinicledger.ledger.Checkpoints;
import org.clinicledger.ledger.RecordEvents;
import org.clinicledger.ledger.Witnesses;
import org.clinicledger.store.ChainStore;
import org.clinicledger.store.Database;
import org.clinicledger.store.RecordStore;
import org.clinicledger.store.RecordStore.VersionRow;

/**
 * What leaves the machine so that a patient can check the clinic without trusting it: the
 * patient's copy of a record version, its proof file, its printed receipt; and the checks of a
 * hash, a receipt or a copy against this ledger, which need no password.
 */
public final class ReceiptService {

    /** The largest copy a check reads: a record document is at most 1 MiB. */
    private static final long MAX_COPY_BYTES = 2L * 1024 * 1024;
    /** The most cosignature lines a receipt's checkpoint carries (see {@code docs/formats/receipt-qr.md}). */
    private static final int MAX_RECEIPT_COSIGNATURES = 8;

    private final Database database;
    private final RecordService records;
    private final ClinicService clinic;
    private final ChainProofs proofs;
    private final ChainStore chains = new ChainStore();
    private final RecordStore recordStore = new RecordStore();
    /** Only counts and reads cosignatures here; the clock it would cosign by is never used. */
    private final Witnesses witnesses = new Witnesses(Clock.systemUTC());

    ReceiptService(Database database, RecordService records, ClinicService clinic, ChainProofs proofs) {
        this.database = database;
        this.records = records;
        this.clinic = clinic;
        this.proofs = proofs;
    }

    // ---- what leaves the machine

    /** The patient's copy of a version, for someone who may open it; logged like an opening. */
    public PatientCopy copy(Session reader, RecordId recordId, Integer version) {
        return records.copy(reader, recordId, version);
    }

    /** The receipt of a version, for someone who may open it. Nothing is decrypted. */
    public Receipt receipt(Session reader, RecordId recordId, Integer version) {
        String clinicName = clinicName();
        return records.withReadableVersion(reader, recordId, version, "make a receipt",
                (work, row) -> {
                    BlockEvidence evidence = evidence(work, row);
                    return receipt(clinicName, row, evidence, cosignatureLines(work, evidence));
                });
    }

    /**
     * The proof file of a version ({@code docs/formats/proof.md}), for someone who may open it, with
     * the receipt made from the same evidence.
     */
    public ProofDocument proof(Session reader, RecordId recordId, Integer version) {
        String clinicName = clinicName();
        return records.withReadableVersion(reader, recordId, version, "make a proof", (work, row) -> {
            BlockEvidence evidence = evidence(work, row);
            return new ProofDocument(receipt(clinicName, row, evidence, cosignatureLines(work, evidence)),
                    proofFile(evidence, row));
        });
    }

    /** The proof file of version {@code row} from the evidence of its block. */
    static byte[] proofFile(BlockEvidence evidence, VersionRow row) {
        return ProofFile.encode(new RecordProof(evidence.checkpoint().signedNote(),
                List.of(evidence.verifierKey()), evidence.clinic(), evidence.clinicPublicKey(),
                evidence.nodeChain(), evidence.nodePublicKey(), evidence.nodeAuthorization(),
                evidence.block().height(), evidence.block().hash(), evidence.hashedBytes(),
                evidence.inclusionPath(), row.recordHash(), row.recordId(), row.version(), row.patient(),
                evidence.block().createdAt()));
    }

    private String clinicName() {
        return clinic.profile().map(ClinicProfile::name).orElse("");
    }

    /**
     * The receipt of {@code row}; its checkpoint's note carries the node's signature and then
     * {@code cosignatures}, the lines of the machines that cosigned that very checkpoint.
     */
    private static Receipt receipt(String clinicName, VersionRow row, BlockEvidence evidence, List<String> cosignatures) {
        Checkpoint signed = evidence.checkpoint();
        Checkpoint checkpoint = new Checkpoint(signed.origin(), signed.size(), signed.root(),
                signed.signedNote() + String.join("", cosignatures));
        return new Receipt(clinicName, evidence.clinic(), row.patient(), row.recordId(), row.version(),
                evidence.block().createdAt(), row.author(), row.recordHash(), Hex.encode(evidence.block().hash()),
                evidence.block().height(), checkpoint);
    }

    /**
     * The cosignatures of the evidence's checkpoint, at most {@value #MAX_RECEIPT_COSIGNATURES}: each
     * line adds about 150 bytes to the receipt's QR code, which must stay readable on paper.
     */
    private List<String> cosignatureLines(UnitOfWork work, BlockEvidence evidence) {
        Checkpoint checkpoint = evidence.checkpoint();
        List<String> lines = witnesses.cosignatureLines(work, evidence.block().chain(), checkpoint.size(),
                checkpoint.root());
        return lines.subList(0, Math.min(lines.size(), MAX_RECEIPT_COSIGNATURES));
    }

    /** The receipt as one page of PDF. */
    public static byte[] receiptPdf(Receipt receipt, PaperSize paper) {
        return ReceiptPdf.render(receipt, paper);
    }

    /** The receipt's page as a PNG at {@code dpi}, to preview and to print. */
    public static byte[] receiptImage(Receipt receipt, PaperSize paper, float dpi) {
        return ReceiptPdf.pageImage(receiptPdf(receipt, paper), dpi);
    }

    private BlockEvidence evidence(UnitOfWork work, VersionRow row) {
        ChainId patient = new ChainId(PartyKind.PATIENT, row.patient());
        long height = recordBlock(work, patient, row.recordHash())
                .orElseThrow(() -> new RefusedException("The patient's chain has no block for version " + row.version()
                        + " of record " + row.recordId() + "; run verify."));
        return proofs.evidence(work, patient, height);
    }

    /** The height of the record-added or record-amended block of {@code chain} naming {@code recordHash}. */
    private Optional<Long> recordBlock(UnitOfWork work, ChainId chain, String recordHash) {
        List<Long> found = new ArrayList<>();
        chains.forEachBlock(work, chain.value(), row -> {
            if (row.kind().equals(BlockKind.RECORD_ADDED.code()) || row.kind().equals(BlockKind.RECORD_AMENDED.code())) {
                try {
                    if (RecordEvents.readWritten(row.payload()).recordHash().equals(recordHash)) {
                        found.add(row.height());
                    }
                } catch (IllegalArgumentException unreadable) {
                    // verify names it; it names no record hash
                }
            }
        });
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    // ---- checks, without any password

    /**
     * Where a typed hash occurs in this ledger: as a record hash, a block hash or a checkpoint root.
     *
     * @throws InvalidInputException when the text is not 64 hex digits (spaces, dashes and case
     *     are forgiven, as receipts print hashes in groups)
     */
    public List<HashFinding> checkHash(String typed) {
        String hex = normalizedHash(typed);
        byte[] hash = Hex.decode(hex);
        return database.read("look a hash up", work -> {
            List<HashFinding> findings = new ArrayList<>();
            for (VersionRow version : recordStore.versionsWithHash(work, hex)) {
                ChainId patient = new ChainId(PartyKind.PATIENT, version.patient());
                recordBlock(work, patient, hex).flatMap(height -> chains.block(work, patient.value(), height))
                        .ifPresent(row -> findings.add(new HashFinding(HashFinding.Kind.RECORD_HASH, PartyKind.PATIENT,
                                row.height(), row.kind(), Instant.ofEpochMilli(row.createdAtMillis()))));
            }
            chains.blocksWithHash(work, hash).forEach(row -> findings.add(new HashFinding(HashFinding.Kind.BLOCK_HASH,
                    ChainId.parse(row.chain()).party(), row.height(), row.kind(),
                    Instant.ofEpochMilli(row.createdAtMillis()))));
            chains.headsWithRoot(work, hash).forEach(head -> findings.add(new HashFinding(
                    HashFinding.Kind.CHECKPOINT_ROOT, ChainId.parse(head.chain()).party(), head.size(), null,
                    Instant.ofEpochMilli(head.signedAtMillis()))));
            return findings.stream().distinct().toList();
        });
    }

    /** Checks a receipt's PDF, PNG or JPEG (its QR code) and, if given, the copy against this ledger. */
    public ReceiptVerdict checkReceipt(Path receiptFile, Path copyFile) {
        return check(ReceiptImages.read(receiptFile), copyFile == null ? null : readCopy(copyFile));
    }

    /** Checks a receipt's QR text and, if given, the copy against this ledger. */
    public ReceiptVerdict checkReceiptText(String qrText, Path copyFile) {
        return check(ReceiptCode.decode(qrText), copyFile == null ? null : readCopy(copyFile));
    }

    /** Whether a copy's SHA-256 is a typed record hash, and what that hash covers here. */
    public ReceiptVerdict checkCopy(String typedRecordHash, Path copyFile) {
        String hex = normalizedHash(typedRecordHash);
        byte[] copy = readCopy(copyFile);
        List<String> covers = checkHash(hex).stream().map(HashFinding::describe).toList();
        if (!MessageDigest.isEqual(Sha256.digest(copy), Hex.decode(hex))) {
            return new ReceiptVerdict(Outcome.DOES_NOT_MATCH, "The copy does not match: its SHA-256 is "
                    + Hex.encode(Sha256.digest(copy)) + ", not the hash you typed.", covers);
        }
        List<String> details = new ArrayList<>(covers);
        details.add(0, "The copy's SHA-256 is the hash you typed.");
        return covers.isEmpty()
                ? new ReceiptVerdict(Outcome.DOES_NOT_MATCH, "The copy has that hash, but this clinic's ledger has no "
                        + "record with it.", details)
                : new ReceiptVerdict(Outcome.MATCHES, "The copy matches a record in this clinic's ledger.", details);
    }

    private ReceiptVerdict check(ReceiptCode.Contents receipt, byte[] copy) {
        ClinicFingerprint ours = clinic.fingerprint()
                .orElseThrow(() -> new RefusedException("This clinic has not been set up, so there is nothing to check "
                        + "against."));
        TlogCheckpoint checkpoint;
        String chain;
        String text;
        SignedNote.Parsed parsed;
        try {
            parsed = SignedNote.parse(receipt.signedNote().getBytes(StandardCharsets.UTF_8));
            checkpoint = TlogCheckpoint.parse(parsed.text());
        } catch (IllegalArgumentException e) {
            return new ReceiptVerdict(Outcome.DOES_NOT_MATCH, "The receipt's checkpoint cannot be read: "
                    + e.getMessage() + ".", List.of());
        }
        try {
            chain = Checkpoints.chainOf(ours, checkpoint.origin());
            ChainId.parse(chain);
        } catch (IllegalArgumentException e) {
            return new ReceiptVerdict(Outcome.DOES_NOT_MATCH, "The receipt is not from this clinic: its checkpoint "
                    + "names " + checkpoint.origin() + ", and this clinic's fingerprint is " + ours.grouped() + ".",
                    List.of());
        }
        return database.read("check a receipt", work -> {
            if (!signedHere(work, ours, receipt.signedNote())) {
                return new ReceiptVerdict(Outcome.DOES_NOT_MATCH, "The receipt's checkpoint is not signed by any of "
                        + "this clinic's machines: it was not made here, or it was altered.", List.of());
            }
            List<String> details = new ArrayList<>();
            details.add("The checkpoint is signed by one of this clinic's machines (clinic " + ours.grouped()
                    + ") and covers the first " + checkpoint.size() + " blocks of " + chain + ".");
            CheckpointStanding standing = proofs.standing(work, chain, checkpoint.size(), checkpoint.root());
            switch (standing.verdict()) {
                case ROLLED_BACK -> {
                    return new ReceiptVerdict(Outcome.ROLLED_BACK, "This clinic's history was rolled back since this "
                            + "receipt: the chain it names has " + standing.sizeToday() + " blocks now, fewer than the "
                            + checkpoint.size() + " the receipt's checkpoint covers.", details);
                }
                case REWRITTEN -> {
                    return new ReceiptVerdict(Outcome.REWRITTEN, "This clinic's history was rewritten since this "
                            + "receipt: the first " + checkpoint.size() + " blocks of the chain it names are not the "
                            + "ones the receipt's checkpoint covers.", details);
                }
                case NO_SUCH_CHAIN -> {
                    return new ReceiptVerdict(Outcome.DOES_NOT_MATCH, "This clinic's ledger has no chain " + chain
                            + ", which the receipt names.", details);
                }
                default -> details.add(standing.headSize() > 0
                        ? "The chain today extends that checkpoint: a consistency proof leads from it to the signed head "
                                + "over " + standing.headSize() + " blocks."
                        : "The chain today still begins with the blocks that checkpoint covers.");
            }
            Witnessing witnessing = witnesses.witnessing(work, ChainId.parse(chain), checkpoint.size(),
                    checkpoint.root(), parsed);
            if (witnessing.witnessed()) {
                details.add("The checkpoint is " + witnessing.describe() + " of this clinic: a majority of its machines "
                        + "cosigned it, or a later checkpoint that extends it.");
            }
            Optional<Block> block = chains.blocksWithHash(work, Hex.decode(receipt.blockHash())).stream()
                    .filter(row -> row.chain().equals(chain) && row.height() < checkpoint.size()).findFirst()
                    .map(row -> row.toBlock());
            if (block.isEmpty()) {
                return new ReceiptVerdict(Outcome.DOES_NOT_MATCH, "The receipt does not match: the block hash it "
                        + "prints is not among the blocks its checkpoint covers.", details);
            }
            RecordEvents.Written written;
            try {
                written = RecordEvents.readWritten(block.get().payload());
            } catch (IllegalArgumentException notRecord) {
                return new ReceiptVerdict(Outcome.DOES_NOT_MATCH, "The receipt does not match: its block is not a "
                        + "record's block.", details);
            }
            if (!written.recordHash().equals(receipt.recordHash())) {
                return new ReceiptVerdict(Outcome.DOES_NOT_MATCH, "The receipt does not match: its block names another "
                        + "record hash than the one it prints.", details);
            }
            details.add("Block " + block.get().height() + " of that chain, a " + block.get().kind().code()
                    + " block dated " + UtcTime.format(block.get().createdAt()) + ", records version " + written.version()
                    + " of record " + written.recordId() + " with the printed record hash.");
            if (copy != null) {
                if (!MessageDigest.isEqual(Sha256.digest(copy), Hex.decode(receipt.recordHash()))) {
                    return new ReceiptVerdict(Outcome.DOES_NOT_MATCH, "The copy does not match the receipt: its SHA-256 "
                            + "is not the printed record hash, so it is not the record the receipt names.", details);
                }
                details.add("Your copy's SHA-256 is the printed record hash.");
            }
            return new ReceiptVerdict(Outcome.MATCHES, copy == null
                    ? "The receipt matches this clinic's ledger."
                    : "The receipt and your copy match this clinic's ledger.", details);
        });
    }

    /**
     * Whether the note carries a valid signature by one of the clinic's machines: a node key the
     * clinic key authorized, not merely one a node chain in the folder names.
     */
    private boolean signedHere(UnitOfWork work, ClinicFingerprint clinicFingerprint, String note) {
        byte[] bytes = note.getBytes(StandardCharsets.UTF_8);
        for (byte[] node : proofs.authorizedNodeKeys(work)) {
            try {
                SignedNote.open(bytes, Checkpoints.verifierKey(clinicFingerprint, node));
                return true;
            } catch (IllegalArgumentException notThisKey) {
                // try the next machine
            }
        }
        return false;
    }

    /**
     * Checks a proof file offline; with {@code against} (a folder opened read-only) it also compares
     * the chain there with the proof's checkpoint.
     *
     * @throws InvalidInputException when the file is not a proof file
     */
    public static ProofVerdict verifyProof(byte[] proofFile, byte[] copy, ClinicFingerprint trusted,
            Workspace against) {
        RecordProof proof = ProofFile.decode(proofFile);
        ProofCheck.Checked checked = ProofCheck.check(proof, copy, trusted);
        if (against == null || checked.checkpoint() == null) {
            return new ProofVerdict(checked.checks(), ProofVerdict.Standing.NOT_CHECKED);
        }
        List<ProofVerdict.Check> checks = new ArrayList<>(checked.checks());
        Optional<ClinicFingerprint> folderClinic = against.clinic().fingerprint();
        if (folderClinic.isEmpty() || !folderClinic.get().equals(proof.clinic())) {
            checks.add(new ProofVerdict.Check(false, "The data folder is not this clinic's: its fingerprint is "
                    + folderClinic.map(ClinicFingerprint::grouped).orElse("none") + "."));
            return new ProofVerdict(checks, ProofVerdict.Standing.NOT_FOUND);
        }
        TlogCheckpoint checkpoint = checked.checkpoint();
        CheckpointStanding standing = against.database().read("compare a checkpoint", work ->
                against.proofs().standing(work, checked.chain(), checkpoint.size(), checkpoint.root()));
        return switch (standing.verdict()) {
            case EXTENDS -> {
                checks.add(new ProofVerdict.Check(true, "The chain in the data folder extends the checkpoint: "
                        + standing.sizeToday() + " blocks today" + (standing.headSize() > 0 ? ", and a consistency "
                        + "proof leads from the checkpoint to its signed head over " + standing.headSize() + " blocks."
                        : ".")));
                yield new ProofVerdict(checks, ProofVerdict.Standing.EXTENDS);
            }
            case ROLLED_BACK -> {
                checks.add(new ProofVerdict.Check(false, "Rolled back: the chain in the data folder has "
                        + standing.sizeToday() + " blocks, fewer than the checkpoint's " + checkpoint.size() + "."));
                yield new ProofVerdict(checks, ProofVerdict.Standing.ROLLED_BACK);
            }
            case REWRITTEN -> {
                checks.add(new ProofVerdict.Check(false, "Rewritten: the first " + checkpoint.size() + " blocks of the "
                        + "chain in the data folder are not the ones the checkpoint covers."));
                yield new ProofVerdict(checks, ProofVerdict.Standing.REWRITTEN);
            }
            case NO_SUCH_CHAIN -> {
                checks.add(new ProofVerdict.Check(false, "The data folder has no chain " + checked.chain() + "."));
                yield new ProofVerdict(checks, ProofVerdict.Standing.NOT_FOUND);
            }
        };
    }

    /** A typed hash: 64 hex digits, with spaces, dashes and case forgiven. */
    static String normalizedHash(String typed) {
        String hex = typed == null ? "" : typed.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new InvalidInputException("A hash is 64 hexadecimal digits (0–9 and a–f), as the receipt prints "
                    + "them; what was given is not one.");
        }
        return hex;
    }

    private static byte[] readCopy(Path file) {
        try {
            if (Files.size(file) > MAX_COPY_BYTES) {
                throw new InvalidInputException("The copy is larger than any record document: " + file.getFileName()
                        + " is not a patient's copy.");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidInputException("The copy " + file.getFileName() + " cannot be read.");
        }
    }
}
