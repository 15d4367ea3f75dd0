package org.clinicledger.ledger;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.clinicledger.crypto.Cosignature;
import org.clinicledger.domain.ClinicFingerprint;
import org.clinicledger.domain.ProblemCode;
import org.clinicledger.domain.UnitOfWork;
import org.clinicledger.domain.VerificationProblem;
import org.clinicledger.store.ChainStore;
import org.clinicledger.store.HeadRow;
import org.clinicledger.store.WitnessStore;
import org.clinicledger.store.WitnessStore.CosignatureRow;

/**
 * Checks every column of {@code cosignatures}: the witness is one of the clinic's registered
 * machines, its node key authorized the witness key, the cosigned checkpoint is a signed head of
 * the chain (the same size and root), and the cosignature's signature verifies over that
 * checkpoint at its time. A row that fails any of these is a {@code cosignature} problem, and
 * {@link Witnesses} does not count it.
 */
final class CosignatureVerifier {

    private CosignatureVerifier() {
    }

    /** The problems of every cosignature in the folder. */
    static List<VerificationProblem> verify(ChainStore chains, WitnessStore store, UnitOfWork work,
            ClinicMachines machines) {
        List<VerificationProblem> problems = new ArrayList<>();
        for (CosignatureRow row : store.all(work)) {
            Optional<HeadRow> head = row.size() > 0 ? chains.head(work, row.chain(), row.size()) : Optional.empty();
            refusal(row, machines, head).ifPresent(reason -> problems.add(new VerificationProblem(row.chain(),
                    Math.max(0, row.size() - 1), ProblemCode.COSIGNATURE, "the cosignature by machine "
                            + row.witnessNodeKeyId() + " of the checkpoint over " + row.size() + " blocks: " + reason)));
        }
        return problems;
    }

    /** Why {@code row} is not a valid cosignature of the signed head {@code head} (of its size); empty when it is. */
    static Optional<String> refusal(CosignatureRow row, ClinicMachines machines, Optional<HeadRow> head) {
        if (machines.clinic().isEmpty()) {
            return Optional.of("the ledger has no clinic key to tell its machines by");
        }
        ClinicFingerprint clinic = machines.clinic().get();
        Optional<byte[]> node = machines.key(row.witnessNodeKeyId());
        if (node.isEmpty()) {
            return Optional.of("node key " + row.witnessNodeKeyId() + " is not one of the clinic's registered machines");
        }
        if (!WitnessKey.authorizes(node.get(), row.witnessPublicKey(), row.witnessAuthorization())) {
            return Optional.of("the machine's node key did not authorize this witness key");
        }
        if (head.isEmpty()) {
            return Optional.of("the chain has no signed head over " + row.size() + " blocks to cosign");
        }
        if (!MessageDigest.isEqual(head.get().root(), row.root())) {
            return Optional.of("it cosigns another root than the signed head's over " + row.size() + " blocks");
        }
        try {
            Cosignature.Timestamped cosignature = new Cosignature.Timestamped(row.cosignedAt(), row.signature());
            String text = Checkpoints.body(clinic, head.get()).text();
            Cosignature.VerifierKey key = Checkpoints.witnessKey(clinic, row.witnessNodeKeyId(), row.witnessPublicKey());
            return Cosignature.verifies(key, text, cosignature) ? Optional.empty()
                    : Optional.of("its signature does not verify");
        } catch (IllegalArgumentException malformed) {
            return Optional.of("it is not a cosignature (" + malformed.getMessage() + ")");
        }
    }
}
