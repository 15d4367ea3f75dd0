package org.clinicledger;

import java.io.PrintWriter;
import java.nio.charset.Charset;

import org.clinicledger.cli.CommandLineInterface;

/**
 * The one entry point of {@code clinicledger.jar}: with a command it runs headless, without one it
 * opens the window. It never touches JavaFX itself, so headless commands run on machines without a
 * display or without JavaFX's native libraries.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Charset console = System.console() != null ? System.console().charset() : Charset.defaultCharset();
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, console), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, console), true);
        CommandLineInterface.Outcome outcome = CommandLineInterface.run(args, out, err);
        if (!outcome.opensWindow()) {
            System.exit(outcome.exitCode());
        }
        DesktopLauncher.launch(outcome.windowDataFolder(), outcome.windowFile(), err);
    }
}
