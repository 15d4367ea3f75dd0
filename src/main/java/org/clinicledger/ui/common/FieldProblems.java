package org.clinicledger.ui.common;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.control.Control;

import atlantafx.base.theme.Styles;
import org.controlsfx.validation.ValidationMessage;
import org.controlsfx.validation.decoration.GraphicValidationDecoration;

/**
 * What is wrong with each field of a form, one sentence per field, so that a view shows it at the
 * field it is about (with {@link InlineMessage} under it and the field outlined in red) instead of
 * in one line under the whole form. View models hold it; it holds no nodes.
 */
public final class FieldProblems<F extends Enum<F>> {

    private final Map<F, StringProperty> problems;

    public FieldProblems(Class<F> fields) {
        problems = new EnumMap<>(fields);
        for (F field : fields.getEnumConstants()) {
            problems.put(field, new SimpleStringProperty(this, field.name(), ""));
        }
    }

    /** The sentence about {@code field}; empty when nothing is wrong with it. */
    public StringProperty of(F field) {
        return problems.get(field);
    }

    public void set(F field, String sentence) {
        problems.get(field).set(sentence == null ? "" : sentence);
    }

    public void clear() {
        problems.values().forEach(problem -> problem.set(""));
    }

    /** Whether any field has a problem. */
    public boolean any() {
        return problems.values().stream().anyMatch(problem -> !problem.get().isEmpty());
    }

    /**
     * Outlines {@code field} in red and puts ControlsFX's error mark on its corner (the sentence as
     * its tooltip) while {@code problem} says something, and clears the problem as soon as the field
     * is changed, since what it said may no longer hold.
     */
    public static void decorate(Control field, StringProperty problem) {
        GraphicValidationDecoration marks = new GraphicValidationDecoration();
        Consumer<String> show = sentence -> {
            field.pseudoClassStateChanged(Styles.STATE_DANGER, !sentence.isEmpty());
            marks.removeDecorations(field);
            if (!sentence.isEmpty()) {
                marks.applyValidationDecoration(ValidationMessage.error(field, sentence));
            }
        };
        show.accept(problem.get());
        problem.addListener((observable, before, now) -> show.accept(now));
        if (field instanceof javafx.scene.control.TextInputControl input) {
            input.textProperty().addListener((observable, before, now) -> problem.set(""));
        }
    }
}
