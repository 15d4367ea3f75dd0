package org.clinicledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import org.clinicledger.domain.Block;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.RefusedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registering a chain together with its owner's rows, and reading a chain's registration back. */
class LedgerRegistrationTest {

    @TempDir
    Path temp;

    private LedgerFixture fixture;

    @BeforeEach
    void open() {
        fixture = new LedgerFixture(temp.resolve("data"), 7);
    }

    private static final String INSERT_CLINIC = "INSERT INTO clinic (id, name, created_at) VALUES (1, ?, '2026-01-01T00:00:00Z')";

    @Test
    void theOwnersRowsAndTheChainAreWrittenTogether() throws Exception {
        SigningKey key = fixture.newKey();
        fixture.ledger().register(PartyKind.STAFF, "desk", key, LedgerFixture.bytes("{}"), connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_CLINIC)) {
                insert.setString(1, "Together");
                return insert.executeUpdate();
            }
        });
        assertThat(clinicRows()).isEqualTo(1);
        Block registration = fixture.ledger().registration(new ChainId(PartyKind.STAFF, "desk")).orElseThrow();
        assertThat(registration.kind()).isEqualTo(BlockKind.REGISTRATION);
        assertThat(registration.height()).isZero();
        assertThat(registration.subjectKey()).isEqualTo(key.publicKey());
        assertThat(fixture.workspace.verify(Progress.NONE).ok()).isTrue();
    }

    @Test
    void aFailureAlongsideWritesNoChain() throws Exception {
        assertThatThrownBy(() -> fixture.ledger().register(PartyKind.STAFF, "desk", fixture.newKey(),
                LedgerFixture.bytes("{}"), connection -> {
                    try (PreparedStatement insert = connection.prepareStatement(INSERT_CLINIC)) {
                        insert.setString(1, "Never");
                        insert.executeUpdate();
                    }
                    throw new RefusedException("refused alongside");
                })).isInstanceOf(RefusedException.class).hasMessage("refused alongside");
        assertThat(fixture.ledger().registration(new ChainId(PartyKind.STAFF, "desk"))).isEmpty();
        assertThat(clinicRows()).as("the rows written alongside are rolled back too").isZero();
        assertThat(fixture.workspace.verify(Progress.NONE).chains()).isEqualTo(1);
    }

    @Test
    void aChainThatExistsAlreadyRollsBackTheRowsWrittenAlongside() throws Exception {
        fixture.ledger().register(PartyKind.DOCTOR, "dr.lee", fixture.newKey(), LedgerFixture.bytes("{}"));
        assertThatThrownBy(() -> fixture.ledger().register(PartyKind.DOCTOR, "dr.lee", fixture.newKey(),
                LedgerFixture.bytes("{}"), connection -> {
                    try (PreparedStatement insert = connection.prepareStatement(INSERT_CLINIC)) {
                        insert.setString(1, "Never");
                        return insert.executeUpdate();
                    }
                })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exists already");
        assertThat(clinicRows()).isZero();
    }

    private int clinicRows() throws Exception {
        try (Connection connection = DriverManager.getConnection(
                "jdbc:sqlite:" + fixture.workspace.root().resolve("clinicledger.db"));
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM clinic")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
