package org.clinicledger.clinic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.clinicledger.domain.InvalidInputException;
import org.junit.jupiter.api.Test;

/** The ICD-10-CM list: reading it strictly, looking codes up and searching by code and by words of titles. */
class Icd10CatalogTest {

    private static final Icd10Catalog STANDARD = Icd10Catalog.standard();

    private static Icd10Catalog parse(String text) throws Exception {
        return Icd10Catalog.parse(new StringReader(text));
    }

    private static List<String> codes(List<Icd10Catalog.Entry> entries) {
        return entries.stream().map(entry -> entry.code().value()).toList();
    }

    @Test
    void theShippedListHoldsEveryRowWithCodesShownWithTheDot() {
        assertThat(STANDARD.size()).isEqualTo(24_628);
        Icd10Catalog.Entry asthma = STANDARD.find("J453").orElseThrow();
        assertThat(asthma.code().value()).isEqualTo("J45.3");
        assertThat(asthma.toString()).isEqualTo("J45.3 — Mild persistent asthma");
        assertThat(STANDARD.find("A00").orElseThrow().code().value()).isEqualTo("A00");
        assertThat(STANDARD.find("H54512A").orElseThrow().code().value()).isEqualTo("H54.512A");
    }

    @Test
    void aCodeIsFoundWithOrWithoutTheDotInAnyCase() {
        for (String typed : List.of("J45.3", "j45.3", "J453", " j453 ")) {
            assertThat(STANDARD.find(typed)).as(typed).map(entry -> entry.code().value()).contains("J45.3");
        }
        assertThat(STANDARD.find("J45.99999")).isEmpty();
        assertThat(STANDARD.find("")).isEmpty();
        assertThat(STANDARD.find(null)).isEmpty();
        assertThat(STANDARD.find("Z99.9X")).isEmpty();
    }

    @Test
    void theExactCodeComesFirstThenLongerCodesThenTitles() {
        List<String> found = codes(STANDARD.search("J45.9"));
        assertThat(found).startsWith("J45.9", "J45.90", "J45.99");
        assertThat(codes(STANDARD.search("j459"))).startsWith("J45.9", "J45.90", "J45.99");
        assertThat(codes(STANDARD.search("j45"))).startsWith("J45", "J45.2", "J45.3");
    }

    @Test
    void everyTypedWordMustStartAWordOfTheTitleShortestTitleFirst() {
        List<Icd10Catalog.Entry> found = STANDARD.search("pers asth");
        assertThat(found).isNotEmpty();
        assertThat(found).allSatisfy(entry -> {
            String title = entry.title().toLowerCase();
            assertThat(title).containsPattern("\\bpers").containsPattern("\\basth");
        });
        assertThat(found.get(0).toString()).isEqualTo("J45.3 — Mild persistent asthma");
        for (int i = 1; i < found.size(); i++) {
            assertThat(found.get(i).title().length()).isGreaterThanOrEqualTo(found.get(i - 1).title().length());
        }
        assertThat(STANDARD.search("sthma")).as("the start of a word, not its middle").isEmpty();
        assertThat(codes(STANDARD.search("ASTHMA MILD PERSISTENT"))).contains("J45.3");
    }

    @Test
    void accentsAndCaseAreIgnoredOnBothSides() throws Exception {
        Icd10Catalog catalog = parse("A00,\"Cholera\"\nG30,\"Alzheimer's disease\"\nM35,\"Sjögren syndrome\"\n");
        assertThat(codes(catalog.search("SJOGREN"))).containsExactly("M35");
        assertThat(codes(catalog.search("sjög"))).containsExactly("M35");
        assertThat(codes(catalog.search("alzheimer"))).containsExactly("G30");
        assertThat(codes(catalog.search("Alzheimer's"))).containsExactly("G30");
    }

    @Test
    void resultsAreLimitedAndABlankQueryFindsNothing() {
        assertThat(STANDARD.search("fracture")).hasSize(Icd10Catalog.DEFAULT_LIMIT);
        assertThat(STANDARD.search("fracture", 5)).hasSize(5);
        assertThat(STANDARD.search("fracture", 0)).isEmpty();
        assertThat(STANDARD.search("   ")).isEmpty();
        assertThat(STANDARD.search(null)).isEmpty();
        assertThat(STANDARD.search("--- ,,, ...")).isEmpty();
    }

    @Test
    void quotesAreDoubledInsideATitleAndCrlfLineEndsAreRead() throws Exception {
        Icd10Catalog catalog = parse("A00,\"So-called \"\"cholera\"\"\"\r\nA01,\"Typhoid\"\r\n");
        assertThat(catalog.find("A00").orElseThrow().title()).isEqualTo("So-called \"cholera\"");
        assertThat(catalog.size()).isEqualTo(2);
    }

    @Test
    void aMalformedLineIsRefusedByNumber() {
        List<List<String>> cases = List.of(
                List.of("A00,\"Cholera\"\nA01 \"Typhoid\"\n", "line 2: there is no comma"),
                List.of("a00,\"Cholera\"\n", "line 1: 'a00' is not a code"),
                List.of("A0,\"Cholera\"\n", "line 1: 'A0' is not a code"),
                List.of("A001234X,\"Cholera\"\n", "is not a code"),
                List.of("A00.1,\"Cholera\"\n", "without the dot"),
                List.of("A00,Cholera\n", "not in double quotes"),
                List.of("A00,\"Cholera\n", "not in double quotes"),
                List.of("A00,\"Chol\"era\"\n", "a quote inside the title is not doubled"),
                List.of("A00,\"\"\n", "the title is empty"),
                List.of("A00,\"\n", "not in double quotes"),
                List.of("A00,\"  \"\n", "the title is empty"),
                List.of("A00,\"Chol\u0007era\"\n", "control character"),
                List.of("A00,\"Cholera\"\nA00,\"Cholera again\"\n", "line 2: the code A00 is given twice"),
                List.of("A00,\"Cholera\"\n\nA01,\"Typhoid\"\n", "line 2: there is no comma"),
                List.of("A00,\"" + "x".repeat(Icd10Catalog.MAX_LINE) + "\"\n", "longer than 1000 characters"),
                List.of("\u0001\u0002,\"x\"\n", "'\\u0001\\u0002' is not a code"));
        for (List<String> bad : cases) {
            assertThatThrownBy(() -> parse(bad.get(0))).as(bad.get(0))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("The ICD-10 list is malformed at line ")
                    .hasMessageContaining(bad.get(1));
        }
        assertThatThrownBy(() -> parse("")).isInstanceOf(InvalidInputException.class)
                .hasMessage("The ICD-10 list is empty.");
    }

    @Test
    void moreRowsThanTheLimitAreRefused() {
        StringBuilder many = new StringBuilder();
        int rows = 0;
        outer:
        for (char letter = 'A'; letter <= 'Z'; letter++) {
            for (int number = 0; number < 10_000; number++) {
                many.append(letter).append(String.format("%04d", number)).append(",\"Row\"\n");
                if (++rows > Icd10Catalog.MAX_ROWS) {
                    break outer;
                }
            }
        }
        assertThatThrownBy(() -> parse(many.toString())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("more than " + Icd10Catalog.MAX_ROWS + " rows");
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() {
        byte[] bytes = {'A', '0', '0', ',', '"', (byte) 0xC3, (byte) 0x28, '"', '\n'};
        assertThatThrownBy(() -> Icd10Catalog.parse(new InputStreamReader(new ByteArrayInputStream(bytes),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not UTF-8");
    }

    /** Every mutation of a valid list either reads or is refused in the documented way: never another failure. */
    @Test
    void mutatedListsReadOrAreRefusedClearly() throws Exception {
        String valid = "A00,\"Cholera\"\nA010,\"Typhoid fever\"\nJ453,\"Mild \"\"persistent\"\" asthma\"\n";
        Random random = new Random(20261127);
        String alphabet = "AJZ019,\"\r\n .x\u0000é";
        int read = 0;
        int refused = 0;
        for (int round = 0; round < 5_000; round++) {
            StringBuilder mutated = new StringBuilder(valid);
            for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                int at = random.nextInt(mutated.length() + 1);
                switch (random.nextInt(3)) {
                    case 0 -> mutated.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 1 -> {
                        if (at < mutated.length()) {
                            mutated.deleteCharAt(at);
                        }
                    }
                    default -> {
                        if (at < mutated.length()) {
                            mutated.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                        }
                    }
                }
            }
            try {
                Icd10Catalog catalog = parse(mutated.toString());
                assertThat(catalog.size()).isBetween(1, 4);
                catalog.search(mutated.substring(0, Math.min(6, mutated.length())));
                read++;
            } catch (InvalidInputException expected) {
                assertThat(expected.getMessage()).startsWith("The ICD-10 list is");
                refused++;
            }
        }
        assertThat(read).as("some mutations stay valid").isPositive();
        assertThat(refused).as("most are refused").isPositive();
    }
}
