package org.clinicledger.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreferencesTest {

    @TempDir
    Path folder;

    @Test
    void withNoFileTheDefaultsHold() {
        assertThat(Preferences.load(folder)).isEqualTo(Preferences.DEFAULTS);
        assertThat(Preferences.DEFAULTS.theme()).isEqualTo(Theme.LIGHT);
        assertThat(Preferences.DEFAULTS.finishedWorkNotices()).isTrue();
    }

    @Test
    void savedPreferencesComeBackAndTheFileIsOwnerOnly() throws Exception {
        Preferences chosen = Preferences.DEFAULTS.withTheme(Theme.DARK).withFinishedWorkNotices(false);
        chosen.save(folder);
        assertThat(Preferences.load(folder)).isEqualTo(chosen);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve(Preferences.FILE_NAME))))
                .isEqualTo("rw-------");
        try (var left = Files.list(folder)) {
            assertThat(left).as("no temporary file stays").hasSize(1);
        }
    }

    @Test
    void eachUnreadableValueFallsBackToItsDefaultAlone() throws Exception {
        Files.writeString(folder.resolve(Preferences.FILE_NAME), "theme=purple\nnotices=false\n");
        assertThat(Preferences.load(folder)).isEqualTo(new Preferences(Theme.LIGHT, false));
        Files.writeString(folder.resolve(Preferences.FILE_NAME), "theme= Dark \nnotices=maybe\n");
        assertThat(Preferences.load(folder)).isEqualTo(new Preferences(Theme.DARK, true));
    }

    @Test
    void aFileThatIsNotOursMeansTheDefaults() throws Exception {
        Path file = folder.resolve(Preferences.FILE_NAME);
        Files.write(file, new byte[64 * 1024]);
        assertThat(Preferences.load(folder)).isEqualTo(Preferences.DEFAULTS);
        Files.writeString(file, "theme=dark\\u00zz\n");
        assertThat(Preferences.load(folder)).as("a malformed escape").isEqualTo(Preferences.DEFAULTS);
        Files.delete(file);
        Files.createDirectory(file);
        assertThat(Preferences.load(folder)).as("a folder where the file should be").isEqualTo(Preferences.DEFAULTS);
    }
}
