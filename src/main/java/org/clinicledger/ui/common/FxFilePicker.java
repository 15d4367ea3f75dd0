package org.clinicledger.ui.common;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The system's file chooser, owned by the window a view is in. */
public final class FxFilePicker implements FilePicker {

    private final Supplier<Window> owner;

    public FxFilePicker(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public List<Path> chooseFilesToOpen(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        List<File> files = chooser.showOpenMultipleDialog(owner.get());
        return files == null ? List.of() : files.stream().map(File::toPath).toList();
    }

    @Override
    public Optional<Path> chooseFileToSave(String title, String suggestedName) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(suggestedName);
        return Optional.ofNullable(chooser.showSaveDialog(owner.get())).map(File::toPath);
    }
}
