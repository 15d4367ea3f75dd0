package org.clinicledger.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class Ed25519Test {

    /** A test vector of RFC 8032 §7.1, "Test Vectors for Ed25519". */
    private record Vector(String name, String seed, String publicKey, String message, String signature) {
    }

    // RFC 8032 §7.1, all five Ed25519 vectors: TEST 1, TEST 2, TEST 3, TEST 1024 and TEST SHA(abc).
    // TEST 1024's 1023-byte message.
    private static final String TEST_1024_MESSAGE = ""
            + "08b8b2b733424243760fe426a4b54908632110a66c2f6591eabd3345e3e4eb98fa6e264bf09efe12ee50f8f54e9f77b1"
            + "e355f6c50544e23fb1433ddf73be84d879de7c0046dc4996d9e773f4bc9efe5738829adb26c81b37c93a1b270b20329d"
            + "658675fc6ea534e0810a4432826bf58c941efb65d57a338bbd2e26640f89ffbc1a858efcb8550ee3a5e1998bd177e93a"
            + "7363c344fe6b199ee5d02e82d522c4feba15452f80288a821a579116ec6dad2b3b310da903401aa62100ab5d1a36553e"
            + "06203b33890cc9b832f79ef80560ccb9a39ce767967ed628c6ad573cb116dbefefd75499da96bd68a8a97b928a8bbc10"
            + "3b6621fcde2beca1231d206be6cd9ec7aff6f6c94fcd7204ed3455c68c83f4a41da4af2b74ef5c53f1d8ac70bdcb7ed1"
            + "85ce81bd84359d44254d95629e9855a94a7c1958d1f8ada5d0532ed8a5aa3fb2d17ba70eb6248e594e1a2297acbbb39d"
            + "502f1a8c6eb6f1ce22b3de1a1f40cc24554119a831a9aad6079cad88425de6bde1a9187ebb6092cf67bf2b13fd65f270"
            + "88d78b7e883c8759d2c4f5c65adb7553878ad575f9fad878e80a0c9ba63bcbcc2732e69485bbc9c90bfbd62481d9089b"
            + "eccf80cfe2df16a2cf65bd92dd597b0707e0917af48bbb75fed413d238f5555a7a569d80c3414a8d0859dc65a46128ba"
            + "b27af87a71314f318c782b23ebfe808b82b0ce26401d2e22f04d83d1255dc51addd3b75a2b1ae0784504df543af8969b"
            + "e3ea7082ff7fc9888c144da2af58429ec96031dbcad3dad9af0dcbaaaf268cb8fcffead94f3c7ca495e056a9b47acdb7"
            + "51fb73e666c6c655ade8297297d07ad1ba5e43f1bca32301651339e22904cc8c42f58c30c04aafdb038dda0847dd988d"
            + "cda6f3bfd15c4b4c4525004aa06eeff8ca61783aacec57fb3d1f92b0fe2fd1a85f6724517b65e614ad6808d6f6ee34df"
            + "f7310fdc82aebfd904b01e1dc54b2927094b2db68d6f903b68401adebf5a7e08d78ff4ef5d63653a65040cf9bfd4aca7"
            + "984a74d37145986780fc0b16ac451649de6188a7dbdf191f64b5fc5e2ab47b57f7f7276cd419c17a3ca8e1b939ae49e4"
            + "88acba6b965610b5480109c8b17b80e1b7b750dfc7598d5d5011fd2dcc5600a32ef5b52a1ecc820e308aa342721aac09"
            + "43bf6686b64b2579376504ccc493d97e6aed3fb0f9cd71a43dd497f01f17c0e2cb3797aa2a2f256656168e6c496afc5f"
            + "b93246f6b1116398a346f1a641f3b041e989f7914f90cc2c7fff357876e506b50d334ba77c225bc307ba537152f3f161"
            + "0e4eafe595f6d9d90d11faa933a15ef1369546868a7f3a45a96768d40fd9d03412c091c6315cf4fde7cb68606937380d"
            + "b2eaaa707b4c4185c32eddcdd306705e4dc1ffc872eeee475a64dfac86aba41c0618983f8741c5ef68d3a101e8a3b8ca"
            + "c60c905c15fc910840b94c00a0b9d0";
    private static final List<Vector> RFC_8032 = List.of(
            new Vector("TEST 1",
                    "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
                    "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
                    "",
                    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                            + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
            new Vector("TEST 2",
                    "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
                    "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
                    "72",
                    "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                            + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"),
            new Vector("TEST 3",
                    "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
                    "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
                    "af82",
                    "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
                            + "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"),
            new Vector("TEST 1024",
                    "f5e5767cf153319517630f226876b86c8160cc583bc013744c6bf255f5cc0ee5",
                    "278117fc144c72340f67d0f2316e8386ceffbf2b2428c9c51fef7c597f1d426e",
                    TEST_1024_MESSAGE,
                    "0aab4c900501b3e24d7cdf4663326a3a87df5e4843b2cbdb67cbf6e460fec350"
                            + "aa5371b1508f9f4528ecea23c436d94b5e8fcd4f681e30a6ac00a9704a188a03"),
            new Vector("TEST SHA(abc)",
                    "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
                    "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
                    "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                            + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
                    "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b589"
                            + "09351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704"));

    /** The order of the base point, L = 2^252 + 27742317777372353535851937790883648493 (RFC 8032 §5.1). */
    private static final BigInteger L = BigInteger.TWO.pow(252)
            .add(new BigInteger("27742317777372353535851937790883648493"));

    @Test
    void rfc8032Vectors() {
        for (Vector v : RFC_8032) {
            byte[] seed = Hex.decode(v.seed());
            byte[] message = Hex.decode(v.message());
            assertThat(Hex.encode(Ed25519.publicKey(seed))).as(v.name()).isEqualTo(v.publicKey());
            assertThat(Hex.encode(Ed25519.sign(seed, message))).as(v.name()).isEqualTo(v.signature());
            assertThat(Ed25519.verify(Hex.decode(v.publicKey()), message, Hex.decode(v.signature())))
                    .as(v.name()).isTrue();
            Ed25519.KeyPair keyPair = Ed25519.KeyPair.fromSeed(seed);
            assertThat(Hex.encode(keyPair.publicKey())).as(v.name()).isEqualTo(v.publicKey());
            assertThat(Hex.encode(keyPair.sign(message))).as(v.name()).isEqualTo(v.signature());
            assertThat(Ed25519.isValidPublicKey(Hex.decode(v.publicKey()))).as(v.name()).isTrue();
        }
    }

    @Test
    void vectorMessagesAreWhatTheRfcSaysTheyAre() throws Exception {
        assertThat(Hex.decode(TEST_1024_MESSAGE)).hasSize(1023);
        // The message of TEST SHA(abc) is SHA-512("abc"), FIPS 180-2 Appendix C.1.
        byte[] sha512abc = MessageDigest.getInstance("SHA-512").digest("abc".getBytes(StandardCharsets.US_ASCII));
        assertThat(Hex.encode(sha512abc)).isEqualTo(RFC_8032.get(4).message());
    }

    @Test
    void anyFlippedBitInMessageSignatureOrKeyFails() {
        List<String> accepted = new ArrayList<>();
        for (Vector v : RFC_8032) {
            byte[] publicKey = Hex.decode(v.publicKey());
            byte[] message = Hex.decode(v.message());
            byte[] signature = Hex.decode(v.signature());
            // Every bit of short messages; for the 1023-byte one, the first and last bytes and a spread between.
            int stride = message.length > 64 ? 61 : 1;
            for (int bit = 0; bit < message.length * 8; bit++) {
                if (bit / 8 < 2 || bit / 8 >= message.length - 2 || bit % stride == 0) {
                    if (Ed25519.verify(publicKey, flip(message, bit), signature)) {
                        accepted.add(v.name() + " message bit " + bit);
                    }
                }
            }
            for (int bit = 0; bit < signature.length * 8; bit++) {
                if (Ed25519.verify(publicKey, message, flip(signature, bit))) {
                    accepted.add(v.name() + " signature bit " + bit);
                }
            }
            for (int bit = 0; bit < publicKey.length * 8; bit++) {
                if (Ed25519.verify(flip(publicKey, bit), message, signature)) {
                    accepted.add(v.name() + " public key bit " + bit);
                }
            }
        }
        assertThat(accepted).isEmpty();
    }

    @Test
    void wrongLengthsAndNullsAnswerFalse() {
        Vector v = RFC_8032.get(2);
        byte[] publicKey = Hex.decode(v.publicKey());
        byte[] message = Hex.decode(v.message());
        byte[] signature = Hex.decode(v.signature());
        for (int length : new int[] {0, 1, 31, 33, 64}) {
            assertThat(Ed25519.verify(Arrays.copyOf(publicKey, length), message, signature)).as("key %d", length).isFalse();
        }
        for (int length : new int[] {0, 1, 32, 63, 65, 128}) {
            assertThat(Ed25519.verify(publicKey, message, Arrays.copyOf(signature, length))).as("sig %d", length).isFalse();
        }
        assertThat(Ed25519.verify(null, message, signature)).isFalse();
        assertThat(Ed25519.verify(publicKey, null, signature)).isFalse();
        assertThat(Ed25519.verify(publicKey, message, null)).isFalse();
        assertThat(Ed25519.verify(publicKey, message, signature)).isTrue();
    }

    @Test
    void keysThatAreNotPointsAnswerFalse() {
        byte[] message = "not a point".getBytes(StandardCharsets.US_ASCII);
        byte[] signature = Ed25519.sign(new byte[32], message);
        // y = 2^255 - 1 and y = p = 2^255 - 19 are non-canonical encodings (y >= p).
        byte[] allOnes = new byte[32];
        Arrays.fill(allOnes, (byte) 0xff);
        allOnes[31] = 0x7f;
        byte[] p = Hex.decode("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
        assertThat(Ed25519.verify(allOnes, message, signature)).isFalse();
        assertThat(Ed25519.verify(p, message, signature)).isFalse();
        assertThat(Ed25519.isValidPublicKey(allOnes)).isFalse();
        assertThat(Ed25519.isValidPublicKey(p)).isFalse();
        // Half of all y values have no x on the curve; every such encoding must be refused.
        int notPoints = 0;
        for (int y = 2; y < 40; y++) {
            byte[] encoding = new byte[32];
            encoding[0] = (byte) y;
            if (!org.bouncycastle.math.ec.rfc8032.Ed25519.validatePublicKeyPartial(encoding, 0)) {
                notPoints++;
                assertThat(Ed25519.verify(encoding, message, signature)).as("y=%d", y).isFalse();
                assertThat(Ed25519.isValidPublicKey(encoding)).as("y=%d", y).isFalse();
            }
        }
        assertThat(notPoints).isPositive();
    }

    @Test
    void smallOrderKeysAreNotValidKeys() {
        // The identity (0, 1), the point of order 2 (0, -1), and x^2 = -1 at y = 0 (order 4).
        assertThat(Ed25519.isValidPublicKey(Hex.decode("0100000000000000000000000000000000000000000000000000000000000000"))).isFalse();
        assertThat(Ed25519.isValidPublicKey(Hex.decode("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"))).isFalse();
        assertThat(Ed25519.isValidPublicKey(new byte[32])).isFalse();
        assertThat(Ed25519.isValidPublicKey(null)).isFalse();
        assertThat(Ed25519.isValidPublicKey(new byte[31])).isFalse();
    }

    @Test
    void signatureMadeMalleableWithSPlusLIsRefused() {
        // RFC 8032 §5.1.7 step 1: S must be below L, else s + L would be a second signature.
        Vector v = RFC_8032.get(0);
        byte[] signature = Hex.decode(v.signature());
        byte[] s = Arrays.copyOfRange(signature, 32, 64);
        BigInteger sPlusL = littleEndian(s).add(L);
        assertThat(sPlusL.bitLength()).isLessThanOrEqualTo(256);
        byte[] malleated = signature.clone();
        System.arraycopy(toLittleEndian(sPlusL), 0, malleated, 32, 32);
        assertThat(malleated).isNotEqualTo(signature);
        assertThat(Ed25519.verify(Hex.decode(v.publicKey()), Hex.decode(v.message()), malleated)).isFalse();
    }

    @Test
    void signaturesAreBoundToTheirKeyAndMessage() {
        Ed25519.KeyPair alice = Ed25519.KeyPair.generate(new SecureRandom());
        Ed25519.KeyPair bob = Ed25519.KeyPair.generate(new SecureRandom());
        byte[] message = "prescription 17".getBytes(StandardCharsets.UTF_8);
        byte[] signature = alice.sign(message);
        assertThat(Ed25519.verify(alice.publicKey(), message, signature)).isTrue();
        assertThat(Ed25519.verify(bob.publicKey(), message, signature)).isFalse();
        assertThat(Ed25519.verify(alice.publicKey(), "prescription 18".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
        assertThat(alice.sign(message)).as("deterministic").isEqualTo(signature);
        assertThat(Ed25519.sign(alice.privateKey(), message)).isEqualTo(signature);
        assertThat(alice.publicKey()).isNotEqualTo(bob.publicKey());
    }

    @Test
    void keyPairKeepsItsOwnCopies() {
        byte[] seed = Hex.decode(RFC_8032.get(0).seed());
        Ed25519.KeyPair keyPair = Ed25519.KeyPair.fromSeed(seed);
        Arrays.fill(seed, (byte) 0);
        keyPair.privateKey()[0] ^= 1;
        keyPair.publicKey()[0] ^= 1;
        assertThat(Hex.encode(keyPair.privateKey())).isEqualTo(RFC_8032.get(0).seed());
        assertThat(Hex.encode(keyPair.publicKey())).isEqualTo(RFC_8032.get(0).publicKey());
        assertThat(keyPair.toString()).contains(RFC_8032.get(0).publicKey()).doesNotContain(RFC_8032.get(0).seed());
    }

    @Test
    void destroyWipesTheSeedAndStopsSigning() throws Exception {
        Ed25519.KeyPair keyPair = Ed25519.KeyPair.fromSeed(Hex.decode(RFC_8032.get(1).seed()));
        assertThat(keyPair.isDestroyed()).isFalse();
        keyPair.destroy();
        assertThat(keyPair.isDestroyed()).isTrue();
        Field field = Ed25519.KeyPair.class.getDeclaredField("seed");
        field.setAccessible(true);
        assertThat((byte[]) field.get(keyPair)).containsOnly(0);
        assertThatThrownBy(keyPair::privateKey).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> keyPair.sign(new byte[1])).isInstanceOf(IllegalStateException.class);
        assertThat(Hex.encode(keyPair.publicKey())).isEqualTo(RFC_8032.get(1).publicKey());
        keyPair.destroy();
        assertThat(keyPair.isDestroyed()).isTrue();
    }

    @Test
    void badSeedsAreRefused() {
        for (int length : new int[] {0, 31, 33, 64}) {
            assertThatThrownBy(() -> Ed25519.sign(new byte[length], new byte[0])).as("%d", length)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
            assertThatThrownBy(() -> Ed25519.KeyPair.fromSeed(new byte[length])).as("%d", length)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Ed25519.publicKey(new byte[length])).as("%d", length)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Ed25519.sign(null, new byte[0])).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Ed25519.sign(new byte[32], null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Ed25519.KeyPair.fromSeed(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Ed25519.KeyPair.generate(null)).isInstanceOf(NullPointerException.class);
    }

    private static byte[] flip(byte[] bytes, int bit) {
        byte[] copy = bytes.clone();
        copy[bit / 8] ^= (byte) (1 << (bit % 8));
        return copy;
    }

    private static BigInteger littleEndian(byte[] bytes) {
        byte[] bigEndian = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            bigEndian[i] = bytes[bytes.length - 1 - i];
        }
        return new BigInteger(1, bigEndian);
    }

    private static byte[] toLittleEndian(BigInteger value) {
        byte[] out = new byte[32];
        for (int i = 0; i < 32; i++) {
            out[i] = value.shiftRight(8 * i).byteValue();
        }
        return out;
    }
}
