package org.clinicledger.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.clinic.FileLogging;
import org.clinicledger.clinic.LedgerBenchmark;
import org.clinicledger.clinic.WindowStartBenchmark;
import org.clinicledger.domain.Progress;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Prints the ledger's speed beside this machine's raw limits, measured in the same run. */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = {"Measure appends and verification against raw SHA-256, AES-256-GCM, Ed25519 and a durable",
            "SQLite insert on this machine, and export and import against SHA-256 and AES-256-GCM over the",
            "same file, the patient directory's search as someone types, and a patient's FHIR export against",
            "SHA-256, AES-256-GCM and base64 over the same Bundle, with the heap it ran in. Works on synthetic data",
            "in a scratch folder; --data is not used."})
final class BenchmarkCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--blocks", paramLabel = "N", defaultValue = "100000",
            description = "Size of the ledger to build and verify (default ${DEFAULT-VALUE}, at least 1000).")
    int blocks;

    @Option(names = "--export-mib", paramLabel = "MIB", defaultValue = "" + LedgerBenchmark.DEFAULT_EXPORT_MIB,
            description = "Attachments in the clinic whose export and import are measured, in MiB "
                    + "(default ${DEFAULT-VALUE}).")
    int exportMebibytes;

    @Option(names = "--window", paramLabel = "DIR",
            description = "Instead, time the window's start on the data folder DIR (such as a 10,000-patient demo) "
                    + "against the bare JVM's start; needs a display.")
    java.nio.file.Path windowFolder;

    @Option(names = "--runs", paramLabel = "R", defaultValue = "5",
            description = "With --window: how many starts to take the median of (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--patients", paramLabel = "N", defaultValue = "" + LedgerBenchmark.DEFAULT_PATIENTS,
            description = "Patients in the directory whose search is measured (default ${DEFAULT-VALUE}, at least 1000).")
    int patients;

    @Option(names = "--fhir-records", paramLabel = "N", defaultValue = "500",
            description = "Records of the patient whose FHIR export is measured (default ${DEFAULT-VALUE}).")
    int fhirRecords;

    @Option(names = "--fhir-mib", paramLabel = "MIB", defaultValue = "64",
            description = "Attachments shared among those records, in MiB (default ${DEFAULT-VALUE}).")
    int fhirMebibytes;

    @Option(names = "--fhir-only", description = "Measure only the FHIR export.")
    boolean fhirOnly;

    @Option(names = "--json", description = "Print the figures as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Progress progress = json ? Progress.NONE : (done, total, message) -> {
            err.println(message);
            err.flush();
        };
        // It works in scratch folders only: no data folder to log into, and standard output is for figures.
        FileLogging.discard();
        LedgerBenchmark.Result result;
        if (windowFolder != null) {
            if (runs < 1 || runs > 100) {
                throw new ParameterException(spec.commandLine(), "--runs must be between 1 and 100.");
            }
            List<LedgerBenchmark.Figure> figures = new ArrayList<>();
            List<LedgerBenchmark.Figure> ratios = new ArrayList<>();
            new WindowStartBenchmark(windowFolder.toAbsolutePath(), runs).run(figures, ratios);
            result = new LedgerBenchmark.Result(figures, ratios);
        } else if (fhirOnly) {
            result = LedgerBenchmark.fhirOnly(fhirRecords, fhirMebibytes);
        } else {
            result = new LedgerBenchmark(blocks, exportMebibytes, patients).withFhir(fhirRecords, fhirMebibytes)
                    .run(progress);
        }
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode();
            add(root.putArray("figures"), result.figures());
            add(root.putArray("ratios"), result.ratios());
            out.println(mapper.writeValueAsString(root));
        } else {
            result.figures().forEach(figure -> out.printf(Locale.ROOT, "%-62s %12.2f %s%n", figure.name(),
                    figure.value(), figure.unit()));
            out.println();
            result.ratios().forEach(ratio -> out.printf(Locale.ROOT, "%-62s %12.3f%s%n", ratio.name(), ratio.value(),
                    ratio.unit()));
        }
        out.flush();
        return ExitCode.OK;
    }

    private static void add(ArrayNode array, java.util.List<LedgerBenchmark.Figure> figures) {
        for (LedgerBenchmark.Figure figure : figures) {
            ObjectNode item = array.addObject();
            item.put("name", figure.name());
            item.put("value", figure.value());
            item.put("unit", figure.unit());
        }
    }
}
