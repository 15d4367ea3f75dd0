package org.clinicledger.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.clinicledger.domain.UnitOfWork;

/**
 * SQL for registered patients ({@code db/V4__patients.sql}). Like {@link AccountStore}, methods take
 * the connection so that a registration's rows and its blocks go into one transaction. Rows hold the
 * MRN and sealed bytes only; sealing and opening happen above this layer.
 */
public final class PatientStore {

    /** A row of {@code patients}: the MRN's nine digits and the sealed demographics. */
    public record PatientRow(String mrn, byte[] sealedDemographics) {
    }

    /** Inserts a patient; returns false, changing nothing, when the MRN has a row already. */
    public boolean insert(UnitOfWork work, PatientRow patient) {
        return SqlUnitOfWork.query(work, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO patients (mrn, sealed_demographics) VALUES (?, ?) ON CONFLICT (mrn) DO NOTHING")) {
                insert.setString(1, patient.mrn());
                insert.setBytes(2, patient.sealedDemographics());
                return insert.executeUpdate() == 1;
            }
        });
    }

    /** Replaces a patient's sealed demographics (a correction); returns false when there is no such row. */
    public boolean update(UnitOfWork work, PatientRow patient) {
        return SqlUnitOfWork.query(work, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE patients SET sealed_demographics = ? WHERE mrn = ?")) {
                update.setBytes(1, patient.sealedDemographics());
                update.setString(2, patient.mrn());
                return update.executeUpdate() == 1;
            }
        });
    }

    public Optional<PatientRow> find(UnitOfWork work, String mrn) {
        return SqlUnitOfWork.query(work, connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT mrn, sealed_demographics FROM patients WHERE mrn = ?")) {
                query.setString(1, mrn);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(new PatientRow(rows.getString(1), rows.getBytes(2))) : Optional.empty();
                }
            }
        });
    }

    /**
     * Changes whenever a patient is registered or corrected, in this process or another: how many
     * patients there are (rows are never removed), how many corrections the ledger holds (each
     * correction writes one on the patient's chain and one on the signer's) and how many merges. Cheap beside reading
     * every row, so a search as someone types asks this first.
     */
    public String directoryStamp(UnitOfWork work) {
        return SqlUnitOfWork.query(work, connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT (SELECT count(*) FROM patients), "
                    + "(SELECT count(*) FROM blocks WHERE kind = 'demographics-corrected'), "
                    + "(SELECT count(*) FROM blocks WHERE kind = 'patient-merged')");
                 ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1) + ":" + rows.getLong(2) + ":" + rows.getLong(3);
            }
        });
    }

    /** Every patient, in MRN order: the directory that staff search in memory. */
    public List<PatientRow> all(UnitOfWork work) {
        return SqlUnitOfWork.query(work, connection -> {
            List<PatientRow> patients = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT mrn, sealed_demographics FROM patients ORDER BY mrn");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    patients.add(new PatientRow(rows.getString(1), rows.getBytes(2)));
                }
            }
            return patients;
        });
    }
}
