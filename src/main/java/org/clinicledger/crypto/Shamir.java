package org.clinicledger.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Shamir's secret sharing, k of n, byte by byte over GF(2^8) with the AES polynomial
 * x^8 + x^4 + x^3 + x + 1 (FIPS-197 section 4.2). A share is one byte x (1..255), the point it was
 * taken at, followed by one byte per secret byte: the value at x of a polynomial of degree k - 1
 * whose constant term is that secret byte and whose other coefficients are random. Fewer than k
 * shares say nothing about the secret: for every secret byte there is exactly one polynomial
 * through the shares held, so each value is equally likely.
 *
 * <p>The field arithmetic avoids tables indexed by secret bytes (the multiplication is a fixed
 * sequence of shifts and masks, the inverse a fixed power), so timing does not depend on secrets.
 * Combining checks the shares' form only; whether the result is the secret is for the caller to
 * check (ClinicLedger compares it with the public key the ledger commits to).
 */
public final class Shamir {

    /** The largest number of shares: x runs through the non-zero bytes. */
    public static final int MAX_SHARES = 255;

    private Shamir() {
    }

    /**
     * The coefficients of a fresh polynomial for each byte of {@code secret}: row 0 is a copy of
     * the secret, rows 1..k-1 random. The caller wipes it with {@link #wipe(byte[][])}.
     */
    public static byte[][] polynomial(byte[] secret, int threshold, SecureRandom random) {
        Objects.requireNonNull(secret, "secret");
        if (threshold < 2 || threshold > MAX_SHARES) {
            throw new IllegalArgumentException("A threshold is 2 to " + MAX_SHARES + ", not " + threshold);
        }
        if (secret.length == 0) {
            throw new IllegalArgumentException("Nothing to share");
        }
        byte[][] coefficients = new byte[threshold][];
        coefficients[0] = secret.clone();
        for (int degree = 1; degree < threshold; degree++) {
            coefficients[degree] = new byte[secret.length];
            random.nextBytes(coefficients[degree]);
        }
        return coefficients;
    }

    /** The share at {@code x} (1..255) of a polynomial from {@link #polynomial}: x, then its value per byte. */
    public static byte[] share(byte[][] coefficients, int x) {
        if (x < 1 || x > MAX_SHARES) {
            throw new IllegalArgumentException("A share is taken at x = 1.." + MAX_SHARES + ", not " + x);
        }
        int length = coefficients[0].length;
        byte[] share = new byte[length + 1];
        share[0] = (byte) x;
        for (int i = 0; i < length; i++) {
            int value = 0;
            for (int degree = coefficients.length - 1; degree >= 0; degree--) {
                value = multiply(value, x) ^ (coefficients[degree][i] & 0xff);
            }
            share[i + 1] = (byte) value;
        }
        return share;
    }

    /** Splits {@code secret} into shares at x = 1..n, any {@code threshold} of which give it back. */
    public static List<byte[]> split(byte[] secret, int threshold, int n, SecureRandom random) {
        if (n < threshold || n > MAX_SHARES) {
            throw new IllegalArgumentException("Cannot make " + n + " shares with threshold " + threshold);
        }
        byte[][] coefficients = polynomial(secret, threshold, random);
        try {
            byte[][] shares = new byte[n][];
            for (int x = 1; x <= n; x++) {
                shares[x - 1] = share(coefficients, x);
            }
            return List.of(shares);
        } finally {
            wipe(coefficients);
        }
    }

    /**
     * The value at {@code at} (0 for the secret) of the one polynomial of degree shares - 1 through
     * {@code points}: Lagrange interpolation. A point at x = 0 is the secret itself, which a
     * holder of the whole secret (ClinicLedger's recovery sheet) combines with one share to make
     * another.
     *
     * @throws IllegalArgumentException for no point, points of different lengths, an empty point,
     *     two points at the same x, or {@code at} outside 0..255
     */
    public static byte[] interpolate(List<byte[]> points, int at) {
        return interpolate(points, at, true);
    }

    private static byte[] interpolate(List<byte[]> shares, int at, boolean zeroAllowed) {
        Objects.requireNonNull(shares, "shares");
        if (shares.isEmpty()) {
            throw new IllegalArgumentException("No shares to combine");
        }
        if (at < 0 || at > MAX_SHARES) {
            throw new IllegalArgumentException("No point x = " + at + " in GF(2^8)");
        }
        int length = shares.get(0) == null ? 0 : shares.get(0).length;
        Set<Integer> xs = new HashSet<>();
        for (byte[] share : shares) {
            if (share == null || share.length < 2 || share.length != length) {
                throw new IllegalArgumentException("Shares must be one x byte and the same number of value bytes");
            }
            int x = share[0] & 0xff;
            if (x == 0 && !zeroAllowed) {
                throw new IllegalArgumentException("A share at x = 0 would be the secret itself");
            }
            if (!xs.add(x)) {
                throw new IllegalArgumentException("Two shares at x = " + x);
            }
        }
        byte[] result = new byte[length - 1];
        for (int j = 0; j < shares.size(); j++) {
            int xj = shares.get(j)[0] & 0xff;
            // The Lagrange basis polynomial of share j at the point asked for.
            int numerator = 1;
            int denominator = 1;
            for (int m = 0; m < shares.size(); m++) {
                if (m != j) {
                    int xm = shares.get(m)[0] & 0xff;
                    numerator = multiply(numerator, at ^ xm);
                    denominator = multiply(denominator, xj ^ xm);
                }
            }
            int basis = multiply(numerator, inverse(denominator));
            byte[] share = shares.get(j);
            for (int i = 0; i < result.length; i++) {
                result[i] ^= (byte) multiply(share[i + 1] & 0xff, basis);
            }
        }
        return result;
    }

    /**
     * The secret from {@code shares}, at least as many as the threshold they were made with.
     *
     * @throws IllegalArgumentException for no share, shares of different lengths, an empty share,
     *     a share at x = 0, or two shares at the same x
     */
    public static byte[] combine(List<byte[]> shares) {
        return interpolate(shares, 0, false);
    }

    /** Overwrites every coefficient with zeros. */
    public static void wipe(byte[][] coefficients) {
        for (byte[] row : coefficients) {
            if (row != null) {
                Arrays.fill(row, (byte) 0);
            }
        }
    }

    // ---- GF(2^8)

    /** The product in GF(2^8) modulo x^8 + x^4 + x^3 + x + 1, in a fixed number of steps. */
    public static int multiply(int a, int b) {
        int product = 0;
        int left = a & 0xff;
        int right = b & 0xff;
        for (int bit = 0; bit < 8; bit++) {
            product ^= left & -(right & 1);
            int carry = -((left >> 7) & 1);
            left = ((left << 1) ^ (0x1b & carry)) & 0xff;
            right >>= 1;
        }
        return product;
    }

    /** The multiplicative inverse in GF(2^8) (a^254); 0 has none and gives 0. */
    public static int inverse(int a) {
        int result = 1;
        int power = a & 0xff;
        // 254 = 0b11111110: square and multiply over a fixed exponent.
        for (int bit = 1; bit < 8; bit++) {
            power = multiply(power, power);
            result = multiply(result, power);
        }
        return result;
    }
}
