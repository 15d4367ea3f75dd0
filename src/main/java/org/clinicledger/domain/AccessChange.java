package org.clinicledger.domain;

import java.util.List;
import java.util.Objects;

/**
 * What a change of access wrote.
 *
 * @param patient the patient's MRN digits
 * @param principal whom the change is about (a chain id: the doctor granted, revoked or referred to;
 *     the administrator for an emergency access)
 * @param blockHashes the hashes (hex) of the blocks written, in order: for each event the actor's
 *     block first (for a grant or revocation, the patient's)
 * @param keyCopies how many wrapped keys were added (grant, referral) or destroyed (revocation)
 * @param reasonHash the SHA-256 (hex) of the sealed reason the blocks commit to, or null
 */
public record AccessChange(String patient, String principal, List<String> blockHashes, int keyCopies,
        String reasonHash) {

    public AccessChange {
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(principal, "principal");
        blockHashes = List.copyOf(blockHashes);
    }
}
