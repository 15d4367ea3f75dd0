package org.clinicledger.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.clinicledger.domain.AccountDetails;
import org.clinicledger.domain.Role;
import org.clinicledger.domain.StaffMember;
import org.junit.jupiter.api.Test;

class PersonNamesTest {

    private static final StaffMember BERG = new StaffMember("dr.berg", Role.DOCTOR,
            new AccountDetails("Dr Åsa Berg", "Cardiology", null));
    private static final StaffMember KIM = new StaffMember("dr.kim", Role.DOCTOR, AccountDetails.NONE);

    @Test
    void namesFirstWithTheUsernameAfterAndTheUsernameAloneWithoutAName() {
        assertThat(PersonNames.of(BERG)).isEqualTo("Dr Åsa Berg (dr.berg)");
        assertThat(PersonNames.withSpecialty(BERG)).isEqualTo("Dr Åsa Berg (dr.berg), Cardiology");
        assertThat(PersonNames.of(KIM)).isEqualTo("dr.kim");
        assertThat(PersonNames.withSpecialty(KIM)).isEqualTo("dr.kim");
    }

    @Test
    void findsByAnyWordsOfNameUsernameOrSpecialtyInAnyCaseWithOrWithoutAccents() {
        assertThat(PersonNames.matches(BERG, "asa")).isTrue();
        assertThat(PersonNames.matches(BERG, "BERG  åsa")).isTrue();
        assertThat(PersonNames.matches(BERG, "dr.berg")).isTrue();
        assertThat(PersonNames.matches(BERG, "cardio")).isTrue();
        assertThat(PersonNames.matches(BERG, "berg kim")).isFalse();
        assertThat(PersonNames.matches(KIM, "kim")).isTrue();
        assertThat(PersonNames.matches(KIM, "")).isTrue();
        assertThat(PersonNames.matches(KIM, null)).isTrue();
        assertThat(PersonNames.matches(KIM, "lee")).isFalse();
    }
}
