package org.clinicledger.cli;

import java.io.PrintWriter;
import java.util.function.BiFunction;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.clinic.Session;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.AccessChange;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.MedicalRecordNumber;

/**
 * What {@code grant}, {@code revoke}, {@code refer} and {@code emergency} share: logging the user in
 * (a patient by MRN, dashes allowed) and printing the change.
 */
final class AccessCommands {

    private AccessCommands() {
    }

    /** Runs {@code work} signed in as {@code user}, a name or an MRN taken as given apart from surrounding spaces. */
    static <T> T asUser(ClinicLedgerCommand root, String user, BiFunction<Workspace, Session, T> work) {
        if (user == null || user.isBlank()) {
            throw new InvalidInputException("Give the user who acts with --user.");
        }
        return SignedInRun.as(root, user.strip(), work);
    }

    /**
     * Prints the change: as JSON {@code {"patient","principal","keyCopies","reasonHash","blocks"}},
     * or one line starting with {@code summary}.
     */
    static void print(PrintWriter out, AccessChange change, boolean json, String summary) {
        if (json) {
            ObjectNode node = new ObjectMapper().createObjectNode();
            node.put("patient", new MedicalRecordNumber(change.patient()).formatted());
            node.put("principal", change.principal());
            node.put("keyCopies", change.keyCopies());
            if (change.reasonHash() == null) {
                node.putNull("reasonHash");
            } else {
                node.put("reasonHash", change.reasonHash());
            }
            ArrayNode blocks = node.putArray("blocks");
            change.blockHashes().forEach(blocks::add);
            out.println(node);
        } else {
            out.printf("%s (blocks %s)%n", summary, String.join(", ", change.blockHashes()));
        }
        out.flush();
    }
}
