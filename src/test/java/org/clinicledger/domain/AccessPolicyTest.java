package org.clinicledger.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.clinicledger.domain.AccessEvent.Kind;
import org.clinicledger.domain.AccessPolicy.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessPolicyTest {

    private static final String PATIENT = "patient/123456782";
    private static final Instant T0 = Instant.parse("2026-11-01T08:00:00Z");

    private static AccessEvent at(int hours, Kind kind, String actor, String subject) {
        return new AccessEvent(kind, actor, subject, T0.plus(Duration.ofHours(hours)), null);
    }

    private static AccessEvent grantUntil(int hours, String doctor, int untilHours) {
        return new AccessEvent(Kind.GRANT, PATIENT, doctor, T0.plus(Duration.ofHours(hours)),
                T0.plus(Duration.ofHours(untilHours)));
    }

    /** One history with every grant state: none, active, expired, revoked, referral, emergency. */
    private static final List<AccessEvent> HISTORY = List.of(
            at(0, Kind.GRANT, PATIENT, "doctor/granted"),
            grantUntil(1, "doctor/expired", 10),
            at(2, Kind.GRANT, PATIENT, "doctor/revoked"),
            at(3, Kind.REFERRAL, "doctor/granted", "doctor/referred"),
            at(4, Kind.REFERRAL, "doctor/revoked", "doctor/referred-by-revoked-later"),
            at(5, Kind.REVOKE, PATIENT, "doctor/revoked"),
            at(6, Kind.REFERRAL, "doctor/revoked", "doctor/referred-after-revocation"),
            at(7, Kind.REFERRAL, "doctor/stranger", "doctor/referred-by-stranger"),
            at(8, Kind.GRANT, "doctor/stranger", "doctor/self-granted"),
            at(30, Kind.EMERGENCY, "staff/admin", "staff/admin"),
            at(40, Kind.REVOKE, "doctor/granted", "doctor/referred"));

    @ParameterizedTest(name = "{0} reading a record by {1}: {2}")
    @CsvSource({
        "patient/123456782, doctor/author, PATIENT",
        "doctor/author, doctor/author, AUTHOR",
        "doctor/granted, doctor/author, GRANT",
        "doctor/expired, doctor/author, ",
        "doctor/expired, doctor/expired, AUTHOR",
        "doctor/revoked, doctor/author, ",
        "doctor/revoked, doctor/revoked, AUTHOR",
        "doctor/referred, doctor/author, REFERRAL",
        "doctor/referred-by-revoked-later, doctor/author, REFERRAL",
        "doctor/referred-after-revocation, doctor/author, ",
        "doctor/referred-by-stranger, doctor/author, ",
        "doctor/self-granted, doctor/author, ",
        "doctor/stranger, doctor/author, ",
        "staff/admin, doctor/author, EMERGENCY",
        "staff/reception, doctor/author, ",
        "patient/999999990, doctor/author, "})
    void theMatrixAtHour41(String principal, String author, Reason expected) {
        AccessPolicy.AccessState state = AccessPolicy.evaluate(PATIENT, HISTORY, T0.plus(Duration.ofHours(41)));
        assertThat(state.mayRead(principal, author)).isEqualTo(Optional.ofNullable(expected));
    }

    @Test
    void grantsEndWhenTheySayAndEmergencyAccessAfterADay() {
        assertThat(AccessPolicy.evaluate(PATIENT, HISTORY, T0.plus(Duration.ofHours(9))).readers())
                .containsEntry("doctor/expired", Reason.GRANT);
        assertThat(AccessPolicy.evaluate(PATIENT, HISTORY, T0.plus(Duration.ofHours(10))).readers())
                .doesNotContainKey("doctor/expired");
        assertThat(AccessPolicy.evaluate(PATIENT, HISTORY, T0.plus(Duration.ofHours(53))).readers())
                .containsEntry("staff/admin", Reason.EMERGENCY);
        assertThat(AccessPolicy.evaluate(PATIENT, HISTORY, T0.plus(Duration.ofHours(54))).readers())
                .doesNotContainKey("staff/admin");
    }

    @Test
    void revocationTakesEffectAtOnceAndOnlyThePatientCanRevoke() {
        assertThat(AccessPolicy.evaluate(PATIENT, HISTORY, T0.plus(Duration.ofHours(4))).readers())
                .containsKey("doctor/revoked");
        assertThat(AccessPolicy.evaluate(PATIENT, HISTORY, T0.plus(Duration.ofHours(5))).readers())
                .doesNotContainKey("doctor/revoked");
        assertThat(AccessPolicy.evaluate(PATIENT, HISTORY, T0.plus(Duration.ofHours(41))).readers())
                .as("a doctor's 'revocation' of another doctor changes nothing").containsKey("doctor/referred");
    }

    @Test
    void eventsLaterThanNowDoNotCountYet() {
        Map<String, Reason> readers = AccessPolicy.evaluate(PATIENT, HISTORY, T0.plus(Duration.ofMinutes(30))).readers();
        assertThat(readers).containsOnlyKeys(PATIENT, "doctor/granted");
    }

    @Test
    void aRenewedGrantReplacesTheOldOneAndTheNewRecordsReadersAreListed() {
        List<AccessEvent> events = List.of(grantUntil(0, "doctor/a", 2), at(1, Kind.GRANT, PATIENT, "doctor/a"));
        AccessPolicy.AccessState state = AccessPolicy.evaluate(PATIENT, events, T0.plus(Duration.ofDays(30)));
        assertThat(state.currentReaders()).containsExactly(PATIENT, "doctor/a");
    }

    @Test
    void standingAccessFollowsGrantsRevocationsReferralsAndEnds() {
        ChainId me = new ChainId(PartyKind.PATIENT, "123456782");
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        List<AccessEvent> events = List.of(
                new AccessEvent(Kind.GRANT, me.value(), "doctor/a", t, null),
                new AccessEvent(Kind.GRANT, me.value(), "doctor/b", t, t.plusSeconds(60)),
                new AccessEvent(Kind.REFERRAL, "doctor/a", "doctor/c", t.plusSeconds(1), null),
                new AccessEvent(Kind.GRANT, me.value(), "doctor/d", t, null),
                new AccessEvent(Kind.REVOKE, me.value(), "doctor/d", t.plusSeconds(2), null),
                new AccessEvent(Kind.EMERGENCY, "staff/admin", "staff/admin", t, null));
        assertThat(AccessPolicy.evaluate(me.value(), events, t.plusSeconds(30)).standingDoctors()).containsExactly(
                new AccessPolicy.StandingAccess(new ChainId(PartyKind.DOCTOR, "a"), Reason.GRANT, null),
                new AccessPolicy.StandingAccess(new ChainId(PartyKind.DOCTOR, "b"), Reason.GRANT, t.plusSeconds(60)),
                new AccessPolicy.StandingAccess(new ChainId(PartyKind.DOCTOR, "c"), Reason.REFERRAL, null));
        assertThat(AccessPolicy.evaluate(me.value(), events, t.plusSeconds(90)).standingDoctors())
                .extracting(standing -> standing.doctor().subject()).containsExactly("a", "c");
        assertThat(AccessPolicy.evaluate(me.value(), events, t.plusSeconds(30)).isStanding("staff/admin"))
                .as("an emergency reads, but holds no keys and writes nothing").isFalse();
    }
}
