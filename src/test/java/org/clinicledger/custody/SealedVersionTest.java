package org.clinicledger.custody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

import org.clinicledger.domain.RefusedException;
import org.clinicledger.store.DataFolder;
import org.clinicledger.store.RecordStore;
import org.clinicledger.store.Vault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A version whose sealed files were removed as leftovers before its write (a writer that waited
 * past the grace period) is refused inside that write, before any key copy is stored: no record
 * ever commits naming a file that is gone.
 */
class SealedVersionTest {

    @TempDir
    Path folder;

    @Test
    void aVersionWhoseFilesWereRemovedBeforeItsWriteIsRefusedBeforeAnyCopyIsStored() throws Exception {
        Vault vault = new Vault(DataFolder.open(folder.resolve("data"), true));
        // Nothing past the check is reached, so the write needs no database here.
        RecordCustody custody = new RecordCustody(vault, new RecordStore(), null, new SecureRandom());
        try (RecordCustody.SealedVersion sealed = custody.seal("rec-1", 1,
                "document".getBytes(StandardCharsets.UTF_8), List.of("scan".getBytes(StandardCharsets.UTF_8)))) {
            String attachment = sealed.attachmentAddresses().get(0);
            assertThat(vault.contains(attachment)).isTrue();
            vault.delete(attachment);

            assertThatThrownBy(() -> sealed.wrapFor(null, Map.of("patient/1", new byte[32])))
                    .isInstanceOf(RefusedException.class).hasMessageContaining("were removed before it could be stored");
            assertThat(vault.contains(sealed.documentAddress())).as("the rest is discarded by the caller").isTrue();
        }
    }
}
