package org.clinicledger.ui.common;

import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

import atlantafx.base.theme.Styles;

/** Two columns of facts: a muted name on the left, a selectable value on the right. */
public final class FactGrid extends GridPane {

    private int rows;

    public FactGrid() {
        setHgap(16);
        setVgap(6);
        ColumnConstraints names = new ColumnConstraints();
        names.setMinWidth(140);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        getColumnConstraints().addAll(names, values);
    }

    /** A named value: a label, or more (a hash with its Copy button). */
    public FactGrid row(String name, javafx.scene.Node value) {
        Label label = new Label(name);
        label.getStyleClass().add(Styles.TEXT_MUTED);
        label.setLabelFor(value);
        addRow(rows++, label, value);
        return this;
    }

    /** A value label with an id, so tests and screen readers can find it. */
    public static Label value(String id) {
        Label value = new Label();
        value.setId(id);
        value.setWrapText(true);
        return value;
    }
}
