package org.clinicledger.ui.preferences;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import org.clinicledger.ui.common.Preferences;
import org.clinicledger.ui.common.Theme;
import org.clinicledger.ui.common.Texts;

/**
 * File ▸ Preferences…: the theme, shown as soon as it is picked so that people see what they
 * choose, and whether finished background work says so. Saving keeps them for this computer;
 * cancelling puts the theme back as it was.
 */
public final class PreferencesViewModel {

    private final Path folder;
    private final Preferences before;
    private final Consumer<Preferences> saved;
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme");
    private final BooleanProperty notices = new SimpleBooleanProperty(this, "notices");
    private final StringProperty problem = new SimpleStringProperty(this, "problem", "");

    /**
     * @param folder where the preferences are kept
     * @param saved told of the preferences once they are saved
     */
    public PreferencesViewModel(Path folder, Preferences current, Consumer<Preferences> saved) {
        this.folder = Objects.requireNonNull(folder);
        this.before = Objects.requireNonNull(current);
        this.saved = Objects.requireNonNull(saved);
        theme.set(current.theme());
        notices.set(current.finishedWorkNotices());
        theme.addListener((observable, old, now) -> {
            if (now != null) {
                now.apply();
            }
        });
    }

    /**
     * Keeps the choice for this computer. When the file cannot be written nothing changes: the
     * problem line says why, and the dialog stays open.
     *
     * @return whether the preferences were saved
     */
    public boolean save() {
        Preferences chosen = new Preferences(theme.get() == null ? before.theme() : theme.get(), notices.get());
        try {
            chosen.save(folder);
        } catch (IOException e) {
            problem.set(Texts.format("preferences.notSaved", folder, e.getMessage()));
            return false;
        }
        saved.accept(chosen);
        return true;
    }

    /** Puts the theme back as it was when the dialog opened. */
    public void cancel() {
        before.theme().apply();
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public BooleanProperty noticesProperty() {
        return notices;
    }

    /** Why the choice was not saved; empty when nothing is wrong. */
    public StringProperty problemProperty() {
        return problem;
    }
}
