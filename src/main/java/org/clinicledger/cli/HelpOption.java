package org.clinicledger.cli;

import picocli.CommandLine.Option;

/**
 * {@code -h, --help} alone, for the commands whose {@code --version} names a record version and so
 * cannot take picocli's standard {@code -V, --version}.
 */
final class HelpOption {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;
}
