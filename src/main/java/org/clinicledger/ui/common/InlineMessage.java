package org.clinicledger.ui.common;

import javafx.beans.value.ObservableStringValue;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;

import atlantafx.base.theme.Styles;

/** A sentence under a form: a problem in red, a success in green, a warning in amber; hidden while empty. */
public final class InlineMessage {

    private InlineMessage() {
    }

    public static Label problem(String id, ObservableStringValue text) {
        return line(id, text, Styles.DANGER);
    }

    public static Label success(String id, ObservableStringValue text) {
        return line(id, text, Styles.SUCCESS);
    }

    public static Label warning(String id, ObservableStringValue text) {
        return line(id, text, Styles.WARNING);
    }

    private static Label line(String id, ObservableStringValue text, String style) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        label.getStyleClass().add(style);
        label.textProperty().bind(text);
        label.managedProperty().bind(label.textProperty().isNotEmpty());
        label.visibleProperty().bind(label.managedProperty());
        return label;
    }
}
