package org.clinicledger;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.reflect.InvocationTargetException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.clinicledger.cli.ExitCode;

/**
 * Opens the window. JavaFX is only supported as named modules; run as {@code java -jar} its jars
 * would land on the class path. So the launcher builds a module layer from the JavaFX, ControlsFX
 * and AtlantaFX jars in {@code lib/} and loads the {@code ui} package through a class loader
 * above that layer. When JavaFX is already on the module path (a runtime image, {@code javafx:run})
 * or the application runs from a class folder, it uses what is there.
 */
final class DesktopLauncher {

    static final String APPLICATION_CLASS = "org.clinicledger.ui.ClinicLedgerApp";
    private static final String UI_PACKAGE = "org.clinicledger.ui.";
    private static final Set<String> ROOT_MODULES = Set.of("javafx.controls", "org.controlsfx.controls", "atlantafx.base");
    /** JavaFX jars with a platform classifier hold the real modules; the ones without are empty. */
    private static final Pattern LAYER_JAR = Pattern.compile(
            "javafx-[a-z]+-[0-9][0-9.]*(-ea\\+[0-9]+)?-[a-z0-9-]+\\.jar|controlsfx-.+\\.jar|atlantafx-base-.+\\.jar");
    /** JavaFX internals that ControlsFX's skins reach into (what {@code --add-exports} would say). */
    private static final Map<String, List<String>> CONTROLSFX_NEEDS = Map.of(
            "javafx.base", List.of("com.sun.javafx.event", "com.sun.javafx.collections", "com.sun.javafx.runtime"),
            "javafx.graphics", List.of("com.sun.javafx.scene", "com.sun.javafx.scene.traversal", "com.sun.javafx.css"),
            "javafx.controls", List.of("com.sun.javafx.scene.control", "com.sun.javafx.scene.control.behavior",
                    "com.sun.javafx.scene.control.inputmap", "javafx.scene.control.skin"));

    private DesktopLauncher() {
    }

    /** @param file an export file the window is to import, or null */
    static void launch(Path dataFolder, Path file, PrintWriter err) {
        try {
            ClassLoader loader = userInterfaceLoader();
            Thread.currentThread().setContextClassLoader(loader);
            Class<?> application = Class.forName(APPLICATION_CLASS, true, loader);
            application.getMethod("launchWindow", Path.class, Path.class).invoke(null, dataFolder, file);
        } catch (InvocationTargetException e) {
            fail(err, e.getCause() == null ? e : e.getCause());
        } catch (ReflectiveOperationException | IOException | FindException | URISyntaxException | LinkageError e) {
            fail(err, e);
        }
    }

    private static void fail(PrintWriter err, Throwable failure) {
        err.println("clinicledger: cannot open the window: " + failure
                + ". Headless commands still work; see 'clinicledger --help'.");
        err.flush();
        System.exit(ExitCode.INTERNAL);
    }

    private static ClassLoader userInterfaceLoader() throws IOException, URISyntaxException {
        ClassLoader own = DesktopLauncher.class.getClassLoader();
        if (ModuleLayer.boot().findModule("javafx.graphics").isPresent()) {
            return own;
        }
        Path location = Path.of(DesktopLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path lib = location.resolveSibling("lib");
        if (!Files.isRegularFile(location) || !Files.isDirectory(lib)) {
            return own;
        }
        Path[] jars;
        try (Stream<Path> files = Files.list(lib)) {
            jars = files.filter(file -> LAYER_JAR.matcher(file.getFileName().toString()).matches()).toArray(Path[]::new);
        }
        Configuration configuration = ModuleLayer.boot().configuration()
                .resolve(ModuleFinder.of(jars), ModuleFinder.of(), ROOT_MODULES);
        ModuleLayer.Controller controller = ModuleLayer.defineModulesWithOneLoader(
                configuration, List.of(ModuleLayer.boot()), ClassLoader.getSystemClassLoader());
        Module controlsFx = controller.layer().findModule("org.controlsfx.controls").orElseThrow();
        CONTROLSFX_NEEDS.forEach((moduleName, packages) -> {
            Module module = controller.layer().findModule(moduleName).orElseThrow();
            for (String packageName : packages) {
                controller.addOpens(module, packageName, controlsFx);
            }
        });
        ClassLoader javaFx = controller.layer().findLoader("javafx.graphics");
        return new UserInterfaceClassLoader(new URL[] {location.toUri().toURL()}, javaFx);
    }

    /**
     * Loads the {@code ui} package itself, so that its classes see JavaFX in the layer; everything
     * else (the services, the libraries) comes from the parent chain and is shared with the rest.
     */
    private static final class UserInterfaceClassLoader extends URLClassLoader {
        static {
            registerAsParallelCapable();
        }

        UserInterfaceClassLoader(URL[] urls, ClassLoader parent) {
            super("clinicledger-ui", urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(UI_PACKAGE)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    loaded = findClass(name);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }
}
