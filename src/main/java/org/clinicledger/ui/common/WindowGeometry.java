package org.clinicledger.ui.common;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

import org.slf4j.LoggerFactory;

/** Where the main window was and how big, kept in {@code window.properties} in the data folder. */
public record WindowGeometry(double x, double y, double width, double height, boolean maximized) {

    static final String FILE_NAME = "window.properties";
    public static final double MIN_WIDTH = 760;
    public static final double MIN_HEIGHT = 520;

    public static WindowGeometry of(Stage stage) {
        return new WindowGeometry(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), stage.isMaximized());
    }

    /** Reads the saved geometry; empty when there is none or it is unreadable or implausible. */
    public static Optional<WindowGeometry> load(Path folder) {
        return SettingsFile.read(folder.resolve(FILE_NAME)).flatMap(properties -> {
            try {
                WindowGeometry geometry = new WindowGeometry(
                        Double.parseDouble(properties.getProperty("x")),
                        Double.parseDouble(properties.getProperty("y")),
                        Double.parseDouble(properties.getProperty("width")),
                        Double.parseDouble(properties.getProperty("height")),
                        Boolean.parseBoolean(properties.getProperty("maximized")));
                return geometry.isPlausible() ? Optional.of(geometry) : Optional.empty();
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(WindowGeometry.class).warn("Ignoring unreadable {}: {}", FILE_NAME, e.toString());
                return Optional.empty();
            }
        });
    }

    boolean isPlausible() {
        return Double.isFinite(x) && Double.isFinite(y) && Double.isFinite(width) && Double.isFinite(height)
                && width >= MIN_WIDTH && height >= MIN_HEIGHT && width <= 100_000 && height <= 100_000;
    }

    /** Writes atomically, so a crash never leaves half a file. */
    public void save(Path folder) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("x", Double.toString(x));
        properties.setProperty("y", Double.toString(y));
        properties.setProperty("width", Double.toString(width));
        properties.setProperty("height", Double.toString(height));
        properties.setProperty("maximized", Boolean.toString(maximized));
        SettingsFile.write(folder.resolve(FILE_NAME), properties, "ClinicLedger main window");
    }

    /** Places the stage here, unless no screen shows enough of it any more (a monitor was unplugged). */
    public void applyTo(Stage stage) {
        stage.setWidth(width);
        stage.setHeight(height);
        boolean visible = Screen.getScreensForRectangle(new Rectangle2D(x + 40, y + 10, width - 80, 40)).size() > 0;
        if (visible) {
            stage.setX(x);
            stage.setY(y);
        } else {
            stage.centerOnScreen();
        }
        stage.setMaximized(maximized);
    }
}
