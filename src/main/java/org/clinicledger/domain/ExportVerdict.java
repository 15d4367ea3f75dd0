package org.clinicledger.domain;

import java.time.Instant;
import java.util.List;

/**
 * What checking an export file found, with no data folder and no password: what the file says it
 * is (clinic, machine, scope, who and when), what it holds, and every problem. Intact only when
 * the file is whole, its signature is by a machine the clinic key vouches for, and every block,
 * head, row and file checks.
 */
public record ExportVerdict(String clinic, String node, String scope, String subject, String exportedBy,
        Instant createdAt, long chains, long blocks, long rows, long files, long bytes,
        List<VerificationProblem> problems) {

    public ExportVerdict {
        problems = List.copyOf(problems);
    }

    public boolean intact() {
        return problems.stream().noneMatch(problem -> problem.code().tampering());
    }

    private static String grouped(String fingerprint) {
        try {
            return new ClinicFingerprint(fingerprint).grouped();
        } catch (IllegalArgumentException notAFingerprint) {
            return fingerprint;
        }
    }

    public String headline() {
        return intact()
                ? "Intact: this export of " + scope + (subject.isEmpty() ? "" : " " + subject) + " by " + exportedBy
                        + " holds " + chains + " chains and " + blocks + " blocks that verify under clinic key "
                        + grouped(clinic) + "."
                : "Failed: " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                        + " found in this export.";
    }
}
