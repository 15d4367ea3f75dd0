package org.clinicledger.clinic;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.UnitOfWork;
import org.clinicledger.domain.VerificationProblem;
import org.clinicledger.domain.Witnessing;
import org.clinicledger.domain.WitnessingSummary;
import org.clinicledger.ledger.SigningKey;
import org.clinicledger.ledger.Witnesses;
import org.clinicledger.store.ChainStore;
import org.clinicledger.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This machine as a witness of the clinic's chains ({@link Witnesses}, {@code docs/decisions/0024}):
 * it cosigns checkpoints with the witness key its node key vouches for, and says how many machines
 * stand behind each chain's newest checkpoint. A folder this machine's memory finds rolled back or
 * rewritten is not cosigned at all: a witness cosigns only what extends what it has seen.
 */
public final class WitnessService {

    private static final Logger LOG = LoggerFactory.getLogger(WitnessService.class);

    private final Database database;
    private final Witnesses witnesses;
    private final SigningKey nodeKey;
    private final Supplier<List<VerificationProblem>> rollbackFindings;

    WitnessService(Database database, Witnesses witnesses, SigningKey nodeKey,
            Supplier<List<VerificationProblem>> rollbackFindings) {
        this.database = database;
        this.witnesses = witnesses;
        this.nodeKey = nodeKey;
        this.rollbackFindings = rollbackFindings;
    }

    /**
     * Cosigns the newest checkpoint of each chain inside the caller's write (an import, after its
     * merge), with this machine's witness key. Checkpoints that conflict with what this machine
     * cosigned before are refused one by one, logged and returned, never cosigned.
     *
     * @throws RefusedException when this copy has no node key, its node key is not one of the
     *     clinic's machines, or this machine's memory finds the folder rolled back or rewritten
     */
    public List<Witnesses.Cosigning> cosignAll(UnitOfWork work, Collection<ChainId> chains) {
        if (nodeKey == null) {
            throw new RefusedException("This computer has no node key for this data folder, so it cannot witness "
                    + "the clinic's checkpoints.");
        }
        if (!rollbackFindings.get().isEmpty()) {
            throw new RefusedException("This computer's memory finds the data folder rolled back or rewritten, so it "
                    + "cosigns none of its checkpoints; 'clinicledger verify' names what differs.");
        }
        List<Witnesses.Cosigning> done = witnesses.cosignAll(work, nodeKey, chains);
        done.stream().filter(Witnesses.Cosigning::refused)
                .forEach(refused -> LOG.warn("Witness refusal on {}: {}", refused.chain(), refused.reason()));
        return done;
    }

    /** {@link #cosignAll(UnitOfWork, Collection)} of every chain, in a write of its own. */
    public List<Witnesses.Cosigning> cosignEveryChain() {
        return database.write("cosign the chains' checkpoints", work -> {
            List<ChainId> chains = new ArrayList<>();
            for (String chain : new ChainStore().chainIdsWithHeads(work)) {
                try {
                    chains.add(ChainId.parse(chain));
                } catch (IllegalArgumentException malformed) {
                    // Not a chain the ledger writes: verify names it, and nobody cosigns it.
                }
            }
            return cosignAll(work, chains);
        });
    }

    /** How many machines stand behind the newest checkpoint of {@code chain}. */
    public Witnessing witnessing(ChainId chain) {
        return database.read("count the witnesses of " + chain, work -> witnesses.witnessing(work, chain));
    }

    /** The newest checkpoint of every chain and how many machines stand behind each; needs no key. */
    public WitnessingSummary summary() {
        return database.read("count the witnesses", work -> {
            List<Witnessing> all = witnesses.newestOfEveryChain(work);
            int machines = all.isEmpty() ? witnesses.machines(work) : all.get(0).machines();
            return new WitnessingSummary(machines, all);
        });
    }
}
