package org.clinicledger.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How a moment of the ledger is written for people wherever it leaves the machine (receipts, the
 * answers of checks): {@code 2026-11-27 15:46:39 UTC}. The same on every computer, whatever its time
 * zone, so that a printed receipt and a check made elsewhere say the same time.
 */
public final class UtcTime {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    private UtcTime() {
    }

    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }
}
