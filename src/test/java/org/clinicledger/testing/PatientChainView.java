package org.clinicledger.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.clinicledger.domain.AccessEvent;
import org.clinicledger.domain.AccessPolicy;
import org.clinicledger.domain.AccessPolicy.Reason;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;
import org.clinicledger.ledger.AccessEvents;
import org.clinicledger.ledger.RecordEvents;

/**
 * A patient's chain read behind the application's back, with the height of every block: the access
 * events (as the application decodes and checks them, paired with the heights of their blocks) and
 * the height of the block recording each record version. What lets a test ask who the chain
 * admitted just below a given block, which a list of events without heights cannot say.
 */
public final class PatientChainView {

    /** An access event and the height of its block on the patient's chain. */
    public record PlacedEvent(long height, AccessEvent event) {
    }

    /** Where a record version's block is on the patient's chain, and when it was made. */
    public record PlacedRecord(long height, Instant at) {
    }

    private final String patient;
    private final List<PlacedEvent> events;
    private final Map<String, PlacedRecord> records;
    private final Map<String, String> authors;

    private PatientChainView(String patient, List<PlacedEvent> events, Map<String, PlacedRecord> records,
            Map<String, String> authors) {
        this.patient = patient;
        this.events = events;
        this.records = records;
        this.authors = authors;
    }

    /**
     * Reads the chain {@code patient} from {@code tables}, pairing the access blocks with
     * {@code checkedEvents}, the events the application decoded from the same chain (in chain order).
     */
    public static PatientChainView read(RawTables tables, ChainId patient, List<AccessEvent> checkedEvents)
            throws SQLException {
        List<Long> accessHeights = new ArrayList<>();
        Map<String, PlacedRecord> records = new LinkedHashMap<>();
        try (Connection connection = tables.connect(); PreparedStatement query = connection.prepareStatement(
                "SELECT height, kind, created_at, payload FROM blocks WHERE chain_id = ? ORDER BY height")) {
            query.setString(1, patient.value());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    long height = rows.getLong(1);
                    BlockKind kind = BlockKind.fromCode(rows.getString(2));
                    if (AccessEvents.isAccessKind(kind)) {
                        accessHeights.add(height);
                    } else if (kind == BlockKind.RECORD_ADDED || kind == BlockKind.RECORD_AMENDED) {
                        RecordEvents.Written written = RecordEvents.readWritten(rows.getBytes(4));
                        records.put(key(written.recordId(), written.version()),
                                new PlacedRecord(height, Instant.ofEpochMilli(rows.getLong(3))));
                    }
                }
            }
        }
        if (accessHeights.size() != checkedEvents.size()) {
            throw new AssertionError(patient + " has " + accessHeights.size() + " access blocks but "
                    + checkedEvents.size() + " access events were decoded from it");
        }
        List<PlacedEvent> events = new ArrayList<>();
        for (int i = 0; i < accessHeights.size(); i++) {
            events.add(new PlacedEvent(accessHeights.get(i), checkedEvents.get(i)));
        }
        Map<String, String> authors = new HashMap<>();
        try (Connection connection = tables.connect(); PreparedStatement query = connection.prepareStatement(
                "SELECT record_id, version, author FROM record_versions WHERE patient = ?")) {
            query.setString(1, patient.subject());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    authors.put(key(rows.getString(1), rows.getInt(2)), rows.getString(3));
                }
            }
        }
        return new PatientChainView(patient.value(), List.copyOf(events), records, authors);
    }

    public List<PlacedEvent> events() {
        return events;
    }

    /** Where the block of a record version is, or null when the chain has none. */
    public PlacedRecord record(String recordId, int version) {
        return records.get(key(recordId, version));
    }

    /** The height of the newest access block of {@code kind} about {@code subject}, or -1. */
    public long lastEventHeight(AccessEvent.Kind kind, String subject) {
        long height = -1;
        for (PlacedEvent placed : events) {
            if (placed.event().kind() == kind && placed.event().subject().equals(subject)) {
                height = placed.height();
            }
        }
        return height;
    }

    /**
     * The doctors the chain admitted by grant or referral just before the block at {@code height}:
     * the policy evaluated over the access events of the blocks below it only, at the later of
     * {@code at} and the newest of those events (the heights decide the order, not the clocks).
     */
    public Set<String> grantedReadersBelow(long height, Instant at) {
        List<AccessEvent> below = new ArrayList<>();
        Instant now = at;
        for (PlacedEvent placed : events) {
            if (placed.height() < height) {
                below.add(placed.event());
                if (placed.event().at().isAfter(now)) {
                    now = placed.event().at();
                }
            }
        }
        return granted(AccessPolicy.evaluate(patient, below, now).readers());
    }

    /** The doctors the chain admits by grant or referral after all its blocks, at {@code now}. */
    public Set<String> grantedReadersNow(Instant now) {
        Instant at = now;
        for (PlacedEvent placed : events) {
            if (placed.event().at().isAfter(at)) {
                at = placed.event().at();
            }
        }
        return granted(AccessPolicy.evaluate(patient, events.stream().map(PlacedEvent::event).toList(), at)
                .readers());
    }

    /** Whether a block above {@code height} grants {@code principal} access or refers the patient to them. */
    public boolean grantedAbove(long height, String principal) {
        return events.stream().anyMatch(placed -> placed.height() > height
                && (placed.event().kind() == AccessEvent.Kind.GRANT || placed.event().kind() == AccessEvent.Kind.REFERRAL)
                && placed.event().subject().equals(principal));
    }

    /** The author (username) of a record version per the record rows, or null. */
    public String author(String recordId, int version) {
        return authors.get(key(recordId, version));
    }

    private static Set<String> granted(Map<String, Reason> readers) {
        Set<String> granted = new HashSet<>();
        readers.forEach((principal, reason) -> {
            if (reason == Reason.GRANT || reason == Reason.REFERRAL) {
                granted.add(principal);
            }
        });
        return granted;
    }

    private static String key(String recordId, int version) {
        return recordId + "#" + version;
    }
}
