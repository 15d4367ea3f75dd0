package org.clinicledger.exchange;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.clinicledger.crypto.Hex;
import org.clinicledger.crypto.MerkleTree;
import org.clinicledger.crypto.Sha256;
import org.clinicledger.crypto.SignedNote;
import org.clinicledger.crypto.TlogCheckpoint;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ClinicFingerprint;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.UtcTime;
import org.clinicledger.domain.ProofVerdict.Check;
import org.clinicledger.ledger.ChainProofs;
import org.clinicledger.ledger.Checkpoints;
import org.clinicledger.ledger.ClinicRoot;
import org.clinicledger.ledger.RecordEvents;

/**
 * Checks a proof file with nothing but the file (and, if given, the patient's copy and the
 * clinic's fingerprint the checker trusts): every step of {@code docs/formats/proof.md}, each as
 * one sentence that holds or does not. Stops at the first step that fails where later steps
 * would only repeat it.
 */
public final class ProofCheck {

    private ProofCheck() {
    }

    /** The parsed checkpoint of a proof whose signature checks held, for comparing with a folder. */
    public record Checked(List<Check> checks, TlogCheckpoint checkpoint, String chain) {
        public Checked {
            checks = List.copyOf(checks);
        }

        public boolean holds() {
            return checks.stream().allMatch(Check::holds);
        }
    }

    /**
     * Checks {@code proof}; {@code copy} and {@code trusted} may be null.
     */
    public static Checked check(RecordProof proof, byte[] copy, ClinicFingerprint trusted) {
        List<Check> checks = new ArrayList<>();
        // 1. The clinic key is the one the fingerprint names, and it authorized the node key.
        boolean clinicKey = proof.clinicPublicKey().length == 32
                && ClinicRoot.fingerprint(proof.clinicPublicKey()).equals(proof.clinic());
        checks.add(new Check(clinicKey, clinicKey ? "The clinic key in the proof has the fingerprint "
                + proof.clinic().grouped() + "." : "The clinic key in the proof does not have the fingerprint it claims."));
        if (trusted != null) {
            boolean same = trusted.equals(proof.clinic());
            checks.add(new Check(same, same ? "That is the clinic fingerprint you gave."
                    : "That is not the clinic fingerprint you gave (" + trusted.grouped() + ")."));
        }
        boolean authorized = clinicKey && proof.nodePublicKey().length == 32 && proof.nodeAuthorization().length == 64
                && ChainProofs.authorizes(proof.clinicPublicKey(), proof.nodeChain(), proof.nodePublicKey(),
                        proof.nodeAuthorization());
        checks.add(new Check(authorized, authorized ? "The clinic key authorized the machine key that signed the checkpoint."
                : "The clinic key did not authorize the machine key in the proof."));
        if (!authorized) {
            return new Checked(checks, null, null);
        }
        // 2. The checkpoint is signed by that node key, under the clinic's key name.
        SignedNote.VerifierKey key = Checkpoints.verifierKey(proof.clinic(), proof.nodePublicKey());
        TlogCheckpoint checkpoint;
        String chain;
        try {
            String text = SignedNote.open(proof.checkpoint().getBytes(StandardCharsets.UTF_8), key);
            checkpoint = TlogCheckpoint.parse(text);
            chain = Checkpoints.chainOf(proof.clinic(), checkpoint.origin());
        } catch (IllegalArgumentException e) {
            checks.add(new Check(false, "The checkpoint does not verify: " + e.getMessage() + "."));
            return new Checked(checks, null, null);
        }
        boolean listed = proof.verifierKeys().contains(key.encoded());
        checks.add(new Check(listed, listed ? "The checkpoint is signed by " + key.encoded() + ", for "
                + checkpoint.origin() + " at size " + checkpoint.size() + "."
                : "The checkpoint's signing key is not among the proof's verifier keys."));
        // 3. The block is the one the hash names, on that chain, at the leaf index, naming the record.
        boolean hashed = MessageDigest.isEqual(Sha256.digest(proof.blockBytes()), proof.blockHash());
        checks.add(new Check(hashed, hashed ? "The block bytes hash to the block hash."
                : "The block bytes do not hash to the block hash."));
        checks.add(blockNamesRecord(proof, chain));
        // 4. The block is in the tree the checkpoint's root commits to.
        boolean included = proof.leafIndex() < checkpoint.size() && MerkleTree.verifyInclusion(
                MerkleTree.leafHash(proof.blockHash()), proof.leafIndex(), checkpoint.size(), proof.inclusionProof(),
                checkpoint.root());
        checks.add(new Check(included, included ? "The inclusion proof leads from block " + proof.leafIndex()
                + " to the checkpoint's root." : "The inclusion proof does not lead from block " + proof.leafIndex()
                + " to the checkpoint's root."));
        // 5. The copy is the record.
        if (copy != null) {
            boolean same = MessageDigest.isEqual(Sha256.digest(copy), Hex.decode(proof.recordHash()));
            checks.add(new Check(same, same ? "The copy's SHA-256 is the record hash."
                    : "The copy's SHA-256 is not the record hash: it is not the record this proof names."));
        }
        return new Checked(checks, checkpoint, chain);
    }

    private static Check blockNamesRecord(RecordProof proof, String chain) {
        ChainProofs.HashedBlock block;
        RecordEvents.Written written;
        try {
            block = ChainProofs.readHashedBlock(proof.blockBytes());
            written = RecordEvents.readWritten(block.payload());
        } catch (IllegalArgumentException e) {
            return new Check(false, "The block is not a record block: " + e.getMessage() + ".");
        }
        List<String> wrong = new ArrayList<>();
        if (!block.chain().equals(chain)) {
            wrong.add("it is on " + block.chain() + ", not the checkpoint's chain");
        }
        if (block.height() != proof.leafIndex()) {
            wrong.add("it is block " + block.height() + ", not " + proof.leafIndex());
        }
        if (!block.kind().equals(BlockKind.RECORD_ADDED.code()) && !block.kind().equals(BlockKind.RECORD_AMENDED.code())) {
            wrong.add("it is a " + block.kind() + " block");
        }
        if (!written.recordHash().equals(proof.recordHash())) {
            wrong.add("it names another record hash");
        }
        if (!written.recordId().equals(proof.recordId()) || written.version() != proof.version()) {
            wrong.add("it names record " + written.recordId() + " version " + written.version());
        }
        if (!Instant.ofEpochMilli(block.createdAtMillis()).equals(proof.recordedAt())) {
            wrong.add("it is dated " + UtcTime.format(Instant.ofEpochMilli(block.createdAtMillis())));
        }
        if (!chain.equals(PartyKind.PATIENT.code() + "/" + proof.patientMrn())) {
            wrong.add("the chain is not patient " + proof.patientMrn() + "'s");
        }
        return wrong.isEmpty()
                ? new Check(true, "The block is record " + proof.recordId() + " version " + proof.version()
                        + " on patient " + proof.patientMrn() + "'s chain, dated " + UtcTime.format(proof.recordedAt())
                        + ", and names the record hash.")
                : new Check(false, "The block does not say what the proof says: " + String.join("; ", wrong) + ".");
    }
}
