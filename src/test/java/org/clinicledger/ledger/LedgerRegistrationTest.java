package org.clinicledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;

import org.clinicledger.domain.Block;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.ClinicProfile;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.store.ClinicDao;
import org.clinicledger.store.Database;
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


    @Test
    void theOwnersRowsAndTheChainAreWrittenTogether() throws Exception {
        SigningKey key = fixture.newKey();
        registerAlongside(work -> {
                    new ClinicDao().save(work, new ClinicProfile("Together", Instant.EPOCH));
                    return null;
                }, PartyKind.STAFF, "desk", key, fixture.authorized(new ChainId(PartyKind.STAFF, "desk"), key,
                "receptionist"));
        assertThat(clinicRows()).isEqualTo(1);
        Block registration = fixture.ledger().registration(new ChainId(PartyKind.STAFF, "desk")).orElseThrow();
        assertThat(registration.kind()).isEqualTo(BlockKind.REGISTRATION);
        assertThat(registration.height()).isZero();
        assertThat(registration.subjectKey()).isEqualTo(key.publicKey());
        assertThat(fixture.verify().ok()).isTrue();
    }

    @Test
    void aFailureAlongsideWritesNoChain() throws Exception {
        assertThatThrownBy(() -> registerAlongside(work -> {
                    new ClinicDao().save(work, new ClinicProfile("Never", Instant.EPOCH));
                    throw new RefusedException("refused alongside");
                }, PartyKind.STAFF, "desk", fixture.newKey(),
                LedgerFixture.bytes("{}"))).isInstanceOf(RefusedException.class).hasMessage("refused alongside");
        assertThat(fixture.ledger().registration(new ChainId(PartyKind.STAFF, "desk"))).isEmpty();
        assertThat(clinicRows()).as("the rows written alongside are rolled back too").isZero();
        assertThat(fixture.verify().chains()).as("the clinic's and this machine's").isEqualTo(2);
    }

    @Test
    void aChainThatExistsAlreadyRollsBackTheRowsWrittenAlongside() throws Exception {
        fixture.ledger().register(PartyKind.DOCTOR, "dr.lee", fixture.newKey(), LedgerFixture.bytes("{}"));
        assertThatThrownBy(() -> registerAlongside(work -> {
                    new ClinicDao().save(work, new ClinicProfile("Never", Instant.EPOCH));
                    return null;
                }, PartyKind.DOCTOR, "dr.lee", fixture.newKey(),
                LedgerFixture.bytes("{}"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exists already");
        assertThat(clinicRows()).isZero();
    }

    /** Registers a chain and, in the same unit of work, writes the rows {@code alongside} writes, first. */
    private AppendedEvent registerAlongside(Database.Work<?> alongside, PartyKind party, String subject, SigningKey key,
            byte[] payload) {
        return fixture.workspace.database().write("register", work -> {
            alongside.run(work);
            return fixture.workspace.ledger().register(work, party, subject, key, payload);
        });
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
