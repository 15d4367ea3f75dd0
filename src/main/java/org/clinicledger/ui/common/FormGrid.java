package org.clinicledger.ui.common;

import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

import atlantafx.base.theme.Styles;

/** Two columns of a form: what to enter on the left, the field on the right. */
public final class FormGrid extends GridPane {

    private int rows;

    public FormGrid() {
        setHgap(16);
        setVgap(8);
        ColumnConstraints names = new ColumnConstraints();
        names.setMinWidth(160);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setMaxWidth(420);
        getColumnConstraints().addAll(names, fields);
    }

    /** Adds a row; the label names the field for screen readers. */
    public FormGrid row(String name, Control field) {
        Label label = new Label(name);
        label.setLabelFor(field);
        field.setMaxWidth(Double.MAX_VALUE);
        if (field.getAccessibleText() == null) {
            field.setAccessibleText(name);
        }
        addRow(rows++, label, field);
        return this;
    }

    /**
     * Adds a row whose field is a group of nodes ({@code shown}, such as a date field with its
     * calendar button); {@code labelled} is the control in it that the label names.
     */
    public FormGrid row(String name, Control labelled, javafx.scene.layout.Region shown) {
        Label label = new Label(name);
        label.setLabelFor(labelled);
        if (labelled.getAccessibleText() == null) {
            labelled.setAccessibleText(name);
        }
        shown.setMaxWidth(Double.MAX_VALUE);
        addRow(rows++, label, shown);
        return this;
    }

    /** Adds a row that is shown only while {@code shown} says so. */
    public FormGrid row(String name, Control field, ObservableBooleanValue shown) {
        row(name, field);
        Node label = getChildren().get(getChildren().size() - 2);
        for (Node node : new Node[] {label, field}) {
            node.visibleProperty().bind(shown);
            node.managedProperty().bind(node.visibleProperty());
        }
        return this;
    }

    /** A muted hint in the field column. */
    public FormGrid hint(String text) {
        Label hint = new Label(text);
        hint.setWrapText(true);
        hint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        add(hint, 1, rows++);
        return this;
    }

    /** A sentence about the field above, such as {@link InlineMessage}'s, in the field column. */
    public FormGrid message(Label message) {
        add(message, 1, rows++);
        return this;
    }

    /** A hint that is shown only while {@code shown} says so. */
    public FormGrid hint(String text, ObservableBooleanValue shown) {
        hint(text);
        Node hint = getChildren().get(getChildren().size() - 1);
        hint.visibleProperty().bind(shown);
        hint.managedProperty().bind(hint.visibleProperty());
        return this;
    }
}
