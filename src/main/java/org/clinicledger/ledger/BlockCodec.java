package org.clinicledger.ledger;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.crypto.CanonicalJson;
import org.clinicledger.crypto.Hex;
import org.clinicledger.crypto.Sha256;
import org.clinicledger.domain.Block;
import org.clinicledger.store.BlockRow;
import org.clinicledger.store.HeadRow;

/**
 * The bytes that are signed and hashed: RFC 8785 canonical JSON of every stored field, behind a
 * domain label so that a signature over one kind of structure can never pass for another. Absent
 * values are written as explicit nulls, so a value cannot move between "absent" and "empty".
 */
final class BlockCodec {

    static final String BLOCK_SIGNATURE_DOMAIN = "clinicledger/block-signature/v1";
    static final String BLOCK_HASH_DOMAIN = "clinicledger/block-hash/v1";
    static final String HEAD_SIGNATURE_DOMAIN = "clinicledger/signed-head/v1";
    static final String HEAD_HASH_DOMAIN = "clinicledger/signed-head-hash/v1";
    private static final byte[] KEY_ID_DOMAIN = "clinicledger/key-id/v1\0".getBytes(StandardCharsets.US_ASCII);
    private static final int KEY_ID_BYTES = 16;

    private BlockCodec() {
    }

    /** Both of a stored block's encodings at once, for verification: one pass over its fields. */
    record Encoding(byte[] signedBytes, byte[] hash) {
    }

    static Encoding encode(BlockRow block) {
        ObjectNode fields = fields(block);
        byte[] signed = CanonicalJson.encode(BLOCK_SIGNATURE_DOMAIN, fields);
        fields.put("signature", hex(block.signature()));
        return new Encoding(signed, Sha256.digest(CanonicalJson.encode(BLOCK_HASH_DOMAIN, fields)));
    }

    /** What the author signs: every field but the signature and the hash. */
    static byte[] signedBytes(BlockRow block) {
        return CanonicalJson.encode(BLOCK_SIGNATURE_DOMAIN, fields(block));
    }

    /**
     * The block a stored row holds, or empty when no valid block could hold it (a malformed chain id,
     * an unknown kind…): the readers of the ledger pass such a row over, and {@link ChainVerifier}
     * names it.
     */
    static Optional<Block> readable(BlockRow row) {
        try {
            return Optional.of(row.toBlock());
        } catch (IllegalArgumentException | NullPointerException malformed) {
            return Optional.empty();
        }
    }

    /** The block's hash: over every field the author signed, and the signature. */
    static byte[] hash(BlockRow block) {
        return Sha256.digest(hashedBytes(block));
    }

    /** The exact bytes whose SHA-256 is the block's hash: the domain label, 0x00, canonical JSON. */
    static byte[] hashedBytes(BlockRow block) {
        ObjectNode all = fields(block);
        all.put("signature", hex(block.signature()));
        return CanonicalJson.encode(BLOCK_HASH_DOMAIN, all);
    }

    /**
     * What the node signs in a head. The previous head's hash is signed when the head names one; a
     * head written before heads were chained has none, and its signature stays what it was.
     */
    static byte[] signedBytes(HeadRow head) {
        return CanonicalJson.encode(HEAD_SIGNATURE_DOMAIN, headFields(head));
    }

    /** The head's hash, which the next head of its chain names: over everything signed, and the signature. */
    static byte[] headHash(HeadRow head) {
        ObjectNode fields = headFields(head);
        fields.put("signature", hex(head.signature()));
        return Sha256.digest(CanonicalJson.encode(HEAD_HASH_DOMAIN, fields));
    }

    private static ObjectNode headFields(HeadRow head) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        fields.put("chain", head.chain());
        fields.put("size", head.size());
        fields.put("root", hex(head.root()));
        fields.put("signedAt", head.signedAtMillis());
        fields.put("nodeKey", head.nodeKeyId());
        if (head.previousHead() != null) {
            fields.put("previousHead", hex(head.previousHead()));
        }
        return fields;
    }

    /** A key's id: the first 16 bytes of a domain-separated SHA-256 of the public key, in hex. */
    static String keyId(byte[] publicKey) {
        byte[] digest = Sha256.digest(KEY_ID_DOMAIN, publicKey);
        byte[] prefix = new byte[KEY_ID_BYTES];
        System.arraycopy(digest, 0, prefix, 0, KEY_ID_BYTES);
        return Hex.encode(prefix);
    }

    private static ObjectNode fields(BlockRow block) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        fields.put("chain", block.chain());
        fields.put("height", block.height());
        fields.put("previous", hex(block.previousHash()));
        fields.put("createdAt", block.createdAtMillis());
        fields.put("kind", block.kind());
        fields.put("author", block.authorKeyId());
        if (block.counterpartChain() == null && block.counterpartHeight() == null) {
            fields.putNull("counterpart");
        } else {
            ObjectNode counterpart = fields.putObject("counterpart");
            counterpart.put("chain", block.counterpartChain());
            counterpart.put("height", block.counterpartHeight());
        }
        fields.put("event", block.eventId());
        fields.put("subjectKey", hex(block.subjectKey()));
        fields.put("payload", hex(block.payload()));
        return fields;
    }

    private static String hex(byte[] bytes) {
        return bytes == null ? null : Hex.encode(bytes);
    }
}
