package org.clinicledger.ui.common;

import java.time.LocalDate;

import javafx.beans.property.StringProperty;
import javafx.geometry.Pos;
import javafx.scene.control.DatePicker;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.StringConverter;

import org.clinicledger.domain.InvalidInputException;

/**
 * A day, typed as {@code YYYY-MM-DD} or picked from a calendar, whatever the computer's locale. The
 * typed text is what counts and is never rewritten or thrown away: JavaFX's own editable
 * {@code DatePicker} parses with the locale's format ("11/20/2026") and throws on anything else,
 * which ended in an unexpected-error dialog, and it empties the field on a value it cannot read. Here
 * the calendar is only a button beside the text: picking a day writes it into the text as ISO, and
 * the form reads the text with {@link IsoDates} and says what is wrong at the field.
 */
public final class IsoDateField extends HBox {

    private final TextField text = new TextField();
    private final DatePicker calendar = new DatePicker();

    /**
     * @param id the text field's id; the calendar button's is {@code id + "Calendar"}
     * @param value the typed text, bound both ways
     */
    public IsoDateField(String id, String prompt, StringProperty value) {
        super(4);
        setAlignment(Pos.CENTER_LEFT);
        text.setId(id);
        text.setPromptText(prompt);
        text.textProperty().bindBidirectional(value);
        text.setPrefColumnCount(12);
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);

        calendar.setId(id + "Calendar");
        calendar.setEditable(false);
        calendar.setConverter(new StringConverter<>() {
            @Override
            public String toString(LocalDate date) {
                return IsoDates.format(date);
            }

            @Override
            public LocalDate fromString(String typed) {
                return readable(typed);
            }
        });
        // Only the calendar's button shows: the text field beside it holds the date.
        calendar.getStyleClass().add("calendar-button");
        calendar.getEditor().setVisible(false);
        calendar.setPrefWidth(36);
        calendar.setMinWidth(36);
        calendar.setMaxWidth(36);
        calendar.setFocusTraversable(false);
        calendar.setAccessibleText(Texts.get("common.isoDateField.pickADayFrom"));
        calendar.setTooltip(new Tooltip(Texts.get("common.isoDateField.pickADay")));
        calendar.setOnShowing(event -> calendar.setValue(readable(text.getText())));
        calendar.valueProperty().addListener((observable, before, picked) -> {
            if (picked != null && calendar.isShowing()) {
                text.setText(IsoDates.format(picked));
            }
        });
        calendar.setOnHidden(event -> {
            if (calendar.getValue() != null && !IsoDates.format(calendar.getValue()).equals(text.getText().strip())) {
                text.setText(IsoDates.format(calendar.getValue()));
            }
        });
        getChildren().addAll(text, calendar);
    }

    /** The field people type in, for a form's label and its problem decoration. */
    public TextField editor() {
        return text;
    }

    private static LocalDate readable(String typed) {
        try {
            return IsoDates.parse(typed, Texts.get("common.isoDateField.theDay"));
        } catch (InvalidInputException e) {
            return null;
        }
    }
}
