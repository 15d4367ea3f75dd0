package org.clinicledger.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.clinicledger.clinic.ReceiptService;
import org.clinicledger.domain.PaperSize;
import org.clinicledger.domain.Receipt;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The printed receipt of a record version, as one page of PDF. */
@Command(name = "receipt",
        description = {"Write the receipt of a record version as a one-page PDF: clinic and fingerprint, patient MRN,",
            "record, version, date, doctor, the record hash in groups for reading aloud, the block hash, the chain's",
            "signed checkpoint, and a QR code holding the hashes and the checkpoint (docs/formats/receipt-qr.md).",
            "Nothing of the record's content. The password comes from $CLINICLEDGER_PASSWORD, else it is asked for.",
            "Exit codes: 0 written, 1 access denied or unknown record or version, 2 unusable --out or --paper,",
            "3 authentication."})
final class ReceiptCommand implements Callable<Integer> {

    @ParentCommand
    ClinicLedgerCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    RecordVersionOptions target;

    @Mixin
    OutputFileOptions output;

    @Option(names = "--paper", paramLabel = "SIZE",
            description = "A4 or Letter (default: the usual paper where this computer's locale is).")
    String paper;

    @Mixin
    HelpOption help;

    @Override
    public Integer call() {
        PaperSize size = paper == null ? PaperSize.forLocale(Locale.getDefault()) : PaperSize.parse(paper);
        output.requireWritable();
        Receipt receipt = SignedInRun.as(parent, target.username(), (workspace, session) ->
                workspace.receipts().receipt(session, target.recordId(), target.version()));
        output.write(ReceiptService.receiptPdf(receipt, size));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Wrote the receipt of record %s, version %d, to %s (%s).%n", TerminalText.escape(receipt.recordId()),
                receipt.version(), TerminalText.escape(output.out), size == PaperSize.A4 ? "A4" : "Letter");
        out.printf("Record hash: %s%n", receipt.recordHash());
        out.flush();
        return ExitCode.OK;
    }
}
