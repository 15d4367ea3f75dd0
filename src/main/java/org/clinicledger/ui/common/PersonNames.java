package org.clinicledger.ui.common;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;

import org.clinicledger.domain.StaffMember;

/**
 * How the window names a member of staff: by name first, with the username after it, as people say
 * it ("Dr Anna Berg (dr.berg)"), and the username alone when the directory has no name or the reader
 * may not read it. Also how a typed query finds them: every word of it, in any order and any letter
 * case, with or without accents, somewhere in the name or the username.
 */
public final class PersonNames {

    private PersonNames() {
    }

    /** "Dr Anna Berg (dr.berg)", or "dr.berg". */
    public static String of(StaffMember member) {
        String name = member.details().name();
        return name == null ? member.username() : name + " (" + member.username() + ")";
    }

    /** {@link #of} with the specialty after it, when there is one: "Dr Anna Berg (dr.berg), Cardiology". */
    public static String withSpecialty(StaffMember member) {
        String specialty = member.details().specialty();
        return specialty == null ? of(member) : of(member) + ", " + specialty;
    }

    /** Whether every word of {@code query} is in the member's name, username or specialty; a blank query matches all. */
    public static boolean matches(StaffMember member, String query) {
        if (query == null || query.isBlank()) {
            return true;
        }
        String haystack = fold(withSpecialty(member));
        return Arrays.stream(fold(query).split("\\s+")).filter(word -> !word.isEmpty()).allMatch(haystack::contains);
    }

    /** Lower case without accents: "Ångström" and "angstrom" are the same to a search. */
    static String fold(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT).strip();
    }
}
