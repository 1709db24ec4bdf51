package org.alima.portal.opensearch;

import java.util.List;
import org.alima.portal.indexer.crosslang.QueryTranslator;
import org.alima.portal.indexer.crosslang.Translation;
import org.alima.portal.indexer.search.Access;
import org.alima.portal.indexer.search.Hit;
import org.alima.portal.indexer.search.PageText;
import org.alima.portal.indexer.search.SearchRequest;
import org.alima.portal.indexer.search.SearchResponse;
import org.alima.portal.indexer.search.SearchSettings;
import org.alima.portal.indexer.search.Suggestion;
import org.opensearch.client.opensearch.OpenSearchClient;

/** The read side of {@link OpenSearchEngine}: the portal's queries run on the cluster. Thread-safe. */
final class OpenSearchQueries {

    private final OpenSearchClient client;
    private final IndexNames names;
    private final SearchSettings search;
    private final QueryTranslator translator;

    OpenSearchQueries(OpenSearchClient client, IndexNames names, SearchSettings search, QueryTranslator translator) {
        this.client = client;
        this.names = names;
        this.search = search;
        this.translator = translator;
    }

    SearchResponse search(SearchRequest request) {
        throw new UnsupportedOperationException("i16-os-search");
    }

    List<String> rankedIds(String query, int size) {
        throw new UnsupportedOperationException("i16-os-search");
    }

    List<Suggestion> autocomplete(String typed, int size, Access access) {
        throw new UnsupportedOperationException("i16-os-search");
    }

    List<Hit> related(String id, int size, Access access) {
        throw new UnsupportedOperationException("i16-os-search");
    }

    PageText page(String id, int page, String query, String readerLanguage, Access access) {
        throw new UnsupportedOperationException("i16-os-search");
    }

    Translation translate(String query, String readerLanguage) {
        throw new UnsupportedOperationException("i16-os-search");
    }

    @Override
    public String toString() {
        return "OpenSearchQueries[" + names + ", " + search + ", " + translator + ", " + client + "]";
    }
}
