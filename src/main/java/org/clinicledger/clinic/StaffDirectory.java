package org.clinicledger.clinic;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.crypto.CanonicalJson;
import org.clinicledger.custody.DirectorySeal;
import org.clinicledger.custody.Labels;
import org.clinicledger.domain.AccountDetails;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.Role;
import org.clinicledger.domain.StaffMember;
import org.clinicledger.domain.Username;
import org.clinicledger.store.AccountStore;
import org.clinicledger.store.Database;

/**
 * What the clinic's directory says about its staff: name, specialty and licence, sealed with the
 * directory key so that only staff read them.
 */
final class StaffDirectory {

    private final Database database;
    private final AccountStore accounts;
    private final Clock clock;

    StaffDirectory(Database database, AccountStore accounts, Clock clock) {
        this.database = database;
        this.accounts = accounts;
        this.clock = clock;
    }

    /**
     * What the directory says about {@code username}, decrypted with the reader's directory key;
     * {@link AccountDetails#NONE} when nothing was recorded.
     */
    AccountDetails details(Session reader, String username) {
        reader.use(clock.instant());
        String normalized = Username.normalize(username);
        Optional<byte[]> sealed = database.read("read the directory", work -> accounts.details(work, normalized));
        if (sealed.isEmpty()) {
            return AccountDetails.NONE;
        }
        byte[] directoryKey = reader.directoryKey();
        byte[] plaintext = null;
        try {
            plaintext = DirectorySeal.open(directoryKey, sealed.get(), Labels.bind(Labels.ACCOUNT_DETAILS, normalized))
                    .orElseThrow(() -> damagedEntry(normalized));
            JsonNode fields = new ObjectMapper().readTree(plaintext);
            return new AccountDetails(text(fields, "name"), text(fields, "specialty"), text(fields, "licence"));
        } catch (IllegalArgumentException | IOException e) {
            throw damagedEntry(normalized);
        } finally {
            Arrays.fill(directoryKey, (byte) 0);
            if (plaintext != null) {
                Arrays.fill(plaintext, (byte) 0);
            }
        }
    }

    private static RefusedException damagedEntry(String username) {
        return new RefusedException("The directory entry of " + username
                + " fails its integrity check: it was changed outside ClinicLedger.");
    }

    private static String text(JsonNode fields, String name) {
        JsonNode value = fields.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** Seals what a new member of staff's directory entry says, with the directory key the caller still owns. */
    static byte[] seal(byte[] directoryKey, String username, AccountDetails details, SecureRandom random) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        putIfPresent(fields, "name", details.name());
        putIfPresent(fields, "specialty", details.specialty());
        putIfPresent(fields, "licence", details.licence());
        byte[] plaintext = CanonicalJson.encode(fields);
        try {
            return DirectorySeal.seal(directoryKey, plaintext, Labels.bind(Labels.ACCOUNT_DETAILS, username), random);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private static void putIfPresent(ObjectNode fields, String name, String value) {
        if (value != null) {
            fields.put(name, value);
        }
    }

    /**
     * Every member of staff with {@code role}, with what the directory says about each, in username
     * order: lets the desk offer the clinic's doctors by name. For staff only, as the names are
     * sealed with the directory key.
     *
     * @throws RefusedException for a patient's session or a closed one
     */
    List<StaffMember> staff(Session reader, Role role) {
        reader.use(clock.instant());
        Objects.requireNonNull(role, "role");
        if (role == Role.PATIENT) {
            throw new InvalidInputException("Patients are found with the directory search, not listed as staff.");
        }
        if (!reader.hasDirectoryAccess()) {
            throw new RefusedException("Your account cannot read the clinic's directory.");
        }
        return members(reader, role, true);
    }

    /**
     * The clinic's doctors, for choosing one to grant access to or to refer to: with their names for
     * a reader who holds the directory key (staff), by username alone for anyone else (a patient),
     * since names are sealed for staff only.
     */
    List<StaffMember> doctors(Session reader) {
        reader.use(clock.instant());
        return members(reader, Role.DOCTOR, reader.hasDirectoryAccess());
    }

    private List<StaffMember> members(Session reader, Role role, boolean withDetails) {
        List<String> usernames = database.read("list the clinic's staff",
                work -> accounts.usernamesWithRole(work, role.code()));
        List<StaffMember> members = new ArrayList<>(usernames.size());
        for (String username : usernames) {
            members.add(new StaffMember(username, role, withDetails ? details(reader, username) : AccountDetails.NONE));
        }
        return List.copyOf(members);
    }
}
