package org.clinicledger.clinic;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the data folder is when nobody says otherwise: {@code --data} first, then
 * {@code $CLINICLEDGER_DATA}, then the operating system's usual place for application data.
 */
public final class DataFolderLocation {

    public static final String ENVIRONMENT_VARIABLE = "CLINICLEDGER_DATA";
    static final String FOLDER_NAME = "ClinicLedger";

    private DataFolderLocation() {
    }

    /** Resolves the folder for this process. */
    public static Path resolve(Path explicit) {
        return resolve(explicit, System.getenv(), System.getProperty("os.name", ""),
                Path.of(System.getProperty("user.home", ".")));
    }

    /** Resolves the folder from the given facts; a pure function so every platform can be tested anywhere. */
    public static Path resolve(Path explicit, Map<String, String> environment, String osName, Path home) {
        if (explicit != null) {
            return explicit.toAbsolutePath().normalize();
        }
        String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Path.of(fromEnvironment).toAbsolutePath().normalize();
        }
        return perUser(environment, osName, home, FOLDER_NAME, "XDG_DATA_HOME", Path.of(".local", "share"),
                FOLDER_NAME);
    }

    /**
     * A per-user folder of ClinicLedger's on each platform: {@code %APPDATA%\name} on Windows,
     * {@code ~/Library/Application Support/name} on macOS, and elsewhere {@code $xdgVariable/xdgName},
     * or {@code ~/xdgDefault/xdgName} when the variable is unset or relative (the XDG specification
     * says a relative one is invalid and must be ignored).
     */
    static Path perUser(Map<String, String> environment, String osName, Path home, String name, String xdgVariable,
            Path xdgDefault, String xdgName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = environment.get("APPDATA");
            Path base = appData != null && !appData.isBlank()
                    ? Path.of(appData) : home.resolve("AppData").resolve("Roaming");
            return base.resolve(name);
        }
        if (os.startsWith("mac")) {
            return home.resolve("Library").resolve("Application Support").resolve(name);
        }
        String xdg = environment.get(xdgVariable);
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg).resolve(xdgName);
        }
        return home.resolve(xdgDefault).resolve(xdgName);
    }
}
