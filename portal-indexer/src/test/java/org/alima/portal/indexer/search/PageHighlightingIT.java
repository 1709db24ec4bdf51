package org.alima.portal.indexer.search;

import static org.alima.portal.indexer.search.TestDocument.doc;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.alima.portal.indexer.index.IndexableDocument;
import org.alima.portal.indexer.search.SearchResponse.Hit;
import org.alima.portal.indexer.search.SearchResponse.PageHit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PageHighlightingIT {

    @RegisterExtension
    static final TestIndex indexed = TestIndex.of(PageHighlightingIT::documents);

    private static List<IndexableDocument> documents() {
        List<String> pages = new ArrayList<>();
        for (int page = 1; page <= 10; page++) {
            pages.add(
                    page == 7
                            ? "Chapitre sept. En cas d'échec, la réanimation néonatale se poursuit avec ventilation au masque."
                            : "Chapitre " + page + ". Hygiène des mains et gestion des déchets au centre de santé.");
        }
        return List.of(
                doc("protocol")
                        .language("fr")
                        .title("Guide clinique")
                        .pages(pages.toArray(String[]::new))
                        .build(),
                doc("several")
                        .language("en")
                        .title("Cholera outbreak report")
                        .pages(
                                "Cholera was first reported in March.",
                                "Water points were chlorinated.",
                                "Cholera cases rose; cholera treatment centres opened; cholera deaths fell.",
                                "Vaccination with oral cholera vaccine started.",
                                "Lessons learned.")
                        .build(),
                doc("blank-pages")
                        .language("en")
                        .title("Scanned annex")
                        .pages("", "", "Measles vaccination coverage was 62 percent.")
                        .build(),
                doc("mixed-scan")
                        .language("fr")
                        .title("Procédure signée")
                        .pages("Introduction tapée : la procédure de stérilisation.")
                        .scannedPages("Signature du directeur et tampon de l'autoclave numéro Ouesso.")
                        .build(),
                doc("markup")
                        .language("en")
                        .title("Unsafe text")
                        .pages("Dengue <script>alert('x')</script> & \"quotes\" in the extracted text.")
                        .build(),
                doc("long-page")
                        .language("en")
                        .title("Table dump")
                        .pages("lorem ipsum dolor sit amet ".repeat(100) + "typhoid "
                                + "consectetur adipiscing elit ".repeat(100))
                        .build(),
                doc("title-only")
                        .language("en")
                        .title("Yellow fever")
                        .pages("Nothing relevant here.")
                        .build());
    }

    private static Hit only(SearchRequest request) {
        SearchResponse response = indexed.search().search(request);
        assertThat(response.hits()).hasSize(1);
        return response.hits().getFirst();
    }

    @Test
    void aPageWhoseTextOcrReadIsMarkedSoAndOneFromTheFileIsNot() {
        Hit scanned = only(SearchRequest.of("autoclave Ouesso"));
        Hit typed = only(SearchRequest.of("stérilisation"));

        assertThat(scanned.pages()).first().satisfies(page -> {
            assertThat(page.page()).isEqualTo(2);
            assertThat(page.ocr()).isTrue();
        });
        assertThat(typed.pages()).first().satisfies(page -> {
            assertThat(page.page()).isEqualTo(1);
            assertThat(page.ocr()).isFalse();
        });
    }

    @Test
    void returnsPageNumberOfBestPassageSearchedWithoutAccents() {
        Hit hit = only(SearchRequest.of("reanimation neonatale"));

        assertThat(hit.id()).isEqualTo("protocol");
        assertThat(hit.pages()).first().satisfies(page -> {
            assertThat(page.page()).isEqualTo(7);
            assertThat(page.snippet()).contains("<mark>réanimation</mark>").contains("<mark>néonatale</mark>");
        });
    }

    @Test
    void marksAWholePhrase() {
        Hit hit = only(SearchRequest.of("\"reanimation neonatale\""));

        assertThat(hit.pages()).singleElement().satisfies(page -> {
            assertThat(page.page()).isEqualTo(7);
            assertThat(page.snippet()).contains("<mark>");
        });
    }

    @Test
    void ordersPagesBestFirstAndReturnsThreeByDefault() {
        Hit hit = only(SearchRequest.of("cholera"));

        assertThat(hit.pages()).hasSize(3);
        assertThat(hit.pages().getFirst().page()).isEqualTo(3);
        assertThat(hit.pages())
                .extracting(PageHit::page)
                .doesNotHaveDuplicates()
                .allMatch(page -> page != 2);
    }

    @Test
    void returnsAsManyPagesAsAsked() {
        assertThat(only(SearchRequest.of("cholera").withPagesPerHit(1)).pages()).hasSize(1);
        assertThat(only(SearchRequest.of("cholera").withPagesPerHit(10)).pages())
                .extracting(PageHit::page)
                .containsExactlyInAnyOrder(3, 1, 4);
        assertThat(only(SearchRequest.of("cholera").withPagesPerHit(0)).pages()).isEmpty();
    }

    @Test
    void countsEmptyPagesSoNumberingMatchesTheFile() {
        assertThat(only(SearchRequest.of("measles")).pages())
                .extracting(PageHit::page)
                .containsExactly(3);
    }

    @Test
    void escapesHtmlOfTheDocumentText() {
        String snippet = only(SearchRequest.of("dengue")).pages().getFirst().snippet();

        assertThat(snippet)
                .startsWith("<mark>Dengue</mark>")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;")
                .doesNotContain("<script>");
    }

    @Test
    void cutsLongPassagesAroundTheMatch() {
        String snippet = only(SearchRequest.of("typhoid")).pages().getFirst().snippet();

        assertThat(snippet).contains("<mark>typhoid</mark>").startsWith("…").endsWith("…");
        assertThat(snippet.length()).isLessThan(Snippet.MAX_CHARS + 60);
    }

    @Test
    void returnsNoPagesWhenOnlyMetadataMatched() {
        Hit hit = only(SearchRequest.of("yellow fever"));

        assertThat(hit.id()).isEqualTo("title-only");
        assertThat(hit.pages()).isEmpty();
    }

    @Test
    void highlightsTitleQueriesOnThePagesToo() {
        Hit hit = only(SearchRequest.of("title:cholera vaccine"));

        assertThat(hit.pages()).extracting(PageHit::page).contains(4);
        assertThat(hit.pages().getFirst().snippet()).contains("<mark>cholera</mark>");
    }
}
