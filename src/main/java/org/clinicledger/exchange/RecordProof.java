package org.clinicledger.exchange;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.clinicledger.domain.ClinicFingerprint;

/**
 * The contents of a proof file ({@code clinicledger-proof/1}, see {@code docs/formats/proof.md}):
 * that one record version's block was in its patient's chain at a signed checkpoint, with what
 * authorizes the checkpoint's key under the clinic key.
 *
 * @param checkpoint the whole C2SP signed note, exactly as signed
 * @param verifierKeys the C2SP verifier keys whose signatures the note carries
 * @param clinicPublicKey the clinic key, whose fingerprint is {@code clinic}
 * @param nodeChain the node key's chain, {@code node/<key id>}
 * @param nodeAuthorization the clinic key's signature authorizing the node key
 * @param blockBytes the exact bytes whose SHA-256 is {@code blockHash}
 * @param inclusionProof the RFC 9162 inclusion path from the block's leaf to the checkpoint's root
 */
public record RecordProof(String checkpoint, List<String> verifierKeys, ClinicFingerprint clinic,
        byte[] clinicPublicKey, String nodeChain, byte[] nodePublicKey, byte[] nodeAuthorization, long leafIndex,
        byte[] blockHash, byte[] blockBytes, List<byte[]> inclusionProof, String recordHash, String recordId,
        int version, String patientMrn, Instant recordedAt) {

    public RecordProof {
        Objects.requireNonNull(checkpoint, "checkpoint");
        verifierKeys = List.copyOf(verifierKeys);
        Objects.requireNonNull(clinic, "clinic");
        inclusionProof = List.copyOf(inclusionProof);
        Objects.requireNonNull(recordHash, "recordHash");
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(patientMrn, "patientMrn");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
