package org.clinicledger.crypto;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.ToLongFunction;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (RFC 9106, version 0x13) for turning a passphrase into a key, through BouncyCastle's
 * {@link Argon2BytesGenerator}.
 *
 * <p>Argon2id is memory-hard: each guess at a passphrase costs an attacker the same memory and
 * time it costs us, which is what makes a stolen encrypted workstation database slow to attack.
 * The {@link PasswordCost} says how much; {@link PasswordCost#DEFAULT} is the OWASP minimum
 * (19 MiB, two passes, one lane), and {@link #tune} raises it to what this machine can afford.
 * The cost and the salt are not secret and are stored beside what the key protects; the same
 * passphrase, salt, cost and length always give the same key.
 *
 * <p>The passphrase arrives as a {@code char[]} so that the caller can wipe it, and is encoded
 * here into UTF-8 bytes that are wiped as soon as the key is made. It is not Unicode-normalised
 * (that needs an immutable {@code String} copy); a user interface that wants "é" typed two ways to
 * match must normalise before handing the characters over.
 *
 * <p>BouncyCastle computes the lanes one after another on the calling thread, so a parallelism
 * above one adds no speed here; it is accepted so that costs chosen elsewhere can be reproduced.
 * The memory is allocated on the Java heap for the length of one derivation.
 */
public final class Argon2id {

    /** Length of the salt {@link #newSalt} makes, and the least {@link #deriveKey} accepts: 128 bits (RFC 9106 §3.1). */
    public static final int SALT_LENGTH = 16;

    /** The shortest key {@link #deriveKey} makes, in bytes. */
    public static final int MIN_KEY_LENGTH = 16;

    /** The longest key {@link #deriveKey} makes, in bytes. */
    public static final int MAX_KEY_LENGTH = 1024;

    /** The most memory {@link #tune} chooses, in KiB (1 GiB), whatever the heap would allow. */
    public static final int TUNE_MAX_MEMORY_KIB = 1024 * 1024;

    /** The most passes {@link #tune} chooses; beyond the memory cap it raises passes up to this. */
    public static final int TUNE_MAX_ITERATIONS = 16;

    /** The most derivations {@link #tune} runs to home in on its target (after one warm-up). */
    static final int TUNE_MAX_ROUNDS = 8;

    /** Memory above the default is chosen in whole MiB, so tuned costs are round numbers. */
    private static final int MEMORY_STEP_KIB = 1024;

    private Argon2id() {
    }

    /** Returns a new random {@value #SALT_LENGTH}-byte salt; use a fresh one for every key. */
    public static byte[] newSalt(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        byte[] salt = new byte[SALT_LENGTH];
        random.nextBytes(salt);
        return salt;
    }

    /**
     * Returns the {@code length}-byte Argon2id key for {@code password}, {@code salt} and {@code cost}.
     * The caller still owns (and should wipe) the password, and must wipe the key after use.
     *
     * @param password the passphrase, encoded as UTF-8
     * @param salt at least {@value #SALT_LENGTH} bytes, unique to this key
     * @param length {@value #MIN_KEY_LENGTH} to {@value #MAX_KEY_LENGTH} bytes
     * @throws IllegalArgumentException if the salt is too short, the length out of range, or the
     *     password holds a lone surrogate (it is then not Unicode text and has no UTF-8 form)
     */
    public static byte[] deriveKey(char[] password, byte[] salt, PasswordCost cost, int length) {
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(cost, "cost");
        if (salt.length < SALT_LENGTH) {
            throw new IllegalArgumentException(
                    "Argon2id salt must be at least " + SALT_LENGTH + " bytes, not " + salt.length);
        }
        if (length < MIN_KEY_LENGTH || length > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("Argon2id key length must be " + MIN_KEY_LENGTH + " to "
                    + MAX_KEY_LENGTH + " bytes, not " + length);
        }
        byte[] passwordBytes = utf8(password);
        try {
            return derive(passwordBytes, salt, null, null,
                    cost.memoryKiB(), cost.iterations(), cost.parallelism(), length);
        } finally {
            Arrays.fill(passwordBytes, (byte) 0);
        }
    }

    /**
     * Raw Argon2id with RFC 9106's optional secret key K and associated data X and no checks on
     * the cost. Package-private: the application uses neither input, and the known-answer vector
     * of RFC 9106 §5.3 needs both as well as a cost far below {@link PasswordCost#DEFAULT}.
     */
    static byte[] derive(byte[] password, byte[] salt, byte[] secret, byte[] associatedData,
            int memoryKiB, int iterations, int parallelism, int length) {
        Argon2Parameters.Builder builder = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(memoryKiB)
                .withIterations(iterations)
                .withParallelism(parallelism);
        if (secret != null) {
            builder.withSecret(secret);
        }
        if (associatedData != null) {
            builder.withAdditional(associatedData);
        }
        Argon2Parameters parameters = builder.build();
        try {
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(parameters);
            byte[] out = new byte[length];
            generator.generateBytes(password, out);
            return out;
        } finally {
            // The builder and the parameters each hold copies of the salt and secret.
            parameters.clear();
            builder.clear();
        }
    }

    /**
     * Returns whether {@code a} and {@code b} hold the same bytes, taking time that depends on
     * their lengths only, not on where they first differ; use it to compare a derived key or
     * verifier with a stored one. Two nulls are equal; a null and an array are not.
     */
    public static boolean constantTimeEquals(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    /**
     * Measures Argon2id on this machine and returns the cheapest cost, from
     * {@link PasswordCost#DEFAULT} up, whose one derivation takes between {@code lowest} and
     * {@code highest}, aiming at {@code target}.
     *
     * <p>The method: a warm-up derivation at the default (so the JIT has compiled the code), then a
     * timed one. While the time is below {@code lowest}, the work (memory times passes) is scaled
     * by target / measured, since Argon2's time is linear in it, and measured again. Memory rises
     * first, in whole MiB, because memory is what makes guessing expensive on GPUs and ASICs; only
     * at the memory cap do passes rise. A time above {@code highest} scales the work back down
     * the same way, but never below the default. It stops at the first measurement inside the
     * window, or after eight timed rounds with the largest cost measured so far that did not
     * exceed {@code highest}.
     *
     * <p>Exceptions to the window, both deliberate: if the default alone takes longer than
     * {@code highest}, the default is returned, because no cost below it is acceptable; if even
     * the cap is faster than {@code lowest}, the cap is returned. The cap is
     * {@value #TUNE_MAX_ITERATIONS} passes over the smaller of {@value #TUNE_MAX_MEMORY_KIB} KiB
     * and a quarter of the JVM's maximum heap (in whole MiB), so that a derivation cannot run the
     * application out of memory. Expect it to take a few times {@code target} in all; 0.25 to 1 s per
     * derivation is a sensible window for unlocking at sign-in.
     *
     * <p>The result describes this machine under its current load: store it with the salt, and
     * tune again only when making a new key.
     *
     * @throws IllegalArgumentException unless 0 &lt; lowest &le; target &le; highest
     */
    public static PasswordCost tune(Duration target, Duration lowest, Duration highest) {
        char[] password = "clinicledger tuning".toCharArray();
        byte[] salt = new byte[SALT_LENGTH];
        ToLongFunction<PasswordCost> clock = cost -> {
            long start = System.nanoTime();
            byte[] key = deriveKey(password, salt, cost, 32);
            long elapsed = System.nanoTime() - start;
            Arrays.fill(key, (byte) 0);
            return elapsed;
        };
        clock.applyAsLong(PasswordCost.DEFAULT);
        return tune(target, lowest, highest, tuneMemoryCapKiB(), clock);
    }

    /** The memory cap {@link #tune} works under in this JVM: the lesser of 1 GiB and a quarter of the maximum heap. */
    static int tuneMemoryCapKiB() {
        long maxHeapKiB = Runtime.getRuntime().maxMemory() / 1024;
        return (int) Math.min(TUNE_MAX_MEMORY_KIB, maxHeapKiB / 4);
    }

    /**
     * The search of {@link #tune(Duration, Duration, Duration)} with its memory cap and its clock
     * given, so that tests can drive it with a model of the machine instead of the machine.
     */
    static PasswordCost tune(Duration target, Duration lowest, Duration highest, int memoryCapKiB,
            ToLongFunction<PasswordCost> nanosFor) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(lowest, "lowest");
        Objects.requireNonNull(highest, "highest");
        Objects.requireNonNull(nanosFor, "nanosFor");
        if (lowest.isNegative() || lowest.isZero() || lowest.compareTo(target) > 0 || target.compareTo(highest) > 0) {
            throw new IllegalArgumentException(
                    "tuning needs 0 < lowest <= target <= highest, not " + lowest + ", " + target + ", " + highest);
        }
        long lowestNanos = lowest.toNanos();
        long targetNanos = target.toNanos();
        long highestNanos = highest.toNanos();
        // Whole MiB, like every memory figure chosen above the default, so the cap itself can be reached.
        int memoryCap = Math.max(PasswordCost.MIN_MEMORY_KIB,
                Math.min(memoryCapKiB, PasswordCost.MAX_MEMORY_KIB) / MEMORY_STEP_KIB * MEMORY_STEP_KIB);
        PasswordCost cap = new PasswordCost(memoryCap, TUNE_MAX_ITERATIONS, 1);

        PasswordCost cost = PasswordCost.DEFAULT;
        PasswordCost best = PasswordCost.DEFAULT;
        for (int round = 0; round < TUNE_MAX_ROUNDS; round++) {
            long nanos = Math.max(1, nanosFor.applyAsLong(cost));
            if (nanos <= highestNanos && work(cost) > work(best)) {
                best = cost;
            }
            boolean tooFast = nanos < lowestNanos;
            boolean tooSlow = nanos > highestNanos;
            if (!tooFast && !tooSlow) {
                return cost;
            }
            if (tooSlow && cost.equals(PasswordCost.DEFAULT)) {
                return PasswordCost.DEFAULT;
            }
            if (tooFast && cost.equals(cap)) {
                return cap;
            }
            PasswordCost next = costForWork(work(cost) * ((double) targetNanos / nanos), memoryCap);
            if (next.equals(cost)) {
                // Rounding leaves no cost between here and the window: this is as close as it gets.
                return tooSlow ? best : cost;
            }
            cost = next;
        }
        return best;
    }

    /** The work of a single-lane cost: KiB times passes, to which Argon2's running time is proportional. */
    private static double work(PasswordCost cost) {
        return (double) cost.memoryKiB() * cost.iterations();
    }

    /** The single-lane cost closest to {@code work}: memory first, up to the cap, then passes; never below the default. */
    private static PasswordCost costForWork(double work, int memoryCapKiB) {
        int iterations = PasswordCost.DEFAULT.iterations();
        double memory = work / iterations;
        if (memory > memoryCapKiB) {
            iterations = (int) Math.min(TUNE_MAX_ITERATIONS, Math.round(work / memoryCapKiB));
            memory = memoryCapKiB;
        }
        int memoryKiB = (int) Math.min(memoryCapKiB, Math.round(memory / MEMORY_STEP_KIB) * (long) MEMORY_STEP_KIB);
        memoryKiB = Math.max(PasswordCost.MIN_MEMORY_KIB, memoryKiB);
        iterations = Math.max(PasswordCost.DEFAULT.iterations(), iterations);
        return new PasswordCost(memoryKiB, iterations, 1);
    }

    /** The password's UTF-8 bytes, built in a buffer that is wiped; refuses lone surrogates. */
    private static byte[] utf8(char[] password) {
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        // Three bytes per char is UTF-8's most (a surrogate pair is two chars and four bytes), so the
        // encoder never has to grow the buffer and leave an unwiped copy behind.
        ByteBuffer buffer = ByteBuffer.allocate(Math.max(1, password.length * 3));
        try {
            CoderResult result = encoder.encode(CharBuffer.wrap(password), buffer, true);
            if (!result.isError()) {
                result = encoder.flush(buffer);
            }
            if (result.isError()) {
                throw new IllegalArgumentException(
                        "the password holds a lone surrogate and is not Unicode text");
            }
            byte[] bytes = new byte[buffer.position()];
            buffer.flip();
            buffer.get(bytes);
            return bytes;
        } finally {
            Arrays.fill(buffer.array(), (byte) 0);
        }
    }

    /**
     * How much an Argon2id derivation costs: memory in KiB, passes over it, and lanes.
     *
     * @param memoryKiB {@value #MIN_MEMORY_KIB} KiB (19 MiB) to {@value #MAX_MEMORY_KIB} KiB (4 GiB)
     * @param iterations passes over the memory, {@value #MIN_ITERATIONS} to {@value #MAX_ITERATIONS}
     * @param parallelism lanes, {@value #MIN_PARALLELISM} to {@value #MAX_PARALLELISM}
     */
    public record PasswordCost(int memoryKiB, int iterations, int parallelism) {

        /** The least memory accepted: 19 MiB, OWASP's minimum for Argon2id with two passes. */
        public static final int MIN_MEMORY_KIB = 19 * 1024;

        /** The most memory accepted: 4 GiB. */
        public static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;

        /** The fewest passes accepted. */
        public static final int MIN_ITERATIONS = 2;

        /**
         * The most passes accepted. Far beyond any sensible cost, it is there so that a cost read
         * back from a damaged or doctored file cannot make unlocking run for days.
         */
        public static final int MAX_ITERATIONS = 100;

        /** The fewest lanes accepted. */
        public static final int MIN_PARALLELISM = 1;

        /** The most lanes accepted. */
        public static final int MAX_PARALLELISM = 16;

        /** 19 MiB, two passes, one lane: the OWASP Password Storage Cheat Sheet's minimum for Argon2id. */
        public static final PasswordCost DEFAULT = new PasswordCost(MIN_MEMORY_KIB, 2, 1);

        /**
         * Checks every figure against its bounds.
         *
         * @throws IllegalArgumentException if one is out of range
         */
        public PasswordCost {
            if (memoryKiB < MIN_MEMORY_KIB || memoryKiB > MAX_MEMORY_KIB) {
                throw new IllegalArgumentException("Argon2id memory must be " + MIN_MEMORY_KIB + " to "
                        + MAX_MEMORY_KIB + " KiB, not " + memoryKiB);
            }
            if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
                throw new IllegalArgumentException("Argon2id passes must be " + MIN_ITERATIONS + " to "
                        + MAX_ITERATIONS + ", not " + iterations);
            }
            if (parallelism < MIN_PARALLELISM || parallelism > MAX_PARALLELISM) {
                throw new IllegalArgumentException("Argon2id parallelism must be " + MIN_PARALLELISM + " to "
                        + MAX_PARALLELISM + ", not " + parallelism);
            }
        }
    }
}
