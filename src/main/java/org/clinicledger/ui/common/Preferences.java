package org.clinicledger.ui.common;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;

/**
 * How the window looks and behaves on this computer, chosen in File ▸ Preferences… and kept in
 * {@value #FILE_NAME} in the data folder beside the window's size: the theme, and whether work that
 * ran for a while in the background says so in a notice when it is done.
 */
public record Preferences(Theme theme, boolean finishedWorkNotices) {

    public static final String FILE_NAME = "preferences.properties";
    public static final Preferences DEFAULTS = new Preferences(Theme.LIGHT, true);

    public Preferences {
        Objects.requireNonNull(theme);
    }

    /** The saved preferences; each one missing or unreadable is its default. */
    public static Preferences load(Path folder) {
        return SettingsFile.read(folder.resolve(FILE_NAME))
                .map(properties -> new Preferences(
                        Theme.named(properties.getProperty("theme")).orElse(DEFAULTS.theme()),
                        !"false".equals(properties.getProperty("notices", "").strip())))
                .orElse(DEFAULTS);
    }

    public void save(Path folder) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("theme", theme.name().toLowerCase(java.util.Locale.ROOT));
        properties.setProperty("notices", Boolean.toString(finishedWorkNotices));
        SettingsFile.write(folder.resolve(FILE_NAME), properties, "ClinicLedger preferences on this computer");
    }

    public Preferences withTheme(Theme chosen) {
        return new Preferences(chosen, finishedWorkNotices);
    }

    public Preferences withFinishedWorkNotices(boolean shown) {
        return new Preferences(theme, shown);
    }
}
