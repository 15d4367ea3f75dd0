package org.clinicledger.clinic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.LocalDate;

import org.clinicledger.crypto.Aead;
import org.clinicledger.custody.Labels;
import org.clinicledger.domain.MedicalRecordNumber;
import org.clinicledger.domain.PatientDetails;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.Sex;
import org.junit.jupiter.api.Test;

class DemographicsTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final MedicalRecordNumber MRN = MedicalRecordNumber.parse("1234-5678-2");
    private static final PatientDetails DETAILS = new PatientDetails("Zoë Ćwik", LocalDate.of(1990, 1, 31), Sex.OTHER,
            "+48 12 345 67 89");

    @Test
    void namesAreComparedWithoutCaseAccentsOrPunctuation() {
        assertThat(Demographics.searchKey("  ÉMILE   Zola ")).isEqualTo("emile zola");
        assertThat(Demographics.searchKey("emile-zola")).isEqualTo("emile zola");
        assertThat(Demographics.searchKey("Łukasz Żółć")).isEqualTo("lukasz zolc");
        assertThat(Demographics.searchKey("Søren Kierkegaard")).isEqualTo("soren kierkegaard");
        assertThat(Demographics.searchKey("Straße Æsir Œuvre Þór Đorđe")).isEqualTo("strasse aesir oeuvre thor dorde");
        assertThat(Demographics.searchKey("Ｆｕｌｌｗｉｄｔｈ")).as("compatibility forms fold too").isEqualTo("fullwidth");
        assertThat(Demographics.searchKey("O'Brien, Mary-Jane")).isEqualTo("o brien mary jane");
        assertThat(Demographics.searchKey("李小龍")).isEqualTo("李小龍");
        assertThat(Demographics.searchKey("--")).isEmpty();
    }

    @Test
    void sealedDemographicsOpenOnlyWithTheDirectoryKeyForTheirOwnMrn() {
        byte[] key = Aead.newKey(RANDOM);
        byte[] sealed = Demographics.seal(key, MRN, DETAILS, RANDOM);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("Zo", "1990", "+48");
        assertThat(Demographics.open(key, MRN.digits(), sealed)).isEqualTo(DETAILS);
        assertThat(Demographics.seal(key, MRN, DETAILS, RANDOM)).as("a fresh nonce each time").isNotEqualTo(sealed);

        PatientDetails bare = new PatientDetails("Ada", LocalDate.of(1985, 12, 10), null, null);
        assertThat(Demographics.open(key, MRN.digits(), Demographics.seal(key, MRN, bare, RANDOM))).isEqualTo(bare);

        String other = MedicalRecordNumber.parse("2234-5678-1").digits();
        assertThatThrownBy(() -> Demographics.open(key, other, sealed)).isInstanceOf(RefusedException.class)
                .hasMessageStartingWith("The directory entry of patient 2234-5678-1 fails its integrity check");
        assertThatThrownBy(() -> Demographics.open(Aead.newKey(RANDOM), MRN.digits(), sealed))
                .isInstanceOf(RefusedException.class);
        byte[] flipped = sealed.clone();
        flipped[flipped.length - 1] ^= 1;
        assertThatThrownBy(() -> Demographics.open(key, MRN.digits(), flipped)).isInstanceOf(RefusedException.class);
        assertThatThrownBy(() -> Demographics.open(key, MRN.digits(), new byte[3])).isInstanceOf(RefusedException.class);
        assertThatThrownBy(() -> Demographics.open(key, "123456789", sealed))
                .as("a stored MRN with a wrong check digit").isInstanceOf(RefusedException.class)
                .hasMessageContaining("patient 123456789 fails");
    }

    @Test
    void sealedJsonThatIsNotDemographicsFailsTheCheckToo() {
        byte[] key = Aead.newKey(RANDOM);
        for (String plaintext : new String[] {"[]", "{\"format\":2,\"name\":\"Ada\",\"dateOfBirth\":\"1985-12-10\"}",
            "{\"format\":1,\"name\":\"Ada\",\"dateOfBirth\":\"10/12/1985\"}", "{\"format\":1,\"dateOfBirth\":\"1985-12-10\"}",
            "{\"format\":1,\"name\":\"Ada\",\"dateOfBirth\":\"1985-12-10\",\"sex\":\"f\"}", "not json"}) {
            byte[] sealed = Aead.seal(key, plaintext.getBytes(StandardCharsets.UTF_8),
                    Labels.bind(Labels.PATIENT_DEMOGRAPHICS, MRN.digits()), RANDOM).encoded();
            assertThatThrownBy(() -> Demographics.open(key, MRN.digits(), sealed)).as(plaintext)
                    .isInstanceOf(RefusedException.class).hasMessageContaining("fails its integrity check");
        }
    }
}
