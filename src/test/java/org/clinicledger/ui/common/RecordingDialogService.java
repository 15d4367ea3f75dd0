package org.clinicledger.ui.common;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** Records what would have been shown and answers with scripted replies, for view-model tests. */
public final class RecordingDialogService implements DialogService {

    public final List<String> shown = new ArrayList<>();
    public final Deque<Optional<String>> textReplies = new ArrayDeque<>();
    public boolean confirmReply;

    @Override
    public void showInformation(String title, String message) {
        shown.add("information: " + title + ": " + message);
    }

    @Override
    public void showError(String title, String message) {
        shown.add("error: " + title + ": " + message);
    }

    @Override
    public void showUnexpectedError(String errorCode) {
        shown.add("unexpected: " + errorCode);
    }

    @Override
    public boolean confirm(String title, String message, String confirmLabel) {
        shown.add("confirm: " + title);
        return confirmReply;
    }

    @Override
    public Optional<String> askForText(String title, String label, String initialValue) {
        shown.add("ask: " + title + " [" + initialValue + "]");
        return textReplies.isEmpty() ? Optional.empty() : textReplies.removeFirst();
    }
}
