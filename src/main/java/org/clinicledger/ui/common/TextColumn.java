package org.clinicledger.ui.common;

import java.util.function.Function;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableColumn;

/** A read-only table column showing one text per row, as every table of the window does. */
public final class TextColumn {

    private TextColumn() {
    }

    public static <T> TableColumn<T, String> of(String title, double width, Function<? super T, String> text) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    /** {@code column}, never narrower than {@code width}: for headings and values that must stay whole. */
    public static <T> TableColumn<T, String> atLeast(TableColumn<T, String> column, double width) {
        column.setMinWidth(width);
        return column;
    }
}
