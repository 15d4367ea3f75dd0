package org.clinicledger.domain;

import java.util.List;

/** The outcome of verifying a data folder: how much was checked and every problem found. */
public record VerificationReport(int chains, long blocks, List<VerificationProblem> problems) {

    public VerificationReport {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
