package org.clinicledger.ui.common;

import java.util.Optional;

import org.clinicledger.clinic.ErrorCode;
import org.clinicledger.domain.UserFacingException;
import org.slf4j.LoggerFactory;

/**
 * The one way the window talks to the user in dialogs. View models depend on this interface, so
 * they can be tested without a window.
 */
public interface DialogService {

    void showInformation(String title, String message);

    /** An expected problem, told in a plain sentence. */
    void showError(String title, String message);

    /** Something nobody expected: the user gets a short code to quote; the details are in the log. */
    void showUnexpectedError(String errorCode);

    boolean confirm(String title, String message, String confirmLabel);

    /** Asks for one line of text; empty when the user cancels. */
    Optional<String> askForText(String title, String label, String initialValue);

    /**
     * Reports a failed action: expected failures as they are, anything else with an error code
     * that is logged together with the full details.
     */
    default void reportFailure(String title, Throwable failure) {
        if (failure instanceof UserFacingException) {
            showError(title, failure.getMessage());
            return;
        }
        String code = ErrorCode.of(failure);
        LoggerFactory.getLogger(DialogService.class).error("Unexpected error {} during '{}'", code, title, failure);
        showUnexpectedError(code);
    }
}
