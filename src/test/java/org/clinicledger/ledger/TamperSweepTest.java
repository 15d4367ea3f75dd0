package org.clinicledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.VerificationProblem;
import org.clinicledger.domain.VerificationReport;
import org.clinicledger.store.ChainStore;
import org.clinicledger.store.DataFolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tampers with a copy of a real ledger the way an attacker with the database file would (triggers
 * dropped, raw SQL), one change per case, and requires the verifier to point at the place changed.
 * The ledger is built once; each case works on its own copy of the data folder.
 */
class TamperSweepTest {

    private static final String DATABASE = DataFolder.DATABASE_FILE;
    private static final List<String> FILES = List.of(DATABASE, DATABASE + "-wal", NodeIdentity.FILE_NAME);
    private static final List<String> TRIGGERS = List.of("blocks_are_never_updated", "blocks_are_never_deleted",
            "signed_heads_are_never_updated", "signed_heads_are_never_deleted");

    /**
     * The most problems one changed value may cause: a moved block shows up as a gap, a stray
     * chain and broken links on both sides. Changing the node's registration may in addition fail
     * every signed head, since the node key signs them all.
     */
    private static final int HANDFUL = 25;

    private enum Type { TEXT, INTEGER, BLOB }

    /** Column types of all four tables; the names that recur mean the same type everywhere. */
    private static final Map<String, Type> TYPES = new LinkedHashMap<>();

    static {
        TYPES.put("chain_id", Type.TEXT);
        TYPES.put("height", Type.INTEGER);
        TYPES.put("previous_hash", Type.BLOB);
        TYPES.put("created_at", Type.INTEGER);
        TYPES.put("kind", Type.TEXT);
        TYPES.put("author_key_id", Type.TEXT);
        TYPES.put("counterpart_chain", Type.TEXT);
        TYPES.put("counterpart_height", Type.INTEGER);
        TYPES.put("event_id", Type.TEXT);
        TYPES.put("subject_key", Type.BLOB);
        TYPES.put("payload", Type.BLOB);
        TYPES.put("signature", Type.BLOB);
        TYPES.put("previous_head", Type.BLOB);
        TYPES.put("hash", Type.BLOB);
        TYPES.put("size", Type.INTEGER);
        TYPES.put("root", Type.BLOB);
        TYPES.put("signed_at", Type.INTEGER);
        TYPES.put("node_key_id", Type.TEXT);
        TYPES.put("tip_hash", Type.BLOB);
        TYPES.put("frontier", Type.BLOB);
        TYPES.put("key_id", Type.TEXT);
        TYPES.put("public_key", Type.BLOB);
    }

    private static final List<String> BLOCK_COLUMNS = List.of("chain_id", "height", "previous_hash", "created_at",
            "kind", "author_key_id", "counterpart_chain", "counterpart_height", "event_id", "subject_key", "payload",
            "signature", "hash");
    private static final List<String> HEAD_COLUMNS = List.of("chain_id", "size", "root", "signed_at", "node_key_id",
            "signature", "previous_head");
    private static final List<String> CHAIN_COLUMNS = List.of("chain_id", "size", "tip_hash", "frontier");
    private static final List<String> KEY_COLUMNS = List.of("key_id", "public_key", "chain_id", "height");

    @TempDir
    static Path temp;

    private static Path template;
    private static LedgerFixture fixture;
    private static List<Stored> blocks;
    private static String nodeChain;
    private static int headCount;
    private static final AtomicInteger COPIES = new AtomicInteger();

    record Position(String chain, long height) {
        @Override
        public String toString() {
            return chain + "#" + height;
        }
    }

    /** What a case needs to know of a block of the untampered ledger. */
    record Stored(String chain, long height, String kind, String counterpartChain, long counterpartHeight) {
        Position position() {
            return new Position(chain, height);
        }

        Position counterpart() {
            return new Position(counterpartChain, counterpartHeight);
        }
    }

    @FunctionalInterface
    interface Tampering {
        void apply(Connection connection) throws SQLException;
    }

    @BeforeAll
    static void buildTemplate() throws SQLException {
        template = temp.resolve("template");
        fixture = LedgerFixture.everyKind(template);
        // A file copy is only the database if the log has been folded into it.
        try (Connection connection = connect(template);
             Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        blocks = new ArrayList<>();
        try (Connection connection = connect(template);
             PreparedStatement query = connection.prepareStatement("SELECT chain_id, height, kind, counterpart_chain, "
                     + "counterpart_height FROM blocks ORDER BY chain_id, height");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                long counterpartHeight = rows.getLong(5);
                blocks.add(new Stored(rows.getString(1), rows.getLong(2), rows.getString(3), rows.getString(4),
                        rows.wasNull() ? -1 : counterpartHeight));
            }
        }
        try (Connection connection = connect(template);
             PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM signed_heads");
             ResultSet rows = query.executeQuery()) {
            headCount = rows.next() ? rows.getInt(1) : 0;
        }
        nodeChain = blocks.stream().map(Stored::chain).filter(chain -> chain.startsWith("node/")).findFirst()
                .orElseThrow();
    }

    @Test
    void theUntamperedTemplateAndAnUntouchedCopyVerify() {
        VerificationReport original = fixture.verify();
        assertThat(original.problems()).isEmpty();
        assertThat(original.blocks()).isEqualTo(blocks.size());

        VerificationReport copied = tamperAndVerify(connection -> { });
        assertThat(copied.problems()).isEmpty();
        assertThat(copied.blocks()).isEqualTo(blocks.size());
    }

    @TestFactory
    Stream<DynamicTest> everyColumnOfABlockOfEachKindOnEachSide() {
        return blockTargets().stream().flatMap(target -> BLOCK_COLUMNS.stream().map(column -> singleChange(
                "blocks." + column + " of " + target.kind() + " at " + target.position(), target.position(),
                !column.equals("chain_id"), connection -> changeBlockColumn(connection, target, column))));
    }

    @TestFactory
    Stream<DynamicTest> everyColumnOfTheNewestSignedHead() {
        return Stream.of(doctorA(), patient1(), nodeChain).flatMap(chain -> {
            long size = size(chain);
            Position newest = new Position(chain, size - 1);
            return HEAD_COLUMNS.stream().map(column -> singleChange(
                    "signed_heads." + column + " of the head over " + size + " blocks of " + chain, newest,
                    connection -> changeColumn(connection, "signed_heads", column, "chain_id = ? AND size = ?", chain,
                            size)));
        });
    }

    @TestFactory
    Stream<DynamicTest> theDerivedTableOfChains() {
        List<DynamicTest> cases = new ArrayList<>();
        for (String chain : List.of(doctorA(), patient1(), nodeChain)) {
            Position tip = new Position(chain, size(chain) - 1);
            for (String column : CHAIN_COLUMNS) {
                cases.add(singleChange("chains." + column + " of " + chain, tip,
                        connection -> changeColumn(connection, "chains", column, "chain_id = ?", chain)));
            }
            cases.add(singleChange("chains row of " + chain + " deleted", tip,
                    connection -> update(connection, "DELETE FROM chains WHERE chain_id = ?", chain)));
        }
        String bogus = new ChainId(PartyKind.PATIENT, "pbogus").value();
        cases.add(singleChange("chains row of a chain that has no blocks inserted", new Position(bogus, -1),
                connection -> update(connection, "INSERT INTO chains (chain_id, size, tip_hash, frontier) "
                        + "SELECT ?, size, tip_hash, frontier FROM chains WHERE chain_id = ?", bogus, doctorA())));
        return cases.stream();
    }

    @TestFactory
    Stream<DynamicTest> theDerivedTableOfKeys() {
        List<DynamicTest> cases = new ArrayList<>();
        List<Stored> registering = List.of(
                first(BlockKind.REGISTRATION, PartyKind.DOCTOR),
                first(BlockKind.KEY_ROTATED, PartyKind.PATIENT),
                first(BlockKind.KEY_ROTATED, PartyKind.DOCTOR),
                block(nodeChain, 0));
        for (Stored block : registering) {
            String where = "chain_id = ? AND height = ?";
            for (String column : KEY_COLUMNS) {
                cases.add(singleChange("author_keys." + column + " of the key named at " + block.position(),
                        block.position(), connection -> changeColumn(connection, "author_keys", column, where,
                                block.chain(), block.height())));
            }
            cases.add(singleChange("author_keys row of the key named at " + block.position() + " deleted",
                    block.position(), connection -> update(connection, "DELETE FROM author_keys WHERE " + where,
                            block.chain(), block.height())));
        }
        Position claimed = new Position(doctorA(), 3);
        byte[] publicKey = new byte[32];
        Arrays.fill(publicKey, (byte) 0x5a);
        cases.add(singleChange("author_keys row of a key no block names inserted", claimed,
                connection -> update(connection, "INSERT INTO author_keys (key_id, public_key, chain_id, height) "
                        + "VALUES (?, ?, ?, ?)", BlockCodec.keyId(publicKey), publicKey, claimed.chain(),
                        claimed.height())));
        return cases.stream();
    }

    @TestFactory
    Stream<DynamicTest> blocksRemovedMovedAndReplayed() {
        List<DynamicTest> cases = new ArrayList<>();

        for (String chain : List.of(doctorA(), patient1())) {
            Stored middle = block(chain, size(chain) / 2);
            cases.add(structural("block " + middle.position() + " (" + middle.kind() + ") deleted",
                    connection -> deleteBlock(connection, middle.position()),
                    middle.position(), middle.counterpart()));
        }

        for (String chain : List.of(doctorA(), patient1())) {
            Position low = new Position(chain, 2);
            Position high = new Position(chain, size(chain) - 2);
            cases.add(structural("blocks " + low + " and " + high + " swapped",
                    connection -> swap(connection, low, high), low, high));
        }

        for (String chain : List.of(doctorA(), patient1())) {
            long newSize = size(chain) - 2;
            Position from = new Position(chain, newSize);
            cases.add(structural("last 2 blocks of " + chain + " deleted, heads kept", connection -> {
                update(connection, "DELETE FROM blocks WHERE chain_id = ? AND height >= ?", chain, newSize);
            }, from, block(chain, newSize).counterpart(), block(chain, newSize + 1).counterpart()));
        }

        Stored foreign = block(patient1(), 3);
        Position appended = new Position(doctorA(), size(doctorA()));
        cases.add(structural("block " + foreign.position() + " copied onto " + doctorA() + " as its next block",
                connection -> copyBlock(connection, foreign.position(), appended), appended));
        Stored sameHeight = block(doctorB(), 3);
        Position replaced = new Position(doctorA(), 3);
        cases.add(structural("block " + replaced + " replaced by " + sameHeight.position(), connection -> {
            deleteBlock(connection, replaced);
            copyBlock(connection, sameHeight.position(), replaced);
        }, replaced));
        Stored registration = block(doctorB(), 0);
        Position hijacked = new Position(doctorA(), 0);
        cases.add(structural("registration of " + doctorA() + " replaced by that of " + doctorB(), connection -> {
            deleteBlock(connection, hijacked);
            copyBlock(connection, registration.position(), hijacked);
        }, hijacked));

        for (String chain : List.of(doctorA(), patient1())) {
            long size = size(chain);
            for (int removed : new int[] {1, 3}) {
                long older = size - removed;
                cases.add(structural("newest " + removed + " signed heads of " + chain + " deleted, leaving the head over "
                        + older, connection -> update(connection, "DELETE FROM signed_heads WHERE chain_id = ? AND size > ?",
                                chain, older), new Position(chain, older)));
            }
            cases.add(structural("the head before the newest of " + chain + " deleted",
                    connection -> update(connection, "DELETE FROM signed_heads WHERE chain_id = ?1 AND size = "
                            + "(SELECT size FROM signed_heads WHERE chain_id = ?1 ORDER BY size DESC LIMIT 1 OFFSET 1)",
                            chain), new Position(chain, size - 1)));
            cases.add(structural("every head of " + chain + " but the newest deleted",
                    connection -> update(connection, "DELETE FROM signed_heads WHERE chain_id = ? AND size < ?",
                            chain, size), new Position(chain, size - 1)));
            cases.add(structural("newest head of " + chain + " given the root and signature of the one before",
                    connection -> update(connection, "UPDATE signed_heads SET (root, signature) = "
                            + "(SELECT root, signature FROM signed_heads WHERE chain_id = ?1 AND size = ?3) "
                            + "WHERE chain_id = ?1 AND size = ?2", chain, size, size - 1),
                    new Position(chain, size - 1)));
            cases.add(structural("newest head of " + chain + " replaced by the one before, size kept",
                    connection -> update(connection, "UPDATE signed_heads SET (root, signed_at, node_key_id, signature) = "
                            + "(SELECT root, signed_at, node_key_id, signature FROM signed_heads "
                            + "WHERE chain_id = ?1 AND size = ?3) WHERE chain_id = ?1 AND size = ?2", chain, size, size - 1),
                    new Position(chain, size - 1)));
        }

        for (String chain : List.of(patient2(), doctorB())) {
            List<Position> expected = new ArrayList<>();
            expected.add(new Position(chain, 0));
            blocks.stream().filter(block -> block.chain().equals(chain) && block.counterpartChain() != null)
                    .forEach(block -> expected.add(block.counterpart()));
            cases.add(structural("every block of " + chain + " deleted, heads kept",
                    connection -> update(connection, "DELETE FROM blocks WHERE chain_id = ?", chain),
                    expected.toArray(Position[]::new)));
        }
        cases.add(structural("the node chain deleted, heads kept",
                connection -> update(connection, "DELETE FROM blocks WHERE chain_id = ?", nodeChain),
                new Position(nodeChain, 0), new Position(doctorA(), size(doctorA()) - 1),
                new Position(patient1(), size(patient1()) - 1)));
        return cases.stream();
    }

    // ---- cases

    private static DynamicTest singleChange(String name, Position expected, Tampering tampering) {
        return singleChange(name, expected, true, tampering);
    }

    /**
     * One changed value: reported at its place and without an avalanche. Unless the change takes
     * the block out of its chain (whose shorter remainder the table of chains then disagrees with
     * at its new tip), nothing on that chain is reported below the changed place either: the
     * verifier points at where the damage starts.
     */
    private static DynamicTest singleChange(String name, Position expected, boolean pointsFirst, Tampering tampering) {
        return DynamicTest.dynamicTest(name, () -> {
            VerificationReport report = tamperAndVerify(tampering);
            assertReported(name, report, expected);
            if (pointsFirst && expected.height() >= 0) {
                OptionalLong firstOnChain = report.problems().stream()
                        .filter(problem -> problem.chain().equals(expected.chain()) && problem.height() >= 0)
                        .mapToLong(VerificationProblem::height).min();
                assertThat(firstOnChain).as("%s: the first problem on %s%s", name, expected.chain(), listing(report))
                        .hasValue(expected.height());
            }
            int limit = expected.chain().equals(nodeChain) ? HANDFUL + headCount : HANDFUL;
            assertThat(report.problems()).as("%s: a single change should not drown the report%s", name,
                    listing(report)).hasSizeLessThanOrEqualTo(limit);
        });
    }

    private static DynamicTest structural(String name, Tampering tampering, Position... expected) {
        return DynamicTest.dynamicTest(name, () -> assertReported(name, tamperAndVerify(tampering), expected));
    }

    private static void assertReported(String name, VerificationReport report, Position... expected) {
        assertThat(report.ok()).as("%s: the tampering went unnoticed", name).isFalse();
        Set<Position> reported = report.problems().stream()
                .map(problem -> new Position(problem.chain(), problem.height())).collect(Collectors.toSet());
        assertThat(reported).as("%s: reported positions%s", name, listing(report)).contains(expected);
    }

    private static String listing(VerificationReport report) {
        return report.problems().stream().map(VerificationProblem::toString)
                .collect(Collectors.joining("\n  ", " (problems:\n  ", ")"));
    }

    // ---- the copy

    private static VerificationReport tamperAndVerify(Tampering tampering) {
        Path copy = temp.resolve("case-" + COPIES.incrementAndGet());
        try {
            Files.createDirectory(copy);
            for (String name : FILES) {
                Path source = template.resolve(name);
                if (Files.exists(source)) {
                    Files.copy(source, copy.resolve(name));
                }
            }
            try (Connection connection = connect(copy)) {
                try (Statement statement = connection.createStatement()) {
                    for (String trigger : TRIGGERS) {
                        statement.execute("DROP TRIGGER " + trigger);
                    }
                }
                tampering.apply(connection);
            }
            // The chains alone: the fixture keeps no records, accounts or files beside them.
            try (Workspace workspace = Workspace.open(copy, false)) {
                return new ChainVerifier(workspace.database(), new ChainStore()).verify(Progress.NONE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("The tampering itself failed", e);
        } finally {
            delete(copy);
        }
    }

    private static Connection connect(Path folder) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + folder.resolve(DATABASE));
    }

    private static void delete(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- tampering

    private static void changeBlockColumn(Connection connection, Stored target, String column) throws SQLException {
        if (column.equals("counterpart_chain") && target.counterpartChain() == null) {
            // A counterpart out of nowhere only looks plausible if it names a block that exists.
            String other = target.chain().startsWith(PartyKind.PATIENT.code() + "/") ? doctorA() : patient1();
            update(connection, "UPDATE blocks SET counterpart_chain = ?, counterpart_height = 1 "
                    + "WHERE chain_id = ? AND height = ?", other, target.chain(), target.height());
            return;
        }
        changeColumn(connection, "blocks", column, "chain_id = ? AND height = ?", target.chain(), target.height());
    }

    /** Reads one value and writes it back changed as little as its type allows. */
    private static void changeColumn(Connection connection, String table, String column, String where, Object... key)
            throws SQLException {
        Object value;
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT " + column + " FROM " + table + " WHERE " + where)) {
            bind(query, key);
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).as("a row of %s where %s", table, where).isTrue();
                value = rows.getObject(1);
            }
        }
        Object[] arguments = new Object[key.length + 1];
        arguments[0] = changed(column, value);
        System.arraycopy(key, 0, arguments, 1, key.length);
        int changed = update(connection, "UPDATE " + table + " SET " + column + " = ? WHERE " + where, arguments);
        assertThat(changed).isEqualTo(1);
    }

    private static Object changed(String column, Object value) {
        Type type = TYPES.get(column);
        switch (type) {
            case BLOB -> {
                if (value == null) {
                    byte[] key = new byte[32];
                    Arrays.fill(key, (byte) 0x5a);
                    return key;
                }
                byte[] bytes = ((byte[]) value).clone();
                if (bytes.length == 0) {
                    return new byte[] {0};
                }
                bytes[bytes.length / 2] ^= 0x01;
                return bytes;
            }
            case INTEGER -> {
                if (value == null) {
                    return 1L;
                }
                long number = ((Number) value).longValue();
                return column.equals("height") ? number + 1000 : number + 1;
            }
            case TEXT -> {
                String text = (String) value;
                char last = text.charAt(text.length() - 1);
                return text.substring(0, text.length() - 1) + (last == 'a' ? 'b' : 'a');
            }
            default -> throw new IllegalStateException();
        }
    }

    private static void deleteBlock(Connection connection, Position position) throws SQLException {
        int deleted = update(connection, "DELETE FROM blocks WHERE chain_id = ? AND height = ?", position.chain(),
                position.height());
        assertThat(deleted).isEqualTo(1);
    }

    /** Inserts the row at {@code from} again at {@code to}, every column but the place unchanged. */
    private static void copyBlock(Connection connection, Position from, Position to) throws SQLException {
        update(connection, "INSERT INTO blocks (" + String.join(", ", BLOCK_COLUMNS) + ") SELECT ?, ?, "
                + String.join(", ", BLOCK_COLUMNS.subList(2, BLOCK_COLUMNS.size()))
                + " FROM blocks WHERE chain_id = ? AND height = ?", to.chain(), to.height(), from.chain(), from.height());
    }

    private static void swap(Connection connection, Position a, Position b) throws SQLException {
        Position parked = new Position(a.chain(), 1_000_000);
        copyBlock(connection, a, parked);
        deleteBlock(connection, a);
        copyBlock(connection, b, a);
        deleteBlock(connection, b);
        copyBlock(connection, parked, b);
        deleteBlock(connection, parked);
    }

    private static int update(Connection connection, String sql, Object... arguments) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, arguments);
            return statement.executeUpdate();
        }
    }

    private static void bind(PreparedStatement statement, Object... arguments) throws SQLException {
        for (int i = 0; i < arguments.length; i++) {
            Object argument = arguments[i];
            if (argument instanceof byte[] bytes) {
                statement.setBytes(i + 1, bytes);
            } else if (argument instanceof Number number) {
                statement.setLong(i + 1, number.longValue());
            } else {
                statement.setString(i + 1, (String) argument);
            }
        }
    }

    // ---- the template's layout

    /** The first block of each kind on a doctor's chain and on a patient's, and the node's registration. */
    private static List<Stored> blockTargets() {
        List<Stored> targets = new ArrayList<>();
        for (BlockKind kind : BlockKind.values()) {
            targets.add(first(kind, kind == BlockKind.EMERGENCY_ACCESS || kind == BlockKind.DEMOGRAPHICS_CORRECTED
                    || kind == BlockKind.PATIENT_MERGED ? PartyKind.STAFF : PartyKind.DOCTOR));
            // An account's status is set on a doctor's or staff member's chain, never a patient's.
            targets.add(first(kind, kind == BlockKind.ACCOUNT_STATUS ? PartyKind.STAFF : PartyKind.PATIENT));
        }
        targets.add(block(nodeChain, 0));
        return targets;
    }

    private static Stored first(BlockKind kind, PartyKind party) {
        List<ChainId> chains = switch (party) {
            case DOCTOR -> fixture.doctors;
            case PATIENT -> fixture.patients;
            case STAFF -> fixture.staff;
            case NODE, CLINIC -> List.of();
        };
        for (ChainId chain : chains) {
            for (Stored block : blocks) {
                if (block.chain().equals(chain.value()) && block.kind().equals(kind.code())) {
                    return block;
                }
            }
        }
        throw new IllegalStateException("The fixture has no " + kind.code() + " block on a " + party.code() + "'s chain");
    }

    private static Stored block(String chain, long height) {
        return blocks.stream().filter(block -> block.chain().equals(chain) && block.height() == height).findFirst()
                .orElseThrow(() -> new IllegalStateException("No block " + chain + "#" + height));
    }

    private static long size(String chain) {
        return blocks.stream().filter(block -> block.chain().equals(chain)).count();
    }

    private static String doctorA() {
        return fixture.doctors.get(0).value();
    }

    private static String doctorB() {
        return fixture.doctors.get(1).value();
    }

    private static String patient1() {
        return fixture.patients.get(0).value();
    }

    private static String patient2() {
        return fixture.patients.get(1).value();
    }
}
