package org.clinicledger.ui.common;

import java.util.Locale;
import java.util.Optional;

import javafx.application.Application;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;

/**
 * The window's look: AtlantaFX's Primer in light or dark. The project's own stylesheet names only
 * the theme's colour variables, so everything follows the theme.
 */
public enum Theme {
    LIGHT(Texts.get("common.theme.light"), new PrimerLight().getUserAgentStylesheet()),
    DARK(Texts.get("common.theme.dark"), new PrimerDark().getUserAgentStylesheet());

    private final String words;
    private final String stylesheet;

    Theme(String words, String stylesheet) {
        this.words = words;
        this.stylesheet = stylesheet;
    }

    /** What the preferences call it. */
    public String words() {
        return words;
    }

    /** Makes every window of the application, open or still to come, use this theme. */
    public void apply() {
        Application.setUserAgentStylesheet(stylesheet);
    }

    /** The theme a settings file names, if it names one. */
    static Optional<Theme> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (Theme theme : values()) {
            if (theme.name().equals(name.strip().toUpperCase(Locale.ROOT))) {
                return Optional.of(theme);
            }
        }
        return Optional.empty();
    }
}
