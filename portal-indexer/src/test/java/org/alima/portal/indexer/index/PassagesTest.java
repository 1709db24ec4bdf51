package org.alima.portal.indexer.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.alima.portal.indexer.extract.Page;
import org.junit.jupiter.api.Test;

class PassagesTest {

    private static String sentences(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append("Sentence number ").append(i).append(" talks about malaria in children. ");
        }
        return text.toString().strip();
    }

    @Test
    void aShortPageIsOnePassage() {
        List<Passages.Passage> passages = Passages.of(List.of(new Page(1, "  Short page text.  ", "en")));
        assertThat(passages).containsExactly(new Passages.Passage(1, 2, 18));
    }

    @Test
    void aLongPageIsCutAtSentenceEndsIntoPassagesThatKnowTheirPage() {
        String text = sentences(100);
        List<Passages.Passage> passages =
                Passages.of(List.of(new Page(1, "Cover", "en"), new Page(2, text, "en"), new Page(3, "", "en")));
        assertThat(passages.get(0)).isEqualTo(new Passages.Passage(1, 0, 5));
        List<Passages.Passage> second = passages.subList(1, passages.size());
        assertThat(second).allSatisfy(passage -> {
            assertThat(passage.page()).isEqualTo(2);
            assertThat(passage.text(text)).endsWith(".").startsWith("Sentence");
            assertThat(passage.end() - passage.start()).isBetween(Passages.MIN_CHARS, Passages.TARGET_CHARS + 300);
        });
        for (int i = 1; i < second.size(); i++) {
            assertThat(second.get(i).start()).isGreaterThan(second.get(i - 1).end());
        }
        assertThat(second.get(second.size() - 1).end()).isEqualTo(text.length());
    }

    @Test
    void aScrapAtThePageEndJoinsThePassageBefore() {
        String text = sentences(20) + " Tail.";
        List<Passages.Passage> passages = Passages.of(List.of(new Page(1, text, "en")));
        assertThat(passages.get(passages.size() - 1).end()).isEqualTo(text.length());
        assertThat(passages)
                .allSatisfy(p -> assertThat(p.end() - p.start()).isGreaterThanOrEqualTo(Passages.MIN_CHARS));
    }

    @Test
    void aDocumentHasAtMostMaxPassages() {
        String text = sentences(40);
        List<Page> pages = new java.util.ArrayList<>();
        for (int i = 1; i <= 2_500; i++) {
            pages.add(new Page(i, text, "en"));
        }
        assertThat(Passages.of(pages)).hasSize(Passages.MAX_PASSAGES);
    }
}
