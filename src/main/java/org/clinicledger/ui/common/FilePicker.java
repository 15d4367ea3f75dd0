package org.clinicledger.ui.common;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** How views ask for files to read or a place to write one; tests answer without a file chooser. */
public interface FilePicker {

    /** Files to open; empty when the user cancels. */
    List<Path> chooseFilesToOpen(String title);

    /** Where to save a file, suggesting {@code suggestedName}; empty when the user cancels. */
    Optional<Path> chooseFileToSave(String title, String suggestedName);
}
