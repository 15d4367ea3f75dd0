package org.clinicledger.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.List;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.api.Test;

class X25519Test {

    // RFC 7748 §5.2, the two single-step vectors: scalar, input u-coordinate, output u-coordinate.
    // The second input has its top bit set, which X25519 must ignore.
    private static final String SCALAR_1 = "a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4";
    private static final String U_1 = "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c";
    private static final String OUT_1 = "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552";
    private static final String SCALAR_2 = "4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d";
    private static final String U_2 = "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493";
    private static final String OUT_2 = "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957";

    // RFC 7748 §5.2, the iterated vector: k = u = 9, then k, u = X25519(k, u), k.
    private static final String BASE_POINT = "0900000000000000000000000000000000000000000000000000000000000000";
    private static final String AFTER_1 = "422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079";
    private static final String AFTER_1000 = "684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51";

    // RFC 7748 §6.1, Curve25519 Diffie-Hellman between Alice and Bob.
    static final String ALICE_PRIVATE = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
    static final String ALICE_PUBLIC = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
    static final String BOB_PRIVATE = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
    static final String BOB_PUBLIC = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
    static final String SHARED = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";

    // Public keys whose shared secret is all zeros whatever the private key: 0, 1, the two points of
    // order 8, p - 1 (order 2), and p and p + 1, non-canonical encodings of 0 and 1. These are the
    // encodings libsodium's has_small_order() blocklist rejects, drawn from the list of points on
    // D. J. Bernstein's Curve25519 page (cr.yp.to/ecdh.html); the test checks each really gives zeros.
    static final List<String> SMALL_ORDER = List.of(
            "0000000000000000000000000000000000000000000000000000000000000000",
            "0100000000000000000000000000000000000000000000000000000000000000",
            "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
            "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
            "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
            "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
            "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");

    @Test
    void rfc7748ScalarMultiplicationVectors() throws Exception {
        assertThat(Hex.encode(X25519.agree(Hex.decode(SCALAR_1), Hex.decode(U_1)))).isEqualTo(OUT_1);
        assertThat(Hex.encode(X25519.agree(Hex.decode(SCALAR_2), Hex.decode(U_2)))).isEqualTo(OUT_2);
        // The JDK's own X25519 agrees, so the vectors were read right.
        assertThat(Hex.encode(jdkAgree(Hex.decode(SCALAR_1), Hex.decode(U_1)))).isEqualTo(OUT_1);
        assertThat(Hex.encode(jdkAgree(Hex.decode(SCALAR_2), Hex.decode(U_2)))).isEqualTo(OUT_2);
    }

    @Test
    void rfc7748IteratedVectorAfterOneAndOneThousandRounds() {
        byte[] k = Hex.decode(BASE_POINT);
        byte[] u = Hex.decode(BASE_POINT);
        for (int round = 1; round <= 1000; round++) {
            byte[] next = X25519.agree(k, u);
            u = k;
            k = next;
            if (round == 1) {
                assertThat(Hex.encode(k)).isEqualTo(AFTER_1);
            }
        }
        assertThat(Hex.encode(k)).isEqualTo(AFTER_1000);
    }

    @Test
    void rfc7748DiffieHellmanVector() throws Exception {
        assertThat(Hex.encode(X25519.publicKey(Hex.decode(ALICE_PRIVATE)))).isEqualTo(ALICE_PUBLIC);
        assertThat(Hex.encode(X25519.publicKey(Hex.decode(BOB_PRIVATE)))).isEqualTo(BOB_PUBLIC);
        assertThat(Hex.encode(X25519.agree(Hex.decode(ALICE_PRIVATE), Hex.decode(BOB_PUBLIC)))).isEqualTo(SHARED);
        assertThat(Hex.encode(X25519.agree(Hex.decode(BOB_PRIVATE), Hex.decode(ALICE_PUBLIC)))).isEqualTo(SHARED);
        X25519.KeyPair alice = X25519.KeyPair.fromPrivate(Hex.decode(ALICE_PRIVATE));
        X25519.KeyPair bob = X25519.KeyPair.fromPrivate(Hex.decode(BOB_PRIVATE));
        assertThat(Hex.encode(alice.publicKey())).isEqualTo(ALICE_PUBLIC);
        assertThat(Hex.encode(alice.agree(bob.publicKey()))).isEqualTo(SHARED);
        assertThat(Hex.encode(bob.agree(alice.publicKey()))).isEqualTo(SHARED);
        assertThat(Hex.encode(jdkAgree(Hex.decode(ALICE_PRIVATE), Hex.decode(BOB_PUBLIC)))).isEqualTo(SHARED);
    }

    @Test
    void generatedKeysAgreeWithEachOtherAndWithTheJdk() throws Exception {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 20; i++) {
            X25519.KeyPair a = X25519.KeyPair.generate(random);
            X25519.KeyPair b = X25519.KeyPair.generate(random);
            byte[] shared = a.agree(b.publicKey());
            assertThat(b.agree(a.publicKey())).isEqualTo(shared);
            assertThat(jdkAgree(a.privateKey(), b.publicKey())).isEqualTo(shared);
            assertThat(a.publicKey()).isNotEqualTo(b.publicKey());
        }
    }

    @Test
    void smallOrderPublicKeysAreRejected() {
        X25519.KeyPair keyPair = X25519.KeyPair.generate(new SecureRandom());
        for (String point : SMALL_ORDER) {
            assertThatThrownBy(() -> X25519.agree(keyPair.privateKey(), Hex.decode(point))).as(point)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("small order");
            assertThatThrownBy(() -> keyPair.agree(Hex.decode(point))).as(point)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("small order");
            // BouncyCastle's raw multiplication confirms these really do give all zeros.
            byte[] raw = new byte[32];
            org.bouncycastle.math.ec.rfc7748.X25519.scalarMult(keyPair.privateKey(), 0, Hex.decode(point), 0, raw, 0);
            assertThat(raw).as(point).containsOnly(0);
        }
    }

    @Test
    void wrongLengthsAreRefused() {
        for (int length : new int[] {0, 31, 33, 64}) {
            assertThatThrownBy(() -> X25519.agree(new byte[length], Hex.decode(ALICE_PUBLIC))).as("%d", length)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
            assertThatThrownBy(() -> X25519.agree(Hex.decode(BOB_PRIVATE), new byte[length])).as("%d", length)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
            assertThatThrownBy(() -> X25519.publicKey(new byte[length])).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> X25519.KeyPair.fromPrivate(new byte[length])).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> X25519.agree(null, new byte[32])).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> X25519.agree(new byte[32], null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> X25519.KeyPair.fromPrivate(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> X25519.KeyPair.generate(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void keyPairKeepsItsOwnCopies() {
        byte[] privateKey = Hex.decode(ALICE_PRIVATE);
        X25519.KeyPair keyPair = X25519.KeyPair.fromPrivate(privateKey);
        java.util.Arrays.fill(privateKey, (byte) 0);
        keyPair.privateKey()[0] ^= 1;
        keyPair.publicKey()[0] ^= 1;
        assertThat(Hex.encode(keyPair.privateKey())).isEqualTo(ALICE_PRIVATE);
        assertThat(Hex.encode(keyPair.publicKey())).isEqualTo(ALICE_PUBLIC);
        assertThat(keyPair.toString()).contains(ALICE_PUBLIC).doesNotContain(ALICE_PRIVATE);
    }

    @Test
    void destroyWipesThePrivateKeyAndStopsAgreement() throws Exception {
        X25519.KeyPair keyPair = X25519.KeyPair.fromPrivate(Hex.decode(BOB_PRIVATE));
        assertThat(keyPair.isDestroyed()).isFalse();
        keyPair.destroy();
        assertThat(keyPair.isDestroyed()).isTrue();
        Field field = X25519.KeyPair.class.getDeclaredField("privateKey");
        field.setAccessible(true);
        assertThat((byte[]) field.get(keyPair)).containsOnly(0);
        assertThatThrownBy(keyPair::privateKey).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> keyPair.agree(Hex.decode(ALICE_PUBLIC))).isInstanceOf(IllegalStateException.class);
        assertThat(Hex.encode(keyPair.publicKey())).isEqualTo(BOB_PUBLIC);
        keyPair.destroy();
        assertThat(keyPair.isDestroyed()).isTrue();
    }

    /** X25519 through the JDK's own XDH implementation (JEP 324), independent of BouncyCastle. */
    static byte[] jdkAgree(byte[] privateKey, byte[] publicKey) throws Exception {
        KeyFactory factory = KeyFactory.getInstance("XDH");
        PrivateKey jdkPrivate = factory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, privateKey));
        PublicKey jdkPublic = factory.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, uCoordinate(publicKey)));
        KeyAgreement agreement = KeyAgreement.getInstance("XDH");
        agreement.init(jdkPrivate);
        agreement.doPhase(jdkPublic, true);
        return agreement.generateSecret();
    }

    /** The u-coordinate a public key encodes: little-endian, top bit ignored (RFC 7748 §5). */
    private static BigInteger uCoordinate(byte[] publicKey) {
        byte[] bigEndian = new byte[publicKey.length];
        for (int i = 0; i < publicKey.length; i++) {
            bigEndian[i] = publicKey[publicKey.length - 1 - i];
        }
        bigEndian[0] &= 0x7f;
        return new BigInteger(1, bigEndian);
    }
}
