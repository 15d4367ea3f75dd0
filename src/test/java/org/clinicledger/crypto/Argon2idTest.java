package org.clinicledger.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToLongFunction;
import org.clinicledger.crypto.Argon2id.PasswordCost;
import org.junit.jupiter.api.Test;

class Argon2idTest {

    // RFC 9106 §5.3, the Argon2id test vector: version 0x13, 32 KiB, 3 passes, 4 lanes, a 32-byte tag.
    private static final String RFC_9106_TAG = "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659";

    // A passphrase with two-, three- and four-byte UTF-8 characters (the last a surrogate pair).
    private static final String PASSPHRASE = "P\u00e4ssw\u00f6rd \u2615 \uD834\uDD1E clinic";
    private static final byte[] SALT = sequence(0x10, 16);
    // Argon2id(UTF-8 of PASSPHRASE, SALT, m = 19456 KiB, t = 2, p = 1, 32 bytes), computed outside
    // this code base with Python's "cryptography" package, which does not use BouncyCastle; the same
    // package reproduces the RFC 9106 tag above.
    private static final String PASSPHRASE_KEY = "5de09dc75328539d0f1e0da7315d8708dcc9533dd90da6837f98407c900bb7e6";

    @Test
    void rfc9106Argon2idVector() {
        byte[] tag = Argon2id.derive(filled(32, 0x01), filled(16, 0x02), filled(8, 0x03), filled(12, 0x04),
                32, 3, 4, 32);
        assertThat(Hex.encode(tag)).isEqualTo(RFC_9106_TAG);
    }

    @Test
    void deriveKeyEncodesThePassphraseAsUtf8() {
        assertThat(Hex.encode(PASSPHRASE.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("50c3a4737377c3b6726420e2989520f09d849e20636c696e6963");
        char[] password = PASSPHRASE.toCharArray();
        byte[] key = Argon2id.deriveKey(password, SALT, PasswordCost.DEFAULT, 32);
        assertThat(Hex.encode(key)).isEqualTo(PASSPHRASE_KEY);
        // The caller's characters are the caller's to wipe; they are left as they were.
        assertThat(new String(password)).isEqualTo(PASSPHRASE);
    }

    @Test
    void differentSaltsAndPasswordsGiveDifferentKeys() {
        byte[] otherSalt = SALT.clone();
        otherSalt[15] ^= 1;
        byte[] saltChanged = Argon2id.deriveKey(PASSPHRASE.toCharArray(), otherSalt, PasswordCost.DEFAULT, 32);
        char[] otherPassword = PASSPHRASE.toCharArray();
        otherPassword[0] = 'p';
        byte[] passwordChanged = Argon2id.deriveKey(otherPassword, SALT, PasswordCost.DEFAULT, 32);
        assertThat(Hex.encode(saltChanged)).isNotEqualTo(PASSPHRASE_KEY);
        assertThat(Hex.encode(passwordChanged)).isNotEqualTo(PASSPHRASE_KEY);
        assertThat(saltChanged).isNotEqualTo(passwordChanged);
    }

    @Test
    void costIsValidated() {
        assertThat(PasswordCost.DEFAULT).isEqualTo(new PasswordCost(19456, 2, 1));
        new PasswordCost(19456, 2, 16);
        new PasswordCost(4 * 1024 * 1024, 100, 1);
        List<int[]> invalid = List.of(
                new int[] {19455, 2, 1}, new int[] {0, 2, 1}, new int[] {4 * 1024 * 1024 + 1, 2, 1},
                new int[] {Integer.MIN_VALUE, 2, 1}, new int[] {19456, 1, 1}, new int[] {19456, 0, 1},
                new int[] {19456, 101, 1}, new int[] {19456, 2, 0}, new int[] {19456, 2, 17}, new int[] {19456, 2, -1});
        for (int[] cost : invalid) {
            assertThatThrownBy(() -> new PasswordCost(cost[0], cost[1], cost[2])).as(Arrays.toString(cost))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void saltLengthAndPasswordAreValidated() {
        char[] password = "secret".toCharArray();
        for (int length : new int[] {0, 8, 15}) {
            assertThatThrownBy(() -> Argon2id.deriveKey(password, new byte[length], PasswordCost.DEFAULT, 32))
                    .as("salt %d", length).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16 bytes");
        }
        for (int length : new int[] {-1, 0, 15, 1025}) {
            assertThatThrownBy(() -> Argon2id.deriveKey(password, SALT, PasswordCost.DEFAULT, length))
                    .as("key %d", length).isInstanceOf(IllegalArgumentException.class);
        }
        char[] loneSurrogate = {'a', '\uD834', 'b'};
        assertThatThrownBy(() -> Argon2id.deriveKey(loneSurrogate, SALT, PasswordCost.DEFAULT, 32))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("surrogate");
        assertThatThrownBy(() -> Argon2id.deriveKey(new char[] {'\uDD1E'}, SALT, PasswordCost.DEFAULT, 32))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Argon2id.deriveKey(null, SALT, PasswordCost.DEFAULT, 32)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Argon2id.deriveKey(password, null, PasswordCost.DEFAULT, 32)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Argon2id.deriveKey(password, SALT, null, 32)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void newSaltsAreSixteenRandomBytes() {
        java.security.SecureRandom random = new java.security.SecureRandom();
        byte[] first = Argon2id.newSalt(random);
        assertThat(first).hasSize(Argon2id.SALT_LENGTH);
        assertThat(first).isNotEqualTo(Argon2id.newSalt(random));
    }

    @Test
    void constantTimeEqualsComparesContent() {
        assertThat(Argon2id.constantTimeEquals(new byte[] {1, 2, 3}, new byte[] {1, 2, 3})).isTrue();
        assertThat(Argon2id.constantTimeEquals(new byte[] {1, 2, 3}, new byte[] {1, 2, 4})).isFalse();
        assertThat(Argon2id.constantTimeEquals(new byte[] {1, 2, 3}, new byte[] {1, 2})).isFalse();
        assertThat(Argon2id.constantTimeEquals(new byte[0], new byte[0])).isTrue();
        assertThat(Argon2id.constantTimeEquals(null, new byte[0])).isFalse();
        assertThat(Argon2id.constantTimeEquals(new byte[0], null)).isFalse();
    }

    // --- tuning, against a model machine: time proportional to memory times passes ---------------

    /** A model machine on which one KiB-pass takes {@code nanosPerKiBPass}, counting its measurements. */
    private static final class ModelMachine implements ToLongFunction<PasswordCost> {
        private final double nanosPerKiBPass;
        private final List<PasswordCost> measured = new ArrayList<>();

        ModelMachine(double nanosPerKiBPass) {
            this.nanosPerKiBPass = nanosPerKiBPass;
        }

        @Override
        public long applyAsLong(PasswordCost cost) {
            measured.add(cost);
            return nanos(cost);
        }

        long nanos(PasswordCost cost) {
            return (long) (nanosPerKiBPass * cost.memoryKiB() * cost.iterations());
        }
    }

    // About this machine's speed: 19 MiB and two passes in 100 ms.
    private static final double TYPICAL = 100e6 / (19456 * 2);

    @Test
    void tuningRaisesMemoryToReachTheWindow() {
        ModelMachine machine = new ModelMachine(TYPICAL);
        PasswordCost cost = Argon2id.tune(ms(500), ms(250), ms(1000), 1024 * 1024, machine);
        assertThat(cost.iterations()).isEqualTo(2);
        assertThat(cost.parallelism()).isEqualTo(1);
        assertThat(cost.memoryKiB()).isGreaterThan(PasswordCost.DEFAULT.memoryKiB()).isEqualTo(95 * 1024);
        assertThat(cost.memoryKiB() % 1024).isZero();
        assertThat(machine.nanos(cost)).isBetween(ms(250).toNanos(), ms(1000).toNanos());
        assertThat(machine.measured).hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void tuningRaisesPassesOnceMemoryIsCapped() {
        ModelMachine machine = new ModelMachine(TYPICAL);
        PasswordCost cost = Argon2id.tune(ms(2000), ms(1500), ms(3000), 64 * 1024, machine);
        assertThat(cost.memoryKiB()).isEqualTo(64 * 1024);
        assertThat(cost.iterations()).isGreaterThan(2).isLessThanOrEqualTo(Argon2id.TUNE_MAX_ITERATIONS);
        assertThat(machine.nanos(cost)).isBetween(ms(1500).toNanos(), ms(3000).toNanos());
    }

    @Test
    void tuningStopsAtTheCapOnAFastMachine() {
        ModelMachine machine = new ModelMachine(TYPICAL / 1000);
        PasswordCost cost = Argon2id.tune(ms(500), ms(250), ms(1000), 64 * 1024, machine);
        assertThat(cost).isEqualTo(new PasswordCost(64 * 1024, Argon2id.TUNE_MAX_ITERATIONS, 1));
        assertThat(machine.nanos(cost)).isLessThan(ms(250).toNanos());
        assertThat(machine.measured).hasSizeLessThanOrEqualTo(Argon2id.TUNE_MAX_ROUNDS);
    }

    @Test
    void tuningKeepsTheDefaultOnASlowMachine() {
        ModelMachine machine = new ModelMachine(TYPICAL * 30);
        PasswordCost cost = Argon2id.tune(ms(500), ms(250), ms(1000), 1024 * 1024, machine);
        assertThat(cost).isEqualTo(PasswordCost.DEFAULT);
        assertThat(machine.measured).containsExactly(PasswordCost.DEFAULT);
    }

    @Test
    void tuningBacksOffAfterOvershooting() {
        // Time grows faster than linearly past 64 MiB (the model machine runs out of cache), so the
        // linear estimate overshoots and the search has to come back down.
        ToLongFunction<PasswordCost> machine = cost -> {
            double work = (double) cost.memoryKiB() * cost.iterations();
            double slowdown = cost.memoryKiB() > 64 * 1024 ? 4 : 1;
            return (long) (TYPICAL * work * slowdown);
        };
        PasswordCost cost = Argon2id.tune(ms(800), ms(700), ms(900), 1024 * 1024, machine);
        long nanos = machine.applyAsLong(cost);
        assertThat(cost.memoryKiB()).isGreaterThan(PasswordCost.DEFAULT.memoryKiB());
        assertThat(nanos).isLessThanOrEqualTo(ms(900).toNanos());
    }

    @Test
    void tuningEndsOnAnErraticMachine() {
        // Alternately far too fast and far too slow: the search must still end, within its rounds,
        // on a cost that was not measured too slow.
        List<PasswordCost> measured = new ArrayList<>();
        ToLongFunction<PasswordCost> machine = cost -> {
            measured.add(cost);
            return measured.size() % 2 == 1 ? ms(10).toNanos() : ms(10_000).toNanos();
        };
        PasswordCost cost = Argon2id.tune(ms(500), ms(250), ms(1000), 1024 * 1024, machine);
        assertThat(measured).hasSizeLessThanOrEqualTo(Argon2id.TUNE_MAX_ROUNDS);
        int index = measured.indexOf(cost);
        assertThat(index).isNotNegative();
        assertThat(index % 2).as("measured fast, not slow").isZero();
    }

    @Test
    void tuningWindowIsValidated() {
        ToLongFunction<PasswordCost> machine = cost -> 1;
        assertThatThrownBy(() -> Argon2id.tune(ms(500), ms(600), ms(1000), 1024, machine)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Argon2id.tune(ms(500), ms(250), ms(400), 1024, machine)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Argon2id.tune(ms(500), Duration.ZERO, ms(1000), 1024, machine)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Argon2id.tune(ms(500), ms(-1), ms(1000), 1024, machine)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Argon2id.tune(null, ms(250), ms(1000))).isInstanceOf(NullPointerException.class);
    }

    /**
     * The real clock path: tuning on this machine returns a cost between the default and the cap
     * that derives a key. How long a derivation takes is the models' business above (timing a
     * second derivation here would make the test depend on the machine's load).
     */
    @Test
    void tuningOnThisMachineGivesACostBetweenTheDefaultAndTheCap() {
        PasswordCost cost = Argon2id.tune(ms(50), ms(25), ms(5000));
        int cap = Math.max(PasswordCost.MIN_MEMORY_KIB, Argon2id.tuneMemoryCapKiB() / 1024 * 1024);
        assertThat(cost.memoryKiB()).isBetween(PasswordCost.DEFAULT.memoryKiB(), cap);
        assertThat(cost.iterations()).isBetween(PasswordCost.DEFAULT.iterations(), Argon2id.TUNE_MAX_ITERATIONS);
        assertThat(Argon2id.deriveKey("check".toCharArray(), SALT, cost, 32)).hasSize(32);
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    private static byte[] filled(int length, int value) {
        byte[] out = new byte[length];
        Arrays.fill(out, (byte) value);
        return out;
    }

    private static byte[] sequence(int from, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) (from + i);
        }
        return out;
    }
}
