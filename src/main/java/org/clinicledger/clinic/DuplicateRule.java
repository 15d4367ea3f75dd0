package org.clinicledger.clinic;

import java.util.Arrays;
import java.util.Optional;

/**
 * When two patients with the same date of birth look like one person registered twice, in one
 * place (decision 0033). Names are compared as search compares them ({@link Demographics#searchKey}:
 * case, accents, spaces and punctuation set aside), and match when they are the same, hold the same
 * words in another order (given and family name swapped), or differ by a slip of the keyboard: one
 * letter added, left out, changed or two swapped for names of six to eight characters, two such slips
 * for longer ones. A different date of birth is never a match: a typo there is for the desk to find
 * by searching the name.
 */
final class DuplicateRule {

    static final String SAME = "same name";
    static final String REORDERED = "names in another order";
    static final String SIMILAR = "similar name";

    /** Names shorter than this (in characters) must match exactly: a slip in "Li Wu" makes another person. */
    private static final int SHORTEST_FUZZY = 6;

    private DuplicateRule() {
    }

    /** How the two name keys match, in the desk's words; empty when they do not. */
    static Optional<String> likeness(String first, String second) {
        if (first.isEmpty() || second.isEmpty()) {
            return Optional.empty();
        }
        if (first.equals(second)) {
            return Optional.of(SAME);
        }
        if (sortedWords(first).equals(sortedWords(second))) {
            return Optional.of(REORDERED);
        }
        int shorter = Math.min(first.length(), second.length());
        if (shorter < SHORTEST_FUZZY) {
            return Optional.empty();
        }
        int allowed = shorter <= 8 ? 1 : 2;
        return distance(first, second, allowed) <= allowed ? Optional.of(SIMILAR) : Optional.empty();
    }

    private static String sortedWords(String key) {
        String[] words = key.split(" ");
        Arrays.sort(words);
        return String.join(" ", words);
    }

    /**
     * The optimal-string-alignment distance (insertions, deletions, substitutions and swaps of two
     * neighbours), or {@code limit + 1} as soon as it must exceed {@code limit}.
     */
    static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) > limit) {
            return limit + 1;
        }
        int[] before = new int[b.length() + 1];
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            int best = current[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int value = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    value = Math.min(value, before[j - 2] + 1);
                }
                current[j] = value;
                best = Math.min(best, value);
            }
            if (best > limit) {
                return limit + 1;
            }
            int[] spare = before;
            before = previous;
            previous = current;
            current = spare;
        }
        return previous[b.length()];
    }
}
