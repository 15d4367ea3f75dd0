package org.clinicledger.cli;

/** The exit codes of the headless commands: a public contract, documented in the README. */
public final class ExitCode {

    /** The command did what was asked. */
    public static final int OK = 0;
    /** Verification failed, something was not found, or the request was refused. */
    public static final int FAILED = 1;
    /** Wrong usage, or input (a file, a folder, a value) that cannot be used. */
    public static final int USAGE = 2;
    /** Authentication failed. */
    public static final int AUTHENTICATION = 3;
    /** An unexpected internal error; the message carries an error code that is also in the log. */
    public static final int INTERNAL = 70;

    private ExitCode() {
    }
}
