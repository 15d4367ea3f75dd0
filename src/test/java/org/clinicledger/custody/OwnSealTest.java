package org.clinicledger.custody;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

import org.clinicledger.crypto.KeyWrap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A seal for one patient opens for their keys and their MRN only, and not once any bit of it changed. */
class OwnSealTest {

    private static final byte[] DETAILS = "{\"dateOfBirth\":\"1985-12-10\",\"format\":1,\"name\":\"Ada Byron\"}"
            .getBytes(StandardCharsets.UTF_8);

    private final SecureRandom random = new SecureRandom();
    private final AccountKeys ada = AccountKeys.generate(random);
    private final AccountKeys lee = AccountKeys.generate(random);

    @AfterEach
    void destroy() {
        ada.destroy();
        lee.destroy();
    }

    @Test
    void opensForThePatientItWasSealedForUnderTheirMrn() {
        byte[] sealed = OwnSeal.seal(DETAILS, ada.agreementPublicKey(), "435001169", random);
        assertThat(sealed).hasSizeGreaterThan(KeyWrap.WrappedKey.ENCODED_LENGTH + DETAILS.length);
        assertThat(OwnSeal.open(sealed, ada, "435001169")).hasValueSatisfying(
                opened -> assertThat(opened).isEqualTo(DETAILS));
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("Ada Byron");
        assertThat(OwnSeal.seal(DETAILS, ada.agreementPublicKey(), "435001169", random)).as("fresh each time")
                .isNotEqualTo(sealed);
    }

    @Test
    void doesNotOpenForAnotherKeyOrUnderAnotherMrn() {
        byte[] sealed = OwnSeal.seal(DETAILS, ada.agreementPublicKey(), "435001169", random);
        assertThat(OwnSeal.open(sealed, lee, "435001169")).isEmpty();
        assertThat(OwnSeal.open(sealed, ada, "639164128")).isEmpty();
    }

    @Test
    void noChangedTruncatedOrLengthenedSealOpens() {
        byte[] sealed = OwnSeal.seal(DETAILS, ada.agreementPublicKey(), "435001169", random);
        for (int i = 0; i < sealed.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] changed = sealed.clone();
                changed[i] ^= (byte) (1 << bit);
                assertThat(OwnSeal.open(changed, ada, "435001169")).as("byte %d bit %d", i, bit).isEmpty();
            }
        }
        for (int length = 0; length < sealed.length; length++) {
            assertThat(OwnSeal.open(Arrays.copyOf(sealed, length), ada, "435001169")).as("length " + length).isEmpty();
        }
        assertThat(OwnSeal.open(Arrays.copyOf(sealed, sealed.length + 1), ada, "435001169")).isEmpty();
        assertThat(OwnSeal.open(null, ada, "435001169")).isEmpty();
    }

    @Test
    void aSealMadeByAnyoneForThePatientsPublicKeyOpens() {
        // Why the copy must travel in a signed block: the seal alone does not say who made it.
        byte[] forged = OwnSeal.seal("{\"name\":\"Eve\"}".getBytes(StandardCharsets.UTF_8), ada.agreementPublicKey(),
                "435001169", random);
        assertThat(OwnSeal.open(forged, ada, "435001169")).isPresent();
    }
}
