package org.clinicledger.ui.common;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;

import org.clinicledger.domain.StaffMember;

/**
 * Choosing a doctor from the clinic's list instead of typing a username: a search field that narrows
 * the list as one types part of a name or username ({@link PersonNames#matches}), and the list, which
 * names each doctor as {@link PersonNames#withSpecialty} does. Down from the search field moves into
 * the list, so the keyboard alone is enough.
 */
public final class DoctorPicker extends VBox {

    private final TextField search = new TextField();
    private final ListView<StaffMember> list;

    /**
     * @param id the search field's id; the list's is {@code id + "List"}
     * @param doctors the doctors to choose from; the picker shows those the search matches
     */
    public DoctorPicker(String id, ObservableList<StaffMember> doctors) {
        super(4);
        FilteredList<StaffMember> shown = new FilteredList<>(doctors);
        search.setId(id);
        search.setPromptText(Texts.get("common.doctorPicker.typePartOfA"));
        search.setAccessibleText(Texts.get("common.doctorPicker.searchTheClinicsDoctors"));
        search.textProperty().addListener((observable, before, now) -> {
            StaffMember chosen = list().getSelectionModel().getSelectedItem();
            shown.setPredicate(member -> PersonNames.matches(member, now));
            if (shown.size() == 1) {
                list().getSelectionModel().select(0);
            } else if (chosen != null && shown.contains(chosen)) {
                list().getSelectionModel().select(chosen);
            }
        });
        list = new ListView<>(shown);
        list.setId(id + "List");
        list.setPrefHeight(4 * 26 + 2);
        list.setMinHeight(3 * 26 + 2);
        list.setAccessibleText(Texts.get("common.doctorPicker.theClinicsDoctors"));
        list.setPlaceholder(new Label(Texts.get("common.doctorPicker.noDoctorMatches")));
        list.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(StaffMember member, boolean empty) {
                super.updateItem(member, empty);
                setText(empty || member == null ? null : PersonNames.withSpecialty(member));
            }
        });
        search.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.DOWN && !shown.isEmpty()) {
                list.requestFocus();
                if (list.getSelectionModel().isEmpty()) {
                    list.getSelectionModel().select(0);
                }
                event.consume();
            }
        });
        getChildren().addAll(search, list);
    }

    private ListView<StaffMember> list() {
        return list;
    }

    /** The chosen doctor; null while none is. */
    public ReadOnlyObjectProperty<StaffMember> selectedProperty() {
        return list.getSelectionModel().selectedItemProperty();
    }

    /**
     * Keeps {@code chosen} (a view model's property) to the doctor chosen here; when the view model
     * empties it (the form was sent), the search and the choice are forgotten too.
     */
    public void bindChoice(ObjectProperty<StaffMember> chosen) {
        selectedProperty().addListener((observable, before, now) -> chosen.set(now));
        chosen.addListener((observable, before, now) -> {
            // Null also comes from the list losing its selection while the search narrows it:
            // only a choice the list still shows is the form being emptied.
            if (now == null && list.getSelectionModel().getSelectedItem() != null) {
                clear();
            }
        });
    }

    /** Forgets the choice and the search: after it was used. */
    public void clear() {
        search.clear();
        list.getSelectionModel().clearSelection();
    }

    /** The search field, for a form's label and focus. */
    public TextField searchField() {
        return search;
    }
}
