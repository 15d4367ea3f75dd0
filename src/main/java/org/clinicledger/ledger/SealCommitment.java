package org.clinicledger.ledger;

import java.io.IOException;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.crypto.CanonicalJson;
import org.clinicledger.crypto.Hex;
import org.clinicledger.crypto.Sha256;
import org.clinicledger.domain.Block;
import org.clinicledger.domain.BlockKind;
import org.clinicledger.store.AccountStore.SealedKeysRow;

/**
 * What the chains say about an account's password seal, which the accounts table keeps beside
 * them: the SHA-256 of one canonical encoding of the sealed private keys with the Argon2id salt and
 * cost that open them. The registration commits to the first seal ({@link RegistrationFields#SEALED_KEYS});
 * each password change and each raise of the cost appends a {@link BlockKind#PASSWORD_CHANGED}
 * block, signed by the account's key, that commits to the new one; a key recovery
 * ({@link BlockKind#KEY_RECOVERED}, signed by an administrator) commits to the seal of the new
 * keys. The newest commitment on the
 * account's chain must match the row, so that a seal rolled back to an old password's is caught.
 *
 * <p>The encoding is RFC 8785 canonical JSON behind the label {@value #LABEL}:
 * {@code {"iterations":n,"memoryKiB":n,"parallelism":n,"salt":"hex","sealed":"hex"}}.
 */
public final class SealCommitment {

    /** The domain label of the hashed encoding. */
    public static final String LABEL = "clinicledger/sealed-keys/v1";

    private static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SealCommitment() {
    }

    /** The commitment to a seal: SHA-256 hex of its canonical encoding. */
    public static String of(SealedKeysRow seal) {
        ObjectNode encoded = JsonNodeFactory.instance.objectNode();
        encoded.put("iterations", seal.iterations());
        encoded.put("memoryKiB", seal.memoryKiB());
        encoded.put("parallelism", seal.parallelism());
        encoded.put("salt", Hex.encode(seal.salt()));
        encoded.put("sealed", Hex.encode(seal.sealed()));
        return Hex.encode(Sha256.digest(CanonicalJson.encode(LABEL, encoded)));
    }

    /** The payload of a password-changed block: canonical JSON of the format and the new seal's commitment. */
    public static byte[] passwordChanged(SealedKeysRow seal) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("format", FORMAT);
        payload.put(RegistrationFields.SEALED_KEYS, of(seal));
        return CanonicalJson.encode(payload);
    }

    /**
     * The commitment a registration, password-changed or key-recovered block makes, if it makes one: empty for
     * other kinds, payloads that are not JSON, and registrations made before seals were committed to.
     */
    public static Optional<String> committedBy(Block block) {
        if (block.kind() != BlockKind.REGISTRATION && block.kind() != BlockKind.PASSWORD_CHANGED
                && block.kind() != BlockKind.KEY_RECOVERED) {
            return Optional.empty();
        }
        try {
            JsonNode payload = JSON.readTree(block.payload());
            JsonNode committed = payload == null ? null : payload.get(RegistrationFields.SEALED_KEYS);
            return committed != null && committed.isTextual() ? Optional.of(committed.textValue()) : Optional.empty();
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }
}
