package org.clinicledger.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Shamir's sharing over GF(2^8): the field's known answers, round trips, secrecy of one share, malformed shares. */
class ShamirTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void theFieldGivesFips197sKnownAnswers() {
        // FIPS-197 section 4.2: {57} • {83} = {c1}; section 4.2.1: {57} • {13} = {fe}.
        assertThat(Shamir.multiply(0x57, 0x83)).isEqualTo(0xc1);
        assertThat(Shamir.multiply(0x57, 0x13)).isEqualTo(0xfe);
        assertThat(Shamir.multiply(0x57, 0x02)).isEqualTo(0xae);
        assertThat(Shamir.multiply(0x57, 0x10)).isEqualTo(0x07);
        // {53} and {ca} are each other's inverses (FIPS-197 section 5.1.1's example).
        assertThat(Shamir.inverse(0x53)).isEqualTo(0xca);
        assertThat(Shamir.inverse(0xca)).isEqualTo(0x53);
        for (int a = 1; a < 256; a++) {
            assertThat(Shamir.multiply(a, Shamir.inverse(a))).as("a • a⁻¹ for %d", a).isEqualTo(1);
        }
        assertThat(Shamir.inverse(0)).isZero();
    }

    @Test
    void everyPairOfSharesGivesTheSecretBack() {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        List<byte[]> shares = Shamir.split(secret, 2, 12, random);
        for (int i = 0; i < shares.size(); i++) {
            for (int j = 0; j < shares.size(); j++) {
                if (i != j) {
                    assertThat(Shamir.combine(List.of(shares.get(i), shares.get(j)))).isEqualTo(secret);
                }
            }
        }
        // Two shares also give a third, which combines with any other.
        assertThat(Shamir.interpolate(List.of(shares.get(0), shares.get(1)), 3))
                .isEqualTo(Arrays.copyOfRange(shares.get(2), 1, 33));
    }

    @Test
    void theSecretAsThePointAtZeroAndOneShareMakeAnother() {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        List<byte[]> shares = Shamir.split(secret, 2, 3, random);
        byte[] atZero = new byte[33];
        System.arraycopy(secret, 0, atZero, 1, 32);
        assertThat(Shamir.interpolate(List.of(atZero, shares.get(0)), 2))
                .isEqualTo(Arrays.copyOfRange(shares.get(1), 1, 33));
    }

    @Test
    void oneShareIsConsistentWithEverySecretByte() {
        byte[] share = Shamir.split(new byte[] {42}, 2, 2, random).get(0);
        // For every secret byte there is exactly one line through (0, s) and the share: all 256 stay possible.
        Set<Integer> secondShares = new HashSet<>();
        for (int candidate = 0; candidate < 256; candidate++) {
            byte[] other = Shamir.interpolate(List.of(new byte[] {0, (byte) candidate}, share), 2);
            assertThat(Shamir.combine(List.of(share, new byte[] {2, other[0]}))).containsExactly((byte) candidate);
            secondShares.add(other[0] & 0xff);
        }
        assertThat(secondShares).hasSize(256);
    }

    @Test
    void malformedSharesAreRefused() {
        byte[] secret = new byte[32];
        List<byte[]> shares = Shamir.split(secret, 2, 3, random);
        assertThatThrownBy(() -> Shamir.combine(List.of(shares.get(0), shares.get(0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Two shares at x");
        byte[] atZero = shares.get(1).clone();
        atZero[0] = 0;
        assertThatThrownBy(() -> Shamir.combine(List.of(shares.get(0), atZero)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x = 0");
        assertThatThrownBy(() -> Shamir.combine(List.of(shares.get(0), Arrays.copyOf(shares.get(1), 20))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Shamir.combine(List.of(shares.get(0), new byte[1])))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Shamir.combine(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Shamir.split(secret, 1, 3, random)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Shamir.split(secret, 2, 256, random)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void base32DecodesWhatItEncodesAndRefusesTheRest() {
        for (int length = 0; length < 40; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            assertThat(Base32.decode(Base32.encode(bytes))).isEqualTo(bytes);
        }
        assertThatThrownBy(() -> Base32.decode("AB1C")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Base32.decode("A")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Base32.decode("AB")).isInstanceOf(IllegalArgumentException.class);
    }
}
