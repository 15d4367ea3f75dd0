package org.clinicledger.ui.common;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.clinicledger.domain.BlockKind;
import org.clinicledger.domain.ChainEntry;
import org.clinicledger.domain.ChainId;
import org.clinicledger.domain.MedicalRecordNumber;

/**
 * How the window writes times, parties, block kinds and hashes: short and in plain words. Dates and
 * times have one short form whatever the locale ("2026-11-27 17:12"), the same ISO order people type
 * dates in, so that a column never cuts a time off ("Nov 27, 2026, 5:12 …") and lists sort as read.
 */
public final class Formats {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");
    private static final int SHORT_HASH = 12;

    private Formats() {
    }

    /** "2026-11-27 17:12" in this computer's time zone; empty for null. */
    public static String time(Instant instant) {
        return instant == null ? "" : DATE_TIME.format(instant.atZone(ZoneId.systemDefault()));
    }

    /** "2026-11-27"; empty for null. */
    public static String date(LocalDate date) {
        return date == null ? "" : IsoDates.format(date);
    }

    /** The first characters of a hash, for a table; the whole hash goes in a tooltip. */
    public static String shortHash(String hash) {
        return hash == null || hash.length() <= SHORT_HASH ? hash : hash.substring(0, SHORT_HASH) + "…";
    }

    public static String kind(BlockKind kind) {
        return switch (kind) {
            case REGISTRATION -> "Registered";
            case RECORD_ADDED -> "Record added";
            case RECORD_AMENDED -> "Record amended";
            case RECORD_DELETED -> "Record deleted";
            case REFERRAL -> "Referral";
            case ACCESS_GRANTED -> "Access granted";
            case ACCESS_REVOKED -> "Access revoked";
            case RECORD_VIEWED -> "Record viewed";
            case EMERGENCY_ACCESS -> "Emergency access";
            case KEY_ROTATED -> "New key";
            case PASSWORD_CHANGED -> "Password changed";
            case KEY_RECOVERED -> "Keys recovered";
            case DEMOGRAPHICS_CORRECTED -> "Details corrected";
            case ACCOUNT_STATUS -> "Account status";
            case PATIENT_MERGED -> "Merged into another patient";
        };
    }

    /** A party as people say it: "dr.lee (doctor)", "patient 4350-0116-9", or "you" for {@code self}. */
    public static String party(ChainId party, ChainId self) {
        if (party == null) {
            return "";
        }
        if (party.equals(self)) {
            return "You";
        }
        return switch (party.party()) {
            case DOCTOR -> party.subject() + " (doctor)";
            case PATIENT -> "patient " + mrn(party.subject());
            case STAFF -> party.subject() + " (staff)";
            case CLINIC -> "the clinic";
            case NODE -> "a clinic computer";
        };
    }

    /** Who confirmed an emergency access: "boss (staff)", or "the clinic's recovery sheet". */
    public static String confirmer(ChainEntry.Confirmer confirmer, ChainId self) {
        if (confirmer == null) {
            return "";
        }
        return confirmer.bySheet() ? "the clinic's recovery sheet" : party(confirmer.administrator(), self);
    }

    public static String mrn(String digits) {
        try {
            return new MedicalRecordNumber(digits).toString();
        } catch (RuntimeException e) {
            return digits;
        }
    }
}
