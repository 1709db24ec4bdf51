package org.alima.portal.indexer.search;

import static org.alima.portal.indexer.search.TestDocument.doc;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.alima.portal.indexer.crosslang.Language;
import org.alima.portal.indexer.crosslang.Translation;
import org.alima.portal.indexer.index.DocumentVectors;
import org.alima.portal.indexer.index.IndexableDocument;
import org.alima.portal.indexer.index.PortalIndex;
import org.alima.portal.indexer.search.SearchResponse.Hit;
import org.alima.portal.indexer.search.SearchResponse.PageHit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Search by meaning with the real model and a real index: a question that shares almost no word with the page that
 * answers it finds that page, and vectors live and die with the text they were computed from.
 */
class SemanticSearchIT {

    static final String QUESTION = "how do we keep the vaccine vials cold when there is no electricity in the village";

    /** Page 3 answers the question without its words: no "vaccine", "vials", "cold", "electricity", "village". */
    static final IndexableDocument COLD_CHAIN = doc("cold-chain")
            .title("Immunisation logistics handbook")
            .type("guideline")
            .language("en")
            .pages(
                    "Immunisation logistics handbook. Chapter one lists the supplies of a district store.",
                    "Ordering forms are sent every month to the regional warehouse with the stock counts.",
                    "Off-grid health posts store immunisation doses in solar direct-drive fridges, or in cool boxes"
                            + " lined with frozen packs, which hold two to eight degrees for several days.",
                    "Annex: contact details of the logistics officers.")
            .build();

    /** The question's words, about something else: BM25's favourite, not the model's. */
    static final IndexableDocument DISTRACTOR = doc("distractor")
            .title("Village football tournament")
            .type("report")
            .language("en")
            .pages("The village football tournament went on although the evening was cold: there is no electricity for"
                    + " floodlights in the village, so we keep the matches short.")
            .build();

    @TempDir
    Path directory;

    PortalIndex index;
    PortalSearch search;

    @BeforeEach
    void open() {
        index = PortalIndex.open(directory);
        SemanticFixture.upsert(index, COLD_CHAIN);
        SemanticFixture.upsert(index, DISTRACTOR);
        index.refresh();
        search = new PortalSearch(index, SemanticFixture.settings(), SemanticFixture.model());
    }

    @AfterEach
    void close() {
        index.close();
    }

    static List<String> ids(SearchResponse response) {
        return response.hits().stream().map(Hit::id).toList();
    }

    @Nested
    class FindsByMeaning {

        @Test
        void aQuestionPhrasedDifferentlyFindsTheHandbookByMeaningAtThePageThatAnswers() {
            SearchResponse response = search.search(SearchRequest.of(QUESTION).withMode(RankingMode.DENSE));

            assertThat(ids(response).get(0)).isEqualTo("cold-chain");
            PageHit page = response.hits().get(0).pages().get(0);
            assertThat(page.page()).isEqualTo(3);
            assertThat(page.byMeaning()).isTrue();
            assertThat(page.snippet()).contains("solar direct-drive fridges");
        }

        @Test
        void theHybridRankingShowsThePageFoundByMeaningFirst() {
            SearchResponse response = search.search(SearchRequest.of(QUESTION));

            Hit handbook = response.hits().stream()
                    .filter(hit -> hit.id().equals("cold-chain"))
                    .findFirst()
                    .orElseThrow();
            assertThat(handbook.pages().get(0).page()).isEqualTo(3);
            assertThat(handbook.pages().get(0).byMeaning()).isTrue();
        }

        @Test
        void aPageChosenByWordsAndByMeaningAlikeIsShownAsFoundByMeaning() {
            // The page's own words: first by words and first by meaning, so the page is not moved, only flagged.
            String words = "solar fridges and cool boxes for immunisation doses at off-grid health posts";

            SearchResponse response = search.search(SearchRequest.of(words));

            assertThat(ids(response).get(0)).isEqualTo("cold-chain");
            PageHit page = response.hits().get(0).pages().get(0);
            assertThat(page.page()).isEqualTo(3);
            assertThat(page.byMeaning()).isTrue();
            assertThat(page.snippet()).contains("direct-drive");
            assertThat(response.hits().get(0).pages())
                    .filteredOn(hit -> hit.page() == 3)
                    .hasSize(1);
        }

        @Test
        void wordsAloneRankTheSurveyThatSharesTheWordsFirst() {
            SearchResponse response = search.search(SearchRequest.of(QUESTION).withMode(RankingMode.LEXICAL));

            assertThat(ids(response).get(0)).isEqualTo("distractor");
        }

        @Test
        void queryLanguageIsSearchedByWordsOnly() {
            SearchResponse response = search.search(SearchRequest.of("title:handbook"));

            assertThat(ids(response)).containsExactly("cold-chain");
            assertThat(response.hits().get(0).pages()).noneMatch(PageHit::byMeaning);
        }

        @Test
        void aFrenchQuestionIsReadByTheEnglishModelInItsEnglishTranslation() {
            // None of the handbook's words, in French: found only through the English the model reads.
            String french = "stockage des vaccins dans un centre de santé isolé";

            Translation translation = search.translate(french, "fr");
            SearchResponse dense = search.search(SearchRequest.of(french).withMode(RankingMode.DENSE));
            SearchResponse hybrid = search.search(SearchRequest.of(french));

            assertThat(translation.source()).contains(Language.FRENCH);
            assertThat(translation.text()).contains("vaccine");
            assertThat(dense.queryLanguage()).isEqualTo("fr");
            assertThat(ids(dense).get(0)).isEqualTo("cold-chain");
            assertThat(dense.hits().get(0).pages().get(0).page()).isEqualTo(3);
            assertThat(ids(hybrid).get(0)).isEqualTo("cold-chain");
        }

        @Test
        void aWordsOnlySearchNeverLoadsVectorsItDoesNotNeed() {
            PortalSearch wordsOnly = new PortalSearch(index, SearchSettings.defaults());

            assertThat(ids(wordsOnly.search(SearchRequest.of(QUESTION))).get(0)).isEqualTo("distractor");
        }
    }

    @Nested
    class VectorsFollowTheText {

        @Test
        void aMetadataChangeKeepsTheVectors() {
            IndexableDocument retyped = doc("cold-chain")
                    .title(COLD_CHAIN.title())
                    .type("protocol")
                    .language("en")
                    .pages(COLD_CHAIN.pages().stream().map(p -> p.text()).toArray(String[]::new))
                    .build();
            DocumentVectors before = index.vectorsOf("cold-chain").orElseThrow();

            index.upsert(retyped);
            index.refresh();

            assertThat(index.vectorsOf("cold-chain")).hasValueSatisfying(after -> {
                assertThat(after.fingerprint()).isEqualTo(before.fingerprint());
                assertThat(after.passages()).hasSameSizeAs(before.passages());
            });
            assertThat(index.withoutVectors(SemanticFixture.model().model().id(), 10))
                    .isEmpty();
        }

        @Test
        void aNewTextDropsThemUntilTheyAreComputedAgain() {
            index.upsert(doc("cold-chain")
                    .title("Immunisation logistics handbook")
                    .pages("Another text.")
                    .build());
            index.refresh();

            assertThat(index.vectorsOf("cold-chain")).isEmpty();
            assertThat(index.withoutVectors(SemanticFixture.model().model().id(), 10))
                    .containsExactly("cold-chain");
            // Still found by its words meanwhile.
            assertThat(ids(search.search(SearchRequest.of("another text")))).contains("cold-chain");
        }

        @Test
        void aRebuildCarriesTheVectorsOverForTheSameText() {
            DocumentVectors before = index.vectorsOf("cold-chain").orElseThrow();

            index.rebuild(Stream.of(COLD_CHAIN, DISTRACTOR));

            assertThat(index.countWithVectors(SemanticFixture.model().model().id()))
                    .isEqualTo(2);
            DocumentVectors after = index.vectorsOf("cold-chain").orElseThrow();
            assertThat(after.fingerprint()).isEqualTo(before.fingerprint());
            assertThat(after.document()).containsExactly(before.document());
            assertThat(after.passages()).hasSameSizeAs(before.passages());
            for (int i = 0; i < before.passages().size(); i++) {
                assertThat(after.passages().get(i))
                        .containsExactly(before.passages().get(i));
            }
        }

        @Test
        void storedVectorsReadBackAsWritten() {
            DocumentVectors computed = SemanticFixture.model().embedder().vectorsOf(COLD_CHAIN);

            DocumentVectors stored = index.vectorsOf("cold-chain").orElseThrow();

            assertThat(stored.model()).isEqualTo("bge-small-en-v1.5-q");
            assertThat(stored.document()).containsExactly(computed.document());
            assertThat(stored.passages()).hasSize(computed.passages().size());
        }
    }
}
