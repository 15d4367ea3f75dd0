package org.clinicledger.clinic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.clinicledger.domain.AccountDetails;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClinicServiceTest {

    @TempDir
    Path temp;

    private Workspace workspace;

    @BeforeEach
    void open() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T09:30:15.123Z"), ZoneOffset.UTC);
        workspace = Workspace.open(temp.resolve("data"), true, clock, KeyDerivationTuning.minimum());
    }

    /** Names the clinic the way first-run set-up does. */
    private org.clinicledger.domain.ClinicProfile create(String name) {
        workspace.accounts().setUp(name, "admin", "correct horse battery".toCharArray());
        return workspace.clinic().profile().orElseThrow();
    }

    @Test
    void aNewDataFolderHasNoClinic() {
        assertThat(workspace.clinic().profile()).isEmpty();
    }

    @Test
    void createsTheClinicOnceAndKeepsItAcrossReopening() throws Exception {
        var created = create("  Riverside   Family Practice ");
        assertThat(created.name()).isEqualTo("Riverside Family Practice");
        assertThat(created.createdAt()).isEqualTo(Instant.parse("2026-11-23T09:30:15Z"));

        Workspace reopened = Workspace.open(temp.resolve("data"), false);
        assertThat(reopened.clinic().profile()).contains(created);
    }

    @Test
    void refusesASecondClinicAndKeepsTheFirst() {
        create("First");
        assertThatThrownBy(() -> create("Second"))
                .isInstanceOf(RefusedException.class)
                .hasMessage("This data folder already belongs to the clinic \u201cFirst\u201d; set-up is done only once.");
        assertThat(workspace.clinic().profile().orElseThrow().name()).isEqualTo("First");
    }

    private Session admin() {
        return workspace.accounts().login("admin", "correct horse battery".toCharArray());
    }

    @Test
    void receptionOrAnAdministratorRenamesTheClinic() {
        create("Old name");
        try (Session admin = admin()) {
            assertThat(workspace.clinic().renameClinic(admin, "New name").name()).isEqualTo("New name");
        }
        assertThat(workspace.clinic().profile().orElseThrow().name()).isEqualTo("New name");
    }

    @Test
    void nobodyElseRenamesItAndAClosedSessionCannot() {
        create("Old name");
        try (Session admin = admin()) {
            workspace.accounts().addAccount(admin, Role.DOCTOR, "dr.lee", "doctor password 1".toCharArray(),
                    AccountDetails.NONE);
        }
        try (Session doctor = workspace.accounts().login("dr.lee", "doctor password 1".toCharArray())) {
            assertThatThrownBy(() -> workspace.clinic().renameClinic(doctor, "Lee's clinic"))
                    .isInstanceOf(RefusedException.class).hasMessageContaining("reception");
        }
        Session closed = admin();
        closed.close();
        assertThatThrownBy(() -> workspace.clinic().renameClinic(closed, "After hours"))
                .isInstanceOf(RefusedException.class).hasMessage(Session.ENDED);
        assertThat(workspace.clinic().profile().orElseThrow().name()).isEqualTo("Old name");
    }

    @Test
    void badNamesAreRefusedWithAPlainMessageAndNothingIsWritten() {
        assertThatThrownBy(() -> create("   "))
                .isInstanceOf(InvalidInputException.class).hasMessage("Enter the clinic's name.");
        assertThatThrownBy(() -> create("x".repeat(121)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at most 120 characters");
        assertThatThrownBy(() -> create("Bell\u0007"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("cannot be printed");
        assertThat(workspace.clinic().profile()).isEmpty();
    }

    @Test
    void nameLengthCountsCharactersNotUtf16Units() {
        String emojiName = "\uD83C\uDFE5".repeat(120); // 120 hospital emoji, 240 UTF-16 units
        assertThat(create(emojiName).name()).isEqualTo(emojiName);
    }

    @Test
    void databaseIntegrityCheckReportsProgressAndASoundFile() {
        StringBuilder messages = new StringBuilder();
        assertThat(workspace.checkDatabaseIntegrity((done, total, message) -> messages.append(message).append('|')))
                .isEmpty();
        assertThat(messages.toString()).contains("The database file is sound.");
    }
}
