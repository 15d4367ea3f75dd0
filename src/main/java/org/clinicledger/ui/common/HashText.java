package org.clinicledger.ui.common;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;

import atlantafx.base.theme.Styles;

/**
 * A hash shown whole, in groups of four so that people can read it aloud and compare it with a
 * receipt, beside a Copy button that copies it without the spaces.
 */
public final class HashText extends HBox {

    public HashText(String id, ObservableStringValue hex) {
        super(8);
        setAlignment(Pos.CENTER_LEFT);
        Label text = new Label();
        text.setId(id);
        text.getStyleClass().add("hash-text");
        text.setWrapText(true);
        text.textProperty().bind(Bindings.createStringBinding(() -> grouped(hex.get()), hex));
        Button copy = new Button(Texts.get("common.hashText.copy"));
        copy.setId(id + "Copy");
        copy.getStyleClass().add(Styles.SMALL);
        copy.setTooltip(new Tooltip(Texts.get("common.hashText.copyTheHash")));
        copy.disableProperty().bind(Bindings.createBooleanBinding(() -> hex.get() == null || hex.get().isEmpty(), hex));
        copy.setOnAction(event -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(hex.get());
            Clipboard.getSystemClipboard().setContent(content);
        });
        getChildren().setAll(text, copy);
    }

    /** {@code hex} in groups of four, separated by spaces; empty for null. */
    public static String grouped(String hex) {
        if (hex == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(hex.length() + hex.length() / 4);
        for (int i = 0; i < hex.length(); i += 4) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(hex, i, Math.min(hex.length(), i + 4));
        }
        return out.toString();
    }
}
