package org.clinicledger.clinic;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.clinicledger.domain.AddedRecord;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.RecordInput;
import org.clinicledger.testing.TestClinic;

/**
 * The writing process {@link CrashRecoveryIT} kills: told to go (a line on its input), it opens the test clinic's folder to work in
 * and adds records with attachments of random sizes as Dr Lee, as fast as it can, printing
 * {@code committed <record id> <attachment sizes…>} after each write has committed. Attachments
 * are generated in memory, as the demo's are, so no plaintext touches the disk.
 */
public final class CrashWriter {

    private CrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        MedicalRecordNumber patient = MedicalRecordNumber.parse(args[1]);
        SecureRandom random = new SecureRandom();
        // Started ahead of its turn: load SQLite's native library (seconds on a busy machine) and
        // wait to be told to go, so that the runs measure writing rather than starting Java.
        DriverManager.getConnection("jdbc:sqlite::memory:").close();
        if (new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine() == null) {
            return;
        }
        Workspace workspace = Workspace.open(data, false, Clock.systemUTC(), KeyDerivationTuning.minimum());
        try (Session lee = workspace.accounts().login("dr.lee", TestClinic.LEE_PASSWORD.toCharArray())) {
            System.out.println("ready");
            System.out.flush();
            for (int n = 0; ; n++) {
                List<Attachment> attachments = new ArrayList<>();
                StringBuilder sizes = new StringBuilder();
                for (int i = 1 + random.nextInt(2); i > 0; i--) {
                    byte[] bytes = new byte[16 * 1024 + random.nextInt(1024 * 1024)];
                    random.nextBytes(bytes);
                    attachments.add(Attachment.of("scan-" + n + "-" + i + ".bin", "application/octet-stream", bytes));
                    sizes.append(' ').append(bytes.length);
                }
                AddedRecord added = workspace.records().addRecord(lee, patient,
                        new RecordInput("Observation " + n, null, "", List.of()), attachments);
                System.out.println("committed " + added.recordId().value() + sizes);
                System.out.flush();
            }
        }
    }
}
