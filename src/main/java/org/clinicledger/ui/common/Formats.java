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
            case REGISTRATION -> Texts.get("common.formats.registered");
            case RECORD_ADDED -> Texts.get("common.formats.recordAdded");
            case RECORD_AMENDED -> Texts.get("common.formats.recordAmended");
            case RECORD_DELETED -> Texts.get("common.formats.recordDeleted");
            case REFERRAL -> Texts.get("common.formats.referral");
            case ACCESS_GRANTED -> Texts.get("common.formats.accessGranted");
            case ACCESS_REVOKED -> Texts.get("common.formats.accessRevoked");
            case RECORD_VIEWED -> Texts.get("common.formats.recordViewed");
            case EMERGENCY_ACCESS -> Texts.get("common.formats.emergencyAccess");
            case KEY_ROTATED -> Texts.get("common.formats.newKey");
            case PASSWORD_CHANGED -> Texts.get("common.formats.passwordChanged");
            case KEY_RECOVERED -> Texts.get("common.formats.keysRecovered");
            case DEMOGRAPHICS_CORRECTED -> Texts.get("common.formats.detailsCorrected");
            case ACCOUNT_STATUS -> Texts.get("common.formats.accountStatus");
            case PATIENT_MERGED -> Texts.get("common.formats.patientMerged");
        };
    }

    /** A party as people say it: "dr.lee (doctor)", "patient 4350-0116-9", or "you" for {@code self}. */
    public static String party(ChainId party, ChainId self) {
        if (party == null) {
            return "";
        }
        if (party.equals(self)) {
            return Texts.get("common.formats.you");
        }
        return switch (party.party()) {
            case DOCTOR -> Texts.format("common.formats.doctor", party.subject());
            case PATIENT -> Texts.format("common.formats.patient", mrn(party.subject()));
            case STAFF -> Texts.format("common.formats.staff", party.subject());
            case CLINIC -> Texts.get("common.formats.theClinic");
            case NODE -> Texts.get("common.formats.aClinicComputer");
        };
    }

    /** Who confirmed an emergency access: "boss (staff)", or "the clinic's recovery sheet". */
    public static String confirmer(ChainEntry.Confirmer confirmer, ChainId self) {
        if (confirmer == null) {
            return "";
        }
        return confirmer.bySheet() ? Texts.get("common.formats.theClinicsRecoverySheet")
                : party(confirmer.administrator(), self);
    }

    public static String mrn(String digits) {
        try {
            return new MedicalRecordNumber(digits).toString();
        } catch (RuntimeException e) {
            return digits;
        }
    }
}
