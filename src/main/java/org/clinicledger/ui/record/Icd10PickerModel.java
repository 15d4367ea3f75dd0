package org.clinicledger.ui.record;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.clinicledger.clinic.Icd10Catalog;
import org.clinicledger.domain.Icd10Code;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.Texts;

/**
 * The ICD-10 field of the record form: what is typed (a code, or words of a diagnosis) is searched
 * in the ICD-10-CM list as it is typed, in the background, the newest query winning; choosing a
 * suggestion puts its code in the field and hands the entry on (the form fills the diagnosis with its
 * title). The field may stay empty. A typed code that is not in the list is allowed with a warning (a
 * clinic may use another edition); text that is no code is a problem at the field when saving.
 */
public final class Icd10PickerModel {

    /** Most suggestions shown under the field. */
    static final int SUGGESTIONS = 12;

    private final BackgroundTasks tasks;
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final ObservableList<Icd10Catalog.Entry> suggestions = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper warning = new ReadOnlyStringWrapper(this, "warning", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyStringWrapper chosenTitle = new ReadOnlyStringWrapper(this, "chosenTitle", "");
    private Consumer<Icd10Catalog.Entry> onChosen = entry -> { };
    private long latestQuery;
    private boolean choosing;

    public Icd10PickerModel(BackgroundTasks tasks) {
        this.tasks = tasks;
        text.addListener((observable, before, now) -> {
            if (!choosing) {
                typed(now);
            }
        });
    }

    /** Runs with the chosen entry, after its code was put in the field. */
    public void setOnChosen(Consumer<Icd10Catalog.Entry> callback) {
        this.onChosen = callback;
    }

    /** Sets the field without searching (a form filled from an earlier version). */
    public void fill(String code) {
        choosing = true;
        try {
            text.set(code == null ? "" : code);
        } finally {
            choosing = false;
        }
        latestQuery++;
        suggestions.clear();
        problem.set("");
        String typed = text.get();
        tasks.task(Texts.get("record.icd10PickerModel.lookingUpTheIcd"),
                progress -> Icd10Catalog.standard().find(typed))
                .onSuccess(found -> {
                    if (typed.equals(text.get())) {
                        describe(typed, found);
                    }
                })
                .start();
    }

    private void typed(String now) {
        long query = ++latestQuery;
        problem.set("");
        String typed = now == null ? "" : now.strip();
        if (typed.isEmpty()) {
            suggestions.clear();
            warning.set("");
            chosenTitle.set("");
            return;
        }
        tasks.task(Texts.get("record.icd10PickerModel.searchingIcdCodes"), progress -> {
            Icd10Catalog catalog = Icd10Catalog.standard();
            return new Found(catalog.search(typed, SUGGESTIONS), catalog.find(typed));
        }).onSuccess(found -> {
            if (query != latestQuery) {
                return;
            }
            suggestions.setAll(found.suggestions());
            describe(typed, found.exact());
        }).start();
    }

    private record Found(List<Icd10Catalog.Entry> suggestions, Optional<Icd10Catalog.Entry> exact) {
    }

    private void describe(String typed, Optional<Icd10Catalog.Entry> exact) {
        if (typed.isBlank()) {
            warning.set("");
            chosenTitle.set("");
        } else if (exact.isPresent()) {
            warning.set("");
            chosenTitle.set(exact.get().title());
        } else if (isCodeForm(typed)) {
            chosenTitle.set("");
            warning.set(Texts.format("record.icd10PickerModel.isNotInThe", Icd10Code.parse(typed).value()));
        } else {
            chosenTitle.set("");
            warning.set("");
        }
    }

    private static boolean isCodeForm(String typed) {
        try {
            Icd10Code.parse(typed);
            return true;
        } catch (InvalidInputException notACode) {
            return false;
        }
    }

    /** Puts the entry's code in the field, hides the suggestions and hands the entry on. */
    public void choose(Icd10Catalog.Entry entry) {
        if (entry == null) {
            return;
        }
        latestQuery++;
        choosing = true;
        try {
            text.set(entry.code().value());
        } finally {
            choosing = false;
        }
        suggestions.clear();
        warning.set("");
        problem.set("");
        chosenTitle.set(entry.title());
        onChosen.accept(entry);
    }

    /**
     * The code in the field, null when it is empty.
     *
     * @throws InvalidInputException when the field holds something that is not a code; the sentence
     *     then also shows at the field
     */
    public Icd10Code code() {
        String typed = text.get() == null ? "" : text.get().strip();
        if (typed.isEmpty()) {
            return null;
        }
        try {
            return Icd10Code.parse(typed);
        } catch (InvalidInputException notACode) {
            String sentence = Texts.format("record.icd10PickerModel.isNotAnIcd", typed);
            problem.set(sentence);
            throw new InvalidInputException(sentence);
        }
    }

    /** What is typed: a code, or words to search for. */
    public StringProperty textProperty() {
        return text;
    }

    /** The codes that match what is typed, best first; empty when nothing is typed or after a choice. */
    public ObservableList<Icd10Catalog.Entry> suggestions() {
        return suggestions;
    }

    /** The title of the code in the field when the list knows it, e.g. "Mild persistent asthma"; else empty. */
    public ReadOnlyStringProperty chosenTitleProperty() {
        return chosenTitle.getReadOnlyProperty();
    }

    /** A code the list does not know; empty otherwise. */
    public ReadOnlyStringProperty warningProperty() {
        return warning.getReadOnlyProperty();
    }

    /** Why the field cannot be saved as it is; empty otherwise. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }
}
