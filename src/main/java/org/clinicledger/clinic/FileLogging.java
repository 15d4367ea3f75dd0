package org.clinicledger.clinic;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;

/**
 * Sends the log to {@code logs/clinicledger.log} in the data folder, rotated at 5 MB with four old
 * files kept. Called once the data folder is known to be ours, so nothing is written into a folder
 * that is not. Log lines never carry patient data or secrets: only ids, counts and error details.
 */
public final class FileLogging {

    static final String FILE_NAME = "clinicledger.log";
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private static volatile boolean writingToFile;

    private FileLogging() {
    }

    /**
     * Logs nowhere: for commands that only read a data folder ({@code info}, {@code verify}), which
     * must not write a log into it, and whose expected failures the terminal already shows. Without
     * this, Logback's default would print every debug line onto standard output.
     */
    public static synchronized void discard() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.reset();
        writingToFile = false;
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.OFF);
    }

    /** Whether the log goes to a file, so that a message may point there for details. */
    public static boolean writesToFile() {
        return writingToFile;
    }

    /**
     * Creates the log file (and its folder) readable by its owner only before Logback opens it,
     * at start and after each rotation: Logback would create it with the process's default mode.
     */
    private static final class PrivateRollingFileAppender extends RollingFileAppender<ILoggingEvent> {
        @Override
        public void openFile(String fileName) throws IOException {
            if (POSIX) {
                Path file = Path.of(fileName);
                Path folder = file.getParent();
                if (folder != null && !Files.isDirectory(folder)) {
                    Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
                }
                if (!Files.exists(file)) {
                    try {
                        Files.createFile(file, PosixFilePermissions.asFileAttribute(
                                PosixFilePermissions.fromString("rw-------")));
                    } catch (FileAlreadyExistsException madeMeanwhile) {
                        // Another process of the same folder made it: it keeps its mode.
                    }
                }
            }
            super.openFile(fileName);
        }
    }

    public static synchronized void writeTo(Path logFolder) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.reset();
        writingToFile = true;
        RollingFileAppender<ILoggingEvent> appender = new PrivateRollingFileAppender();
        appender.setContext(context);
        appender.setName("file");
        appender.setFile(logFolder.resolve(FILE_NAME).toString());

        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(logFolder.resolve("clinicledger.%i.log").toString());
        rolling.setMinIndex(1);
        rolling.setMaxIndex(4);
        rolling.start();

        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(FileSize.valueOf("5MB"));
        trigger.start();

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();

        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(trigger);
        appender.setEncoder(encoder);
        appender.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(appender);
    }
}
