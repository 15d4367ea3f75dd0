package org.clinicledger.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of verifying a data folder: the clinic key it is anchored to (null when it has none
 * to anchor to), how much was checked (chains, blocks and signed heads, each block and head with
 * one signature) and every problem found.
 */
public record VerificationReport(ClinicFingerprint clinicKey, int chains, long blocks, long signedHeads,
        List<VerificationProblem> problems) {

    public VerificationReport {
        problems = List.copyOf(problems);
    }

    /** This report with {@code more} problems added (such as what this machine's memory of the chains found). */
    public VerificationReport with(List<VerificationProblem> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<VerificationProblem> all = new ArrayList<>(problems);
        all.addAll(more);
        return new VerificationReport(clinicKey, chains, blocks, signedHeads, all);
    }

    /** Intact: no problem says something was changed; upkeep that is due ({@link ProblemCode#tampering()}) does not count. */
    public boolean ok() {
        return changes().isEmpty();
    }

    /** The problems that say something was changed, leaving out upkeep that is due. */
    public List<VerificationProblem> changes() {
        return problems.stream().filter(problem -> problem.code().tampering()).toList();
    }
}
