package org.clinicledger.clinic;

import java.util.List;
import java.util.stream.Collectors;

import org.clinicledger.domain.RefusedException;
import org.clinicledger.exchange.ChainMerge;

/**
 * An import refused because both machines appended to the same chains: the message names each
 * chain, the first block where the two differ and both blocks' hashes, and any machine that signed
 * both branches (equivocation). Nothing was changed.
 */
public final class ImportConflictException extends RefusedException {

    private static final long serialVersionUID = 1L;
    private static final int SHOWN = 5;

    private final transient List<ChainMerge.Conflict> conflicts;

    ImportConflictException(List<ChainMerge.Conflict> conflicts) {
        super(message(conflicts));
        this.conflicts = List.copyOf(conflicts);
    }

    private static String message(List<ChainMerge.Conflict> conflicts) {
        boolean equivocation = conflicts.stream().anyMatch(conflict -> !conflict.equivocators().isEmpty());
        String shown = conflicts.stream().limit(SHOWN).map(ChainMerge.Conflict::describe)
                .collect(Collectors.joining("; "));
        return (equivocation ? "Equivocation: a machine signed two different histories of the same chain. " : "")
                + "Both machines added to the same chain" + (conflicts.size() == 1 ? "" : "s") + ", so nothing was "
                + "imported: " + shown + (conflicts.size() > SHOWN ? "; and " + (conflicts.size() - SHOWN) + " more" : "")
                + ". Import the other way first or keep the two folders apart.";
    }

    public List<ChainMerge.Conflict> conflicts() {
        return conflicts;
    }
}
