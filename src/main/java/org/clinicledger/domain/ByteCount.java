package org.clinicledger.domain;

import java.util.Locale;

/** A number of bytes in words a person reads at a glance: "512 bytes", "3.4 MiB". */
public final class ByteCount {

    private ByteCount() {
    }

    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
