package org.clinicledger.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DataFolderLocationTest {

    private static final Path HOME = Path.of("/home/ada");

    @Test
    void explicitFolderWinsOverEverything() {
        Path chosen = DataFolderLocation.resolve(Path.of("/srv/clinic"),
                Map.of("CLINICLEDGER_DATA", "/elsewhere", "XDG_DATA_HOME", "/xdg"), "Linux", HOME);
        assertThat(chosen).isEqualTo(Path.of("/srv/clinic"));
    }

    @Test
    void environmentVariableWinsOverTheSystemDefault() {
        assertThat(DataFolderLocation.resolve(null, Map.of("CLINICLEDGER_DATA", "/data/cl"), "Linux", HOME))
                .isEqualTo(Path.of("/data/cl"));
    }

    @Test
    void blankEnvironmentVariableIsIgnored() {
        assertThat(DataFolderLocation.resolve(null, Map.of("CLINICLEDGER_DATA", "  "), "Linux", HOME))
                .isEqualTo(Path.of("/home/ada/.local/share/ClinicLedger"));
    }

    @Test
    void linuxUsesXdgDataHomeWhenAbsolute() {
        assertThat(DataFolderLocation.resolve(null, Map.of("XDG_DATA_HOME", "/xdg"), "Linux", HOME))
                .isEqualTo(Path.of("/xdg/ClinicLedger"));
        assertThat(DataFolderLocation.resolve(null, Map.of("XDG_DATA_HOME", "relative/xdg"), "Linux", HOME))
                .isEqualTo(Path.of("/home/ada/.local/share/ClinicLedger"));
    }

    @Test
    void windowsUsesAppData() {
        Path home = Path.of("C:/Users/ada");
        assertThat(DataFolderLocation.resolve(null, Map.of("APPDATA", "D:/Roaming"), "Windows 11", home))
                .isEqualTo(Path.of("D:/Roaming/ClinicLedger"));
        assertThat(DataFolderLocation.resolve(null, Map.of(), "Windows 10", home))
                .isEqualTo(home.resolve("AppData/Roaming/ClinicLedger"));
    }

    @Test
    void macUsesApplicationSupport() {
        assertThat(DataFolderLocation.resolve(null, Map.of("XDG_DATA_HOME", "/xdg"), "Mac OS X", HOME))
                .isEqualTo(Path.of("/home/ada/Library/Application Support/ClinicLedger"));
    }

    @Test
    void relativeExplicitFolderIsMadeAbsolute() {
        assertThat(DataFolderLocation.resolve(Path.of("clinic-data"), Map.of(), "Linux", HOME)).isAbsolute();
    }
}
