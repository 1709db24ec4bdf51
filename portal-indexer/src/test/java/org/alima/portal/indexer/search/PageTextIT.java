package org.alima.portal.indexer.search;

import static org.alima.portal.indexer.search.TestDocument.doc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.alima.portal.indexer.index.IndexableDocument;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PageTextIT {

    @RegisterExtension
    static final TestIndex indexed = TestIndex.of(PageTextIT::documents);

    private static List<IndexableDocument> documents() {
        return List.of(
                doc("protocol")
                        .language("fr")
                        .title("Prise en charge du paludisme grave")
                        .type("operating_procedure")
                        .reviewDue(LocalDate.of(2022, 1, 15))
                        .pages(
                                "Sommaire\n\nChapitre 1 : accueil.",
                                "Chapitre 2.\nEn cas d'échec, la réanimation   néonatale se poursuit.\n\n\n\nArtésunate"
                                        + " injectable chez l'enfant <5 ans & plus.",
                                "Annexes.")
                        .build(),
                doc("draft")
                        .language("en")
                        .title("Draft")
                        .audiences()
                        .pages("Malaria.")
                        .build());
    }

    private static PageText page(String id, int page, String query) {
        return indexed.search().page(id, page, query, "fr", Access.everything());
    }

    @Nested
    class TheWholePage {

        @Test
        void isItsTextUncutWithItsDocumentsTitleAndPageCount() {
            PageText text = page("protocol", 2, null);

            assertThat(text.title()).isEqualTo("Prise en charge du paludisme grave");
            assertThat(text.language()).isEqualTo("fr");
            assertThat(text.page()).isEqualTo(2);
            assertThat(text.pageCount()).isEqualTo(3);
            assertThat(text.marks()).isZero();
            assertThat(text.html())
                    .isEqualTo("Chapitre 2.\nEn cas d&#39;échec, la réanimation néonatale se poursuit.\n\nArtésunate"
                            + " injectable chez l&#39;enfant &lt;5 ans &amp; plus.");
        }

        @Test
        void marksTheQuerysWordsAsSearchReadsThemWithoutAccentsAndStemmed() {
            PageText text = page("protocol", 2, "reanimation enfants");

            assertThat(text.html())
                    .contains("la <mark>réanimation</mark> néonatale")
                    .contains("chez <mark>l&#39;enfant</mark>");
            assertThat(text.marks()).isEqualTo(2);
        }

        @Test
        void marksTheTranslationOfAnEnglishQuery() {
            PageText text = page("protocol", 2, "child resuscitation");

            assertThat(text.html()).contains("<mark>l&#39;enfant</mark>").contains("<mark>réanimation</mark>");
        }

        @Test
        void marksNothingOnAPageWithoutTheWords() {
            assertThat(page("protocol", 3, "reanimation").html()).isEqualTo("Annexes.");
        }
    }

    @Nested
    class Refusals {

        @Test
        void aPagePastTheEndNamesTheLastPage() {
            assertThatThrownBy(() -> page("protocol", 4, null))
                    .isInstanceOfSatisfying(
                            PageOutOfRangeException.class,
                            e -> assertThat(e.pageCount()).isEqualTo(3));
            assertThatThrownBy(() -> page("protocol", 0, null)).isInstanceOf(PageOutOfRangeException.class);
        }

        @Test
        void aDocumentTheCallerMayNotSeeIsNotFound() {
            assertThatThrownBy(() ->
                            indexed.search().page("draft", 1, null, "en", Access.audiences(IndexableDocument.PUBLIC)))
                    .isInstanceOf(DocumentNotFoundException.class);
            assertThatThrownBy(() -> page("unknown", 1, null)).isInstanceOf(DocumentNotFoundException.class);
        }
    }

    @Test
    void aHitCarriesTheReviewDateOfAProcedure() {
        SearchResponse found = indexed.search()
                .search(SearchRequest.of("paludisme").withAccess(Access.audiences(IndexableDocument.PUBLIC)));

        assertThat(found.hits())
                .singleElement()
                .satisfies(hit -> assertThat(hit.reviewDue()).isEqualTo(LocalDate.of(2022, 1, 15)));
    }
}
