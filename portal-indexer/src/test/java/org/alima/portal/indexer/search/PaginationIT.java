package org.alima.portal.indexer.search;

import static org.alima.portal.indexer.search.TestDocument.doc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.alima.portal.indexer.search.SearchRequest.SortOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PaginationIT {

    private static final int DOCUMENTS = 250;

    @RegisterExtension
    static final TestIndex indexed = TestIndex.of(() -> IntStream.range(0, DOCUMENTS)
            // Few distinct scores and dates, so that most hits tie and only the id orders them.
            .mapToObj(i -> doc("doc-" + i)
                    .year(2000 + i % 7)
                    .pages("vaccine ".repeat(1 + i % 3) + "filler text number " + i)
                    .build())
            .toList());

    @ParameterizedTest
    @EnumSource(SortOrder.class)
    void cursorYieldsTheSameSequenceAsFromAndSize(SortOrder sort) {
        SearchRequest first =
                SearchRequest.of("vaccine").withSort(sort).withSize(20).withFacets(false);
        List<String> byOffset = new ArrayList<>();
        for (int from = 0; from < DOCUMENTS; from += 20) {
            indexed.search().search(first.withFrom(from)).hits().forEach(hit -> byOffset.add(hit.id()));
        }
        List<String> byCursor = new ArrayList<>();
        SearchResponse page = indexed.search().search(first);
        int pages = 1;
        while (true) {
            page.hits().forEach(hit -> byCursor.add(hit.id()));
            if (page.nextCursor() == null) {
                break;
            }
            page = indexed.search().search(first.withCursor(page.nextCursor()));
            pages++;
        }

        assertThat(byOffset).hasSize(DOCUMENTS).doesNotHaveDuplicates();
        assertThat(byCursor).isEqualTo(byOffset);
        assertThat(pages).isEqualTo(DOCUMENTS / 20 + 1);
        assertThat(page.total()).isEqualTo(DOCUMENTS);
    }

    @Test
    void givesNoCursorOnTheLastPage() {
        SearchResponse last = indexed.search()
                .search(SearchRequest.of("vaccine").withFrom(240).withSize(10));

        assertThat(last.hits()).hasSize(10);
        assertThat(last.nextCursor()).isNull();
    }

    @Test
    void refusesACursorOfAnotherSortOrGarbage() {
        String cursor = indexed.search().search(SearchRequest.of("vaccine")).nextCursor();

        assertThatThrownBy(() -> indexed.search()
                        .search(SearchRequest.of("vaccine")
                                .withSort(SortOrder.NEWEST)
                                .withCursor(cursor)))
                .isInstanceOf(InvalidSearchRequestException.class)
                .hasMessageContaining("sort order RELEVANCE");
        assertThatThrownBy(() ->
                        indexed.search().search(SearchRequest.of("vaccine").withCursor("not-a-cursor")))
                .isInstanceOf(InvalidSearchRequestException.class)
                .hasMessageContaining("pass nextCursor unchanged");
    }

    @Test
    void refusesRequestsBeyondTheirBoundsNamingTheBound() {
        SearchRequest request = SearchRequest.of("vaccine");

        assertThatThrownBy(() -> request.withSize(101)).hasMessageContaining("MAX_SIZE");
        assertThatThrownBy(() -> request.withSize(0)).hasMessageContaining("MAX_SIZE");
        assertThatThrownBy(() -> request.withFrom(10_001)).hasMessageContaining("MAX_FROM");
        assertThatThrownBy(() -> request.withPagesPerHit(11)).hasMessageContaining("MAX_PAGES_PER_HIT");
        assertThatThrownBy(() ->
                        new SearchRequest("x", null, null, 10, 10, "c", 3, true, Access.everything(), false, null))
                .isInstanceOf(InvalidSearchRequestException.class)
                .hasMessageContaining("either from or cursor");
        assertThatThrownBy(() -> request.withCursor("c".repeat(2_001))).hasMessageContaining("cursor");
    }

    @Test
    void pagesDeepIntoResultsWithTheCursor() {
        SearchRequest request = SearchRequest.of("vaccine").withSize(100).withFacets(false);
        SearchResponse page = indexed.search().search(request.withFrom(100));

        SearchResponse next = indexed.search().search(request.withCursor(page.nextCursor()));

        assertThat(next.hits()).hasSize(50);
        assertThat(next.nextCursor()).isNull();
    }
}
