package org.clinicledger.clinic;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.clinicledger.crypto.Hex;
import org.clinicledger.domain.Block;
import org.clinicledger.domain.BlockFacts;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainEntry;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.ChainLine;
import org.clinicledger.domain.DirectoryMatch;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.RecordSummary;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.UnitOfWork;
import org.clinicledger.ledger.AccessEvents;
import org.clinicledger.ledger.RecordEvents;
import org.clinicledger.store.ChainStore.AuthorKeyRow;
import org.clinicledger.store.ChainStore;
import org.clinicledger.store.Database;

/**
 * A person's own chain, block by block, as the Doctor and Patient tabs show it: each block's
 * height, time, kind, the other party, who signed it, the record it names (or, for an emergency
 * access, who confirmed it) and its hash. {@link #ownChain} reads the blocks only: it checks nothing
 * (verification does) and writes nothing. {@link #readableChain} reads them as the paper's table
 * does, with names and diagnoses, and so logs the diagnoses it reads as {@link RecordService#listChart}
 * does (decision 0029).
 */
public final class ChainBrowser {

    private final Database database;
    private final ChainStore chains;
    private final Clock clock;

    private final RecordService records;
    private final AccountService accounts;
    private final RegistrationService registrations;

    ChainBrowser(Database database, ChainStore chains, Clock clock, RecordService records, AccountService accounts,
            RegistrationService registrations) {
        this.database = database;
        this.chains = chains;
        this.clock = clock;
        this.records = records;
        this.accounts = accounts;
        this.registrations = registrations;
    }

    /**
     * The block at {@code height} of {@code chain} as stored, for anyone (the Ledger page shows the
     * block a verification problem names); empty when there is no such block.
     */
    public Optional<BlockFacts> block(String chain, long height) {
        return database.read("read block " + height + " of " + chain, work -> chains.block(work, chain, height))
                .map(row -> new BlockFacts(row.chain(), row.height(), Instant.ofEpochMilli(row.createdAtMillis()),
                        row.kind(), row.authorKeyId(),
                        row.counterpartChain() == null ? null : row.counterpartChain() + "#" + row.counterpartHeight(),
                        row.previousHash() == null ? "" : Hex.encode(row.previousHash()),
                        row.hash() == null ? "" : Hex.encode(row.hash()),
                        row.payload() == null ? 0 : row.payload().length));
    }

    /** The blocks of the signed-in person's own chain, oldest first. */
    public List<ChainEntry> ownChain(Session session) {
        session.use(clock.instant());
        ChainId chain = session.chain();
        List<ChainEntry> entries = new ArrayList<>();
        Map<String, Optional<ChainId>> signers = new HashMap<>();
        return database.read("read the chain " + chain, work -> {
            chains.forEachBlock(work, chain.value(), row -> {
                Block block;
                try {
                    block = row.toBlock();
                } catch (IllegalArgumentException e) {
                    // A row no valid block could hold: verification reports it; the list leaves it out.
                    return;
                }
                ChainId actor = signers.computeIfAbsent(block.authorKeyId(), keyId -> signer(work, keyId))
                        .orElse(null);
                entries.add(entry(block, actor));
            });
            return entries;
        });
    }

    /**
     * The signed-in person's own chain as the paper's table reads it, oldest first: each block with
     * the other party, the signer and the confirmer by name where the reader may know them (staff
     * read the directory; a patient knows no names), and, for a block naming a record, which of the
     * patient's records it is and, when the patient's chain lets the reader read that version now,
     * its diagnosis (ICD-10 code and title, words, how many files). Reading a diagnosis is reading
     * the record: each version read is logged as {@link RecordService#listChart} logs it, once per
     * version per session. One read of the blocks, one write for the records (each version
     * decrypted at most once), one read of the names.
     */
    public List<ChainLine> readableChain(Session session) {
        List<ChainEntry> entries = ownChain(session);
        Set<String> patients = new HashSet<>();
        Set<String> versions = new HashSet<>();
        Set<ChainId> parties = new HashSet<>();
        for (ChainEntry entry : entries) {
            addParty(parties, entry.counterpart());
            addParty(parties, entry.actor());
            if (entry.confirmedBy() != null) {
                addParty(parties, entry.confirmedBy().administrator());
            }
            if (entry.recordId() != null) {
                patientOf(entry).ifPresent(patients::add);
                versions.add(entry.recordId() + "/" + entry.recordVersion());
            }
        }
        Map<String, RecordService.ChainRecord> named = Map.of();
        if (!patients.isEmpty()) {
            RecordService.ChainRecords found = records.chainRecords(session, patients, versions);
            named = found.byRecord();
            if (found.logged()) {
                // The readings just logged are blocks of this chain too; they name versions read above.
                entries = ownChain(session);
            }
        }
        Map<ChainId, String> names = names(session, parties);
        Icd10Catalog catalog = named.values().stream().anyMatch(record -> !record.diagnoses().isEmpty())
                ? Icd10Catalog.standard() : null;
        List<ChainLine> lines = new ArrayList<>(entries.size());
        for (ChainEntry entry : entries) {
            ChainLine.Ehr ehr = null;
            RecordService.ChainRecord record = entry.recordId() == null ? null : named.get(entry.recordId());
            if (record != null) {
                RecordSummary.Diagnosis diagnosis = record.diagnoses().get(entry.recordVersion());
                String title = diagnosis == null || diagnosis.icd10() == null ? null
                        : catalog.find(diagnosis.icd10().value()).map(Icd10Catalog.Entry::title).orElse(null);
                ehr = new ChainLine.Ehr(record.patient(), names.get(new ChainId(PartyKind.PATIENT, record.patient())),
                        record.number(), entry.recordVersion(), entry.attachment(), record.deleted(), diagnosis, title);
            }
            lines.add(new ChainLine(entry, names.get(entry.counterpart()), names.get(entry.actor()),
                    entry.confirmedBy() == null ? null : names.get(entry.confirmedBy().administrator()), ehr));
        }
        return lines;
    }

    private static void addParty(Set<ChainId> parties, ChainId party) {
        if (party != null) {
            parties.add(party);
        }
    }

    /** The patient whose record a block names: the other party, or the chain's owner on a patient's chain. */
    private static Optional<String> patientOf(ChainEntry entry) {
        if (entry.chain().party() == PartyKind.PATIENT) {
            return Optional.of(entry.chain().subject());
        }
        return entry.counterpart() != null && entry.counterpart().party() == PartyKind.PATIENT
                ? Optional.of(entry.counterpart().subject()) : Optional.empty();
    }

    /**
     * The names the reader may know of {@code parties}: staff read doctors' and staff's names and
     * patients' names from the directory (the session's decrypted copy, read once); a patient holds
     * no directory key and knows none. A directory entry that cannot be opened leaves that name out.
     */
    private Map<ChainId, String> names(Session reader, Set<ChainId> parties) {
        Map<ChainId, String> names = new HashMap<>();
        if (!reader.hasDirectoryAccess()) {
            return names;
        }
        if (parties.stream().anyMatch(party -> party.party() == PartyKind.PATIENT)) {
            for (DirectoryMatch match : registrations.directorySearch(reader, "")) {
                ChainId patient = new ChainId(PartyKind.PATIENT, match.patient().mrn().digits());
                if (parties.contains(patient)) {
                    names.put(patient, match.patient().name());
                }
            }
        }
        for (ChainId party : parties) {
            if (party.party() == PartyKind.DOCTOR || party.party() == PartyKind.STAFF) {
                try {
                    String name = accounts.details(reader, party.subject()).name();
                    if (name != null) {
                        names.put(party, name);
                    }
                } catch (RefusedException damaged) {
                    // Shown by its id; verification and the directory itself say what is wrong.
                }
            }
        }
        return names;
    }

    private Optional<ChainId> signer(UnitOfWork work, String keyId) {
        return chains.authorKey(work, keyId).map(AuthorKeyRow::chain).flatMap(ChainBrowser::chainId);
    }

    private static Optional<ChainId> chainId(String value) {
        try {
            return Optional.of(ChainId.parse(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static ChainEntry entry(Block block, ChainId actor) {
        String recordId = null;
        int version = 0;
        Integer attachment = null;
        ChainEntry.Confirmer confirmedBy = null;
        try {
            if (block.kind() == BlockKind.RECORD_ADDED || block.kind() == BlockKind.RECORD_AMENDED) {
                RecordEvents.Written written = RecordEvents.readWritten(block.payload());
                recordId = written.recordId();
                version = written.version();
            } else if (block.kind() == BlockKind.RECORD_DELETED) {
                recordId = RecordEvents.readDeleted(block.payload()).recordId();
            } else if (block.kind() == BlockKind.RECORD_VIEWED) {
                RecordEvents.Viewed viewed = RecordEvents.readViewed(block.payload());
                recordId = viewed.recordId();
                version = viewed.version();
                attachment = viewed.attachment();
            } else if (block.kind() == BlockKind.EMERGENCY_ACCESS) {
                confirmedBy = AccessEvents.confirmedBy(block.payload()).map(ChainEntry.Confirmer::new)
                        .orElse(ChainEntry.Confirmer.RECOVERY_SHEET);
            }
        } catch (IllegalArgumentException e) {
            // A payload that is not what its kind says: shown without a record; verification reports it.
            recordId = null;
            confirmedBy = null;
        }
        return new ChainEntry(block.chain(), block.height(), block.createdAt(), block.kind(),
                block.counterpart() == null ? null : block.counterpart().chain(), actor, recordId, version, attachment,
                Hex.encode(block.hash()), confirmedBy);
    }
}
