package org.clinicledger.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.clinicledger.crypto.Hex;
import org.clinicledger.crypto.Sha256;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaultTest {

    @TempDir
    Path temp;

    private Vault vault;

    @BeforeEach
    void open() throws StoreException {
        vault = new Vault(DataFolder.open(temp.resolve("data"), true));
    }

    @Test
    void storesBytesUnderTheirSha256AndReadsThemBack() throws IOException {
        byte[] bytes = "ciphertext, as far as the vault knows".getBytes();
        String address = vault.put(bytes);
        assertThat(address).isEqualTo(Hex.encode(Sha256.digest(bytes)));
        assertThat(temp.resolve("data/vault").resolve(address.substring(0, 2)).resolve(address)).isRegularFile();
        assertThat(vault.get(address)).contains(bytes);
        assertThat(vault.holdsIntact(address)).isTrue();
        assertThat(vault.put(bytes)).as("the same bytes twice are one file").isEqualTo(address);
    }

    @Test
    void leavesNoTemporaryFilesBehind() throws IOException {
        for (int i = 0; i < 20; i++) {
            vault.put(new byte[] {(byte) i});
        }
        try (Stream<Path> files = Files.walk(temp.resolve("data/vault"))) {
            assertThat(files.filter(Files::isRegularFile).map(path -> path.getFileName().toString()))
                    .hasSize(20).allMatch(name -> name.matches("[0-9a-f]{64}"));
        }
    }

    @Test
    void aChangedFileIsReportedNotReturned() throws IOException {
        String address = vault.put(new byte[] {1, 2, 3});
        Path file = temp.resolve("data/vault").resolve(address.substring(0, 2)).resolve(address);
        Files.write(file, new byte[] {1, 2, 4});
        assertThat(vault.holdsIntact(address)).isFalse();
        assertThatThrownBy(() -> vault.get(address)).isInstanceOf(IOException.class).hasMessageContaining("was changed");
    }

    @Test
    void deletingRemovesTheFile() throws IOException {
        String address = vault.put(new byte[] {9});
        assertThat(vault.delete(address)).isTrue();
        assertThat(vault.contains(address)).isFalse();
        assertThat(vault.get(address)).isEmpty();
        assertThat(vault.delete(address)).isFalse();
    }

    @Test
    void refusesAddressesThatCouldEscapeTheFolder() {
        assertThatThrownBy(() -> vault.get("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> vault.get("AB".repeat(32))).isInstanceOf(IllegalArgumentException.class);
    }
}
