package org.alima.portal.api.packs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PackSearchIndexTest {

    @Nested
    class Terms {

        @Test
        void fold_accents_and_case_so_a_word_typed_without_accents_matches() {
            assertThat(PackTerms.of("Épidémie")).isEqualTo(PackTerms.of("epidemie"));
        }

        @Test
        void drop_french_elisions_and_english_possessives() {
            assertThat(PackTerms.of("l’hôpital d'enfants")).containsExactly("hopital", "enfant");
            assertThat(PackTerms.of("the child's")).containsExactly("the", "child");
        }

        @Test
        void bring_plurals_and_inflections_to_one_stem() {
            assertThat(PackTerms.stem("vaccinations")).isEqualTo(PackTerms.stem("vaccination"));
            assertThat(PackTerms.stem("children")).isEqualTo("children");
            assertThat(PackTerms.stem("testing")).isEqualTo(PackTerms.stem("tests"));
        }
    }

    @Test
    void postings_are_the_first_page_then_gaps() {
        PackSearchIndex index = new PackSearchIndex();
        index.add(0, 1, "paludisme");
        index.add(0, 2, "rougeole");
        index.add(1, 1, "Paludisme <b>");

        assertThat(index.toJson())
                .contains("[0,1,\"paludisme\"]", "\"paludism\":[0,2]", "\"rougeol\":[1]")
                .contains("\\u003cb>")
                .doesNotContain("<b>");
    }

    @Test
    void refuses_a_page_number_below_one() {
        assertThatThrownBy(() -> new PackSearchIndex().add(0, 0, "x")).hasMessageContaining("1 or more");
    }

    @Test
    void stays_compact_for_a_hundred_documents_of_twenty_pages() {
        PackSearchIndex index = new PackSearchIndex();
        StringBuilder page = new StringBuilder();
        String[] words =
                ("la couverture vaccinale des enfants de moins de cinq ans reste insuffisante dans les districts"
                                + " sanitaires ruraux malaria incidence declined among children under five in rural districts")
                        .split(" ");
        java.util.Random random = new java.util.Random(15);
        for (int doc = 0; doc < 100; doc++) {
            for (int number = 1; number <= 20; number++) {
                page.setLength(0);
                for (int w = 0; w < 400; w++) {
                    page.append(words[random.nextInt(words.length)])
                            .append(random.nextInt(2000))
                            .append(' ');
                }
                index.add(doc, number, page.toString());
            }
        }
        int textBytes = 100 * 20 * page.length();
        int dataBytes = index.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;

        // page texts once plus postings (measured: 11.6 MB for 8.0 MB of text, 50,000 distinct terms); a second copy
        // of every word would pass twice the text
        assertThat(dataBytes).isLessThan(2 * textBytes);
    }
}
