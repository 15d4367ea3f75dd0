package org.clinicledger.ui.common;

import java.util.function.Function;

import javafx.print.PageLayout;
import javafx.print.PrinterJob;
import javafx.scene.Node;
import javafx.stage.Window;

/**
 * Printing one page through the system's print dialog, straight from memory: nothing is written to
 * disk on the way. A computer without a printer is common (and is every headless test), so it is an
 * outcome to word, not an error.
 */
public final class Printing {

    /** How a print ended. */
    public enum Outcome {
        /** This computer has no printer set up. */
        NO_PRINTER,
        /** The person closed the print dialog without printing. */
        CANCELLED,
        /** The page went to the printer. */
        PRINTED,
        /** The printer refused the page or the job. */
        FAILED
    }

    private Printing() {
    }

    /**
     * Asks for a printer in the system's dialog, then prints the one page {@code page} makes for the
     * printable area the person chose. Call on the JavaFX thread.
     */
    public static Outcome printOnePage(Window owner, Function<PageLayout, Node> page) {
        PrinterJob job;
        try {
            job = PrinterJob.createPrinterJob();
        } catch (RuntimeException noPrintingHere) {
            job = null;
        }
        if (job == null) {
            return Outcome.NO_PRINTER;
        }
        if (!job.showPrintDialog(owner)) {
            job.cancelJob();
            return Outcome.CANCELLED;
        }
        PageLayout layout = job.getJobSettings().getPageLayout();
        if (job.printPage(layout, page.apply(layout)) && job.endJob()) {
            return Outcome.PRINTED;
        }
        job.cancelJob();
        return Outcome.FAILED;
    }
}
