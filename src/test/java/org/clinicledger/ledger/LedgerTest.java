package org.clinicledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.clinicledger.clinic.Workspace;
import org.clinicledger.crypto.Hex;
import org.clinicledger.domain.Block;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.ChainPosition;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.SignedHead;
import org.clinicledger.domain.StorageFailure;
import org.clinicledger.domain.VerificationReport;
import org.clinicledger.store.BlockRow;
import org.clinicledger.store.ChainStore.AuthorKeyRow;
import org.clinicledger.store.ChainStore.ChainStateRow;
import org.clinicledger.store.ChainStore;
import org.clinicledger.store.DataFolder;
import org.clinicledger.store.HeadRow;
import org.clinicledger.store.TestUnits;
import org.clinicledger.testing.TestLedger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerTest {

    @TempDir
    Path temp;

    private Path folder;
    private LedgerFixture fixture;
    private ChainId doctor;
    private ChainId otherDoctor;
    private ChainId patient;
    private ChainId otherPatient;
    private final ChainStore store = new ChainStore();

    @BeforeEach
    void startLedger() {
        folder = temp.resolve("data");
        fixture = new LedgerFixture(folder, 11);
        doctor = fixture.register(PartyKind.DOCTOR);
        otherDoctor = fixture.register(PartyKind.DOCTOR);
        patient = fixture.register(PartyKind.PATIENT);
        otherPatient = fixture.register(PartyKind.PATIENT);
    }

    @Test
    void aTwoPartyEventWritesOneBlockOnEachChainNamingTheOther() throws SQLException {
        for (BlockKind kind : List.of(BlockKind.ACCESS_GRANTED, BlockKind.RECORD_ADDED, BlockKind.RECORD_AMENDED)) {
            ChainStateRow doctorBefore = state(doctor);
            ChainStateRow patientBefore = state(patient);
            long blocksBefore = count("blocks");

            AppendedEvent event = fixture.between(kind, doctor, patient);

            assertThat(count("blocks")).isEqualTo(blocksBefore + 2);
            assertThat(event.blocks()).hasSize(2);
            Block onDoctor = event.blocks().get(0);
            Block onPatient = event.blocks().get(1);
            assertThat(onDoctor.chain()).isEqualTo(doctor);
            assertThat(onPatient.chain()).isEqualTo(patient);
            assertThat(onDoctor.counterpart()).isEqualTo(onPatient.position());
            assertThat(onPatient.counterpart()).isEqualTo(onDoctor.position());
            assertThat(onDoctor.eventId()).isEqualTo(event.eventId()).isEqualTo(onPatient.eventId());
            assertThat(onDoctor.kind()).isEqualTo(kind).isEqualTo(onPatient.kind());
            assertThat(onDoctor.subjectKey()).isNull();
            assertThat(onPatient.subjectKey()).isNull();

            assertNextBlock(onDoctor, doctorBefore);
            assertNextBlock(onPatient, patientBefore);
            assertStoredAsReturned(onDoctor);
            assertStoredAsReturned(onPatient);
            assertThat(eventBlocks(event.eventId())).containsExactlyInAnyOrder(onDoctor.position(), onPatient.position());

            assertThat(event.heads()).hasSize(2);
            assertNewestHead(event.heads().get(0), doctor, doctorBefore.size() + 1);
            assertNewestHead(event.heads().get(1), patient, patientBefore.size() + 1);
        }
        assertVerifies();
    }

    @Test
    void aKeyRotationWritesOneBlockAndRegistersTheNewKey() throws SQLException {
        SigningKey old = fixture.owners.get(doctor);
        ChainStateRow before = state(doctor);
        long blocksBefore = count("blocks");

        AppendedEvent event = fixture.rotateKey(doctor);
        SigningKey fresh = fixture.owners.get(doctor);

        assertThat(count("blocks")).isEqualTo(blocksBefore + 1);
        assertThat(event.blocks()).singleElement().satisfies(block -> {
            assertThat(block.kind()).isEqualTo(BlockKind.KEY_ROTATED);
            assertThat(block.counterpart()).isNull();
            assertThat(block.authorKeyId()).isEqualTo(old.keyId());
            assertThat(block.subjectKey()).isEqualTo(fresh.publicKey());
            assertThat(block.eventId()).isEqualTo(event.eventId());
            assertNextBlock(block, before);
        });
        assertStoredAsReturned(event.blocks().get(0));
        assertThat(event.heads()).hasSize(1);
        assertNewestHead(event.heads().get(0), doctor, before.size() + 1);
        AuthorKeyRow key = authorKey(fresh.keyId()).orElseThrow();
        assertThat(key.chain()).isEqualTo(doctor.value());
        assertThat(key.height()).isEqualTo(before.size());
        assertThat(key.publicKey()).isEqualTo(fresh.publicKey());

        fixture.between(BlockKind.RECORD_ADDED, doctor, patient);
        assertVerifies();
    }

    @Test
    void appendAllWritesEveryEventWithOneNewHeadPerChain() throws SQLException {
        Map<ChainId, Long> sizes = Map.of(doctor, state(doctor).size(), patient, state(patient).size(),
                otherPatient, state(otherPatient).size());
        SigningKey author = fixture.owners.get(doctor);
        long headsBefore = count("signed_heads");

        byte[] first = fixture.payload(BlockKind.RECORD_ADDED, doctor, patient);
        byte[] second = fixture.payload(BlockKind.RECORD_ADDED, doctor, otherPatient);
        byte[] referral = fixture.payload(BlockKind.REFERRAL, doctor, patient);
        List<AppendedEvent> events = fixture.ledger().appendAll(List.of(
                EventSpec.between(BlockKind.RECORD_ADDED, author, doctor, first, patient, first),
                EventSpec.between(BlockKind.RECORD_ADDED, author, doctor, second, otherPatient, second),
                EventSpec.between(BlockKind.REFERRAL, author, doctor, referral, patient, referral),
                EventSpec.single(BlockKind.RECORD_VIEWED, author, doctor,
                        fixture.payload(BlockKind.RECORD_VIEWED, doctor, patient))));

        assertThat(events).hasSize(4);
        assertThat(events.stream().map(AppendedEvent::eventId).distinct()).hasSize(4);
        assertThat(events.get(0).blocks().get(0).height()).isEqualTo(sizes.get(doctor));
        assertThat(events.get(3).blocks()).singleElement()
                .satisfies(block -> assertThat(block.height()).isEqualTo(sizes.get(doctor) + 3));
        assertThat(events.get(2).blocks().get(1).previousHash()).isEqualTo(events.get(0).blocks().get(1).hash());
        assertThat(state(doctor).size()).isEqualTo(sizes.get(doctor) + 4);
        assertThat(state(patient).size()).isEqualTo(sizes.get(patient) + 2);
        assertThat(state(otherPatient).size()).isEqualTo(sizes.get(otherPatient) + 1);
        // The heads an event reports are the transaction's: over each chain's final size.
        assertThat(count("signed_heads")).isEqualTo(headsBefore + 3);
        assertThat(events.get(0).heads().get(0).size()).isEqualTo(sizes.get(doctor) + 4);
        assertNewestHead(events.get(0).heads().get(1), patient, sizes.get(patient) + 2);
        assertNewestHead(events.get(1).heads().get(1), otherPatient, sizes.get(otherPatient) + 1);
        assertThat(heads(doctor)).extracting(HeadRow::size)
                .doesNotContain(sizes.get(doctor) + 1, sizes.get(doctor) + 2, sizes.get(doctor) + 3);
        assertVerifies();
    }

    @Test
    void appendAllWritesNothingWhenItsLastEventIsInvalid() throws SQLException {
        SigningKey author = fixture.owners.get(doctor);
        SigningKey stranger = fixture.newKey();
        List<EventSpec> valid = List.of(
                EventSpec.between(BlockKind.RECORD_ADDED, author, doctor, new byte[] {1}, patient, new byte[] {2}),
                EventSpec.keyRotation(author, doctor, fixture.newKey().publicKey()),
                EventSpec.between(BlockKind.REFERRAL, author, otherDoctor, new byte[] {3}, otherPatient, new byte[] {4}));
        List<EventSpec> lasts = List.of(
                EventSpec.single(BlockKind.RECORD_ADDED, stranger, doctor, new byte[] {5}),
                EventSpec.between(BlockKind.RECORD_ADDED, author, doctor, new byte[] {6},
                        new ChainId(PartyKind.PATIENT, "pnobody"), new byte[] {7}),
                EventSpec.single(BlockKind.RECORD_VIEWED, author, new ChainId(PartyKind.DOCTOR, "dnobody"),
                        new byte[] {8}));
        for (EventSpec last : lasts) {
            List<String> before = snapshot();
            List<EventSpec> batch = new ArrayList<>(valid);
            batch.add(last);
            assertThatThrownBy(() -> fixture.ledger().appendAll(batch)).isInstanceOf(IllegalArgumentException.class);
            assertThat(snapshot()).isEqualTo(before);
        }
        assertVerifies();
    }

    @Test
    void bothBlocksAndBothHeadsOfAnEventAreOneTransaction() throws SQLException {
        String[] refusals = {
            "BEFORE INSERT ON blocks WHEN NEW.chain_id = '" + patient.value() + "'",
            "BEFORE INSERT ON signed_heads WHEN NEW.chain_id = '" + patient.value() + "'",
            "BEFORE INSERT ON chains WHEN NEW.chain_id = '" + patient.value() + "'",
            "BEFORE UPDATE ON chains WHEN NEW.chain_id = '" + patient.value() + "'",
        };
        for (String refusal : refusals) {
            List<String> before = snapshot();
            execute("CREATE TRIGGER refused_by_the_test " + refusal + " BEGIN SELECT RAISE(ABORT, 'refused'); END");
            assertThatThrownBy(() -> fixture.between(BlockKind.RECORD_ADDED, doctor, patient))
                    .as(refusal).isInstanceOf(StorageFailure.class);
            execute("DROP TRIGGER refused_by_the_test");
            assertThat(snapshot()).as(refusal).isEqualTo(before);
        }
        fixture.between(BlockKind.RECORD_ADDED, doctor, patient);
        assertVerifies();
    }

    @Test
    void anExistingChainOrKeyIsNotRegisteredAgain() throws SQLException {
        List<String> before = snapshot();
        SigningKey taken = fixture.owners.get(patient);
        assertThatThrownBy(() -> fixture.ledger().register(PartyKind.DOCTOR, doctor.subject(), fixture.newKey(),
                new byte[] {1})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exists");
        assertThatThrownBy(() -> fixture.ledger().register(PartyKind.DOCTOR, "dnewcomer", taken, new byte[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("registered");

        SigningKey old = fixture.owners.get(otherDoctor);
        fixture.rotateKey(otherDoctor);
        List<String> afterRotation = snapshot();
        assertThatThrownBy(() -> fixture.ledger().register(PartyKind.PATIENT, "pnewcomer", old, new byte[] {1}))
                .as("a retired key").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fixture.ledger().register(PartyKind.PATIENT, "pnewcomer",
                fixture.owners.get(otherDoctor), new byte[] {1})).as("a rotated-to key")
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(snapshot()).isEqualTo(afterRotation);
        assertThat(afterRotation.size()).isGreaterThan(before.size());
        assertVerifies();
    }

    @Test
    void aCopyWithoutTheNodeKeyCanVerifyButNotAppend() throws SQLException, IOException {
        execute("PRAGMA wal_checkpoint(TRUNCATE)");
        Path copy = temp.resolve("copy");
        Files.createDirectory(copy);
        for (String name : List.of(DataFolder.DATABASE_FILE, DataFolder.DATABASE_FILE + "-wal")) {
            if (Files.exists(folder.resolve(name))) {
                Files.copy(folder.resolve(name), copy.resolve(name));
            }
        }
        Workspace keyless = Workspace.open(copy, false);
        assertThat(Files.exists(copy.resolve(NodeIdentity.FILE_NAME))).isFalse();
        List<String> before = snapshot(copy);
        SigningKey author = fixture.owners.get(doctor);

        assertThatThrownBy(() -> TestLedger.of(keyless).append(EventSpec.between(BlockKind.RECORD_ADDED, author, doctor,
                new byte[] {1}, patient, new byte[] {2}))).isInstanceOf(RefusedException.class);
        assertThatThrownBy(() -> TestLedger.of(keyless).append(EventSpec.keyRotation(author, doctor,
                fixture.newKey().publicKey()))).isInstanceOf(RefusedException.class);
        assertThatThrownBy(() -> TestLedger.of(keyless).register(PartyKind.PATIENT, "pnewcomer", fixture.newKey(),
                new byte[] {1})).isInstanceOf(RefusedException.class);

        assertThat(snapshot(copy)).isEqualTo(before);
        assertThat(keyless.verify(Progress.NONE).problems()).isEmpty();
    }

    @Test
    void aBlockSignedWithTheKeyItsChainRetiredIsReported() {
        SigningKey retired = fixture.owners.get(doctor);
        fixture.rotateKey(doctor);
        fixture.between(BlockKind.RECORD_ADDED, doctor, patient);
        assertVerifies();

        byte[] amendment = fixture.payload(BlockKind.RECORD_AMENDED, doctor, patient);
        AppendedEvent late = fixture.ledger().append(EventSpec.between(BlockKind.RECORD_AMENDED, retired, doctor,
                amendment, patient, amendment));
        Block onDoctor = late.blocks().get(0);

        VerificationReport report = fixture.verify();
        assertThat(report.problems()).anySatisfy(problem -> {
            assertThat(problem.chain()).isEqualTo(doctor.value());
            assertThat(problem.height()).isEqualTo(onDoctor.height());
            assertThat(problem.reason()).contains("retired");
        });
        assertThat(report.problems()).allSatisfy(problem -> assertThat(new ChainPosition(
                ChainId.parse(problem.chain()), problem.height())).isEqualTo(onDoctor.position()));
    }

    @Test
    void theDatabaseRefusesToChangeOrRemoveBlocksAndHeads() throws SQLException {
        fixture.between(BlockKind.RECORD_ADDED, doctor, patient);
        List<String> before = snapshot();
        String block = " WHERE chain_id = '" + doctor.value() + "' AND height = 1";
        String head = " WHERE chain_id = '" + doctor.value() + "' AND size = 1";
        for (String sql : List.of(
                "UPDATE blocks SET payload = x'00'" + block,
                "UPDATE blocks SET height = 99" + block,
                "DELETE FROM blocks" + block,
                "DELETE FROM blocks",
                "UPDATE signed_heads SET root = zeroblob(32)" + head,
                "DELETE FROM signed_heads" + head)) {
            assertThatThrownBy(() -> execute(sql)).as(sql).isInstanceOf(SQLException.class)
                    .hasMessageContaining("append-only");
        }
        assertThat(snapshot()).isEqualTo(before);
        assertVerifies();
    }

    // ---- helpers

    private void assertNextBlock(Block block, ChainStateRow before) {
        assertThat(block.height()).isEqualTo(before.size());
        assertThat(block.previousHash()).isEqualTo(before.tipHash());
        assertThat(block.hash()).hasSize(Block.HASH_LENGTH);
    }

    private void assertStoredAsReturned(Block block) throws SQLException {
        try (Connection connection = connect(folder)) {
            BlockRow stored = store.block(TestUnits.of(connection), block.chain().value(), block.height()).orElseThrow();
            assertThat(stored.hash()).isEqualTo(block.hash());
            assertThat(stored.signature()).isEqualTo(block.signature());
            assertThat(stored.eventId()).isEqualTo(block.eventId());
            ChainPosition counterpart = block.counterpart();
            assertThat(stored.counterpartChain()).isEqualTo(counterpart == null ? null : counterpart.chain().value());
            assertThat(stored.counterpartHeight()).isEqualTo(counterpart == null ? null : (Long) counterpart.height());
            assertThat(state(block.chain()).size()).isGreaterThan(block.height());
        }
    }

    private void assertNewestHead(SignedHead head, ChainId chain, long size) throws SQLException {
        assertThat(head.chain()).isEqualTo(chain);
        assertThat(head.size()).isEqualTo(size);
        assertThat(state(chain).size()).isEqualTo(size);
        List<HeadRow> stored = heads(chain);
        HeadRow newest = stored.get(stored.size() - 1);
        assertThat(newest.size()).isEqualTo(size);
        assertThat(newest.root()).isEqualTo(head.root());
        assertThat(newest.signature()).isEqualTo(head.signature());
    }

    private void assertVerifies() {
        assertThat(fixture.verify().problems()).isEmpty();
    }

    private List<ChainPosition> eventBlocks(String eventId) throws SQLException {
        List<ChainPosition> positions = new ArrayList<>();
        try (Connection connection = connect(folder);
             PreparedStatement query = connection.prepareStatement(
                     "SELECT chain_id, height FROM blocks WHERE event_id = ?")) {
            query.setString(1, eventId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    positions.add(new ChainPosition(ChainId.parse(rows.getString(1)), rows.getLong(2)));
                }
            }
        }
        return positions;
    }

    private ChainStateRow state(ChainId chain) throws SQLException {
        try (Connection connection = connect(folder)) {
            return store.chainState(TestUnits.of(connection), chain.value()).orElseThrow();
        }
    }

    private List<HeadRow> heads(ChainId chain) throws SQLException {
        try (Connection connection = connect(folder)) {
            return store.heads(TestUnits.of(connection), chain.value());
        }
    }

    private Optional<AuthorKeyRow> authorKey(String keyId) throws SQLException {
        try (Connection connection = connect(folder)) {
            return store.authorKey(TestUnits.of(connection), keyId);
        }
    }

    private long count(String table) throws SQLException {
        try (Connection connection = connect(folder);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private List<String> snapshot() throws SQLException {
        return snapshot(folder);
    }

    /** Every row of the four ledger tables, as text, in a fixed order. */
    private static List<String> snapshot(Path data) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection connection = connect(data);
             Statement statement = connection.createStatement()) {
            for (String table : List.of("blocks", "signed_heads", "chains", "author_keys")) {
                try (ResultSet rows = statement.executeQuery("SELECT * FROM " + table + " ORDER BY 1, 2")) {
                    ResultSetMetaData columns = rows.getMetaData();
                    while (rows.next()) {
                        StringBuilder line = new StringBuilder(table);
                        for (int i = 1; i <= columns.getColumnCount(); i++) {
                            Object value = rows.getObject(i);
                            line.append(' ').append(value instanceof byte[] bytes ? Hex.encode(bytes) : value);
                        }
                        lines.add(line.toString());
                    }
                }
            }
        }
        return lines;
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = connect(folder);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static Connection connect(Path data) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + data.resolve(DataFolder.DATABASE_FILE));
    }
}
