package org.clinicledger.clinic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.RefusedException;
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
        workspace = Workspace.open(temp.resolve("data"), true, clock);
    }

    @Test
    void aNewDataFolderHasNoClinic() {
        assertThat(workspace.clinic().profile()).isEmpty();
    }

    @Test
    void createsTheClinicOnceAndKeepsItAcrossReopening() throws Exception {
        var created = workspace.clinic().createClinic("  Riverside   Family Practice ");
        assertThat(created.name()).isEqualTo("Riverside Family Practice");
        assertThat(created.createdAt()).isEqualTo(Instant.parse("2026-11-23T09:30:15Z"));

        Workspace reopened = Workspace.open(temp.resolve("data"), false);
        assertThat(reopened.clinic().profile()).contains(created);
    }

    @Test
    void refusesASecondClinicAndKeepsTheFirst() {
        workspace.clinic().createClinic("First");
        assertThatThrownBy(() -> workspace.clinic().createClinic("Second"))
                .isInstanceOf(RefusedException.class)
                .hasMessage("This data folder already belongs to a clinic.");
        assertThat(workspace.clinic().profile().orElseThrow().name()).isEqualTo("First");
    }

    @Test
    void renamesTheClinic() {
        workspace.clinic().createClinic("Old name");
        assertThat(workspace.clinic().renameClinic("New name").name()).isEqualTo("New name");
        assertThat(workspace.clinic().profile().orElseThrow().name()).isEqualTo("New name");
    }

    @Test
    void renamingBeforeSetUpIsRefused() {
        assertThatThrownBy(() -> workspace.clinic().renameClinic("Anything")).isInstanceOf(RefusedException.class);
    }

    @Test
    void badNamesAreRefusedWithAPlainMessageAndNothingIsWritten() {
        assertThatThrownBy(() -> workspace.clinic().createClinic("   "))
                .isInstanceOf(InvalidInputException.class).hasMessage("Enter the clinic's name.");
        assertThatThrownBy(() -> workspace.clinic().createClinic("x".repeat(121)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at most 120 characters");
        assertThatThrownBy(() -> workspace.clinic().createClinic("Bell\u0007"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("cannot be printed");
        assertThat(workspace.clinic().profile()).isEmpty();
    }

    @Test
    void nameLengthCountsCharactersNotUtf16Units() {
        String emojiName = "\uD83C\uDFE5".repeat(120); // 120 hospital emoji, 240 UTF-16 units
        assertThat(workspace.clinic().createClinic(emojiName).name()).isEqualTo(emojiName);
    }

    @Test
    void databaseIntegrityCheckReportsProgressAndASoundFile() {
        StringBuilder messages = new StringBuilder();
        assertThat(workspace.checkDatabaseIntegrity((done, total, message) -> messages.append(message).append('|')))
                .isEmpty();
        assertThat(messages.toString()).contains("The database file is sound.");
    }
}
