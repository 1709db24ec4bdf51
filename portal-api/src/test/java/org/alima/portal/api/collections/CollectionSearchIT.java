package org.alima.portal.api.collections;

import static org.alima.portal.api.Api.assertProblem;
import static org.alima.portal.api.Api.encode;
import static org.alima.portal.api.Api.fields;
import static org.alima.portal.api.collections.TestCollections.publish;
import static org.alima.portal.api.collections.TestCollections.request;
import static org.alima.portal.api.collections.TestCollections.uploadText;
import static org.alima.portal.api.search.SearchClient.ids;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalTest;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.search.SearchClient;
import org.alima.portal.api.search.SearchClient.Query;
import org.alima.portal.api.search.SearchResults;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Search within a collection, against the real worker and index: membership reaches the index's {@code collection}
 * field through reindex jobs, and private collections stay out of readers' searches and facet counts. Curators'
 * changes and searches go through the typed clients ({@link CollectionsClient}, {@link SearchClient}); a refused query
 * is sent raw and read as the problem it answers.
 */
@MicronautTest
class CollectionSearchIT extends PortalTest {

    @Inject
    CollectionsClient collections;

    @Inject
    SearchClient search;

    private Roles roles;

    @BeforeEach
    void cast() {
        if (roles == null) {
            roles = Roles.create(anonymous);
        }
    }

    @Test
    void findsOnlyTheCollectionsDocumentsAndCountsFacetsWithinIt() {
        String word = Api.uniqueWord();
        String study = document("study", word);
        String protocol = document("protocol", word);
        String outside = document("guideline", word);
        String slug = create("public");
        add(slug, study);
        add(slug, protocol);

        SearchResults within = await(Viewer.ANONYMOUS, Query.of(word).collection(slug), page -> page.total() == 2);

        assertThat(ids(within)).containsExactlyInAnyOrder(study, protocol).doesNotContain(outside);
        assertThat(facet(within, "type")).containsOnly(Map.entry("study", 1L), Map.entry("protocol", 1L));
        assertThat(facet(within, "collection")).containsEntry(slug, 2L);
        SearchResults everywhere = search(Viewer.ANONYMOUS, Query.of(word));
        assertThat(everywhere.total()).isEqualTo(3);
        assertThat(facet(everywhere, "type")).containsEntry("guideline", 1L);
        assertThat(facet(everywhere, "collection")).containsEntry(slug, 2L);
    }

    @Test
    void followsItemsRemovedAndCollectionsDeleted() {
        String word = Api.uniqueWord();
        String kept = document("study", word);
        String removed = document("study", word);
        String slug = create("public");
        add(slug, kept);
        add(slug, removed);
        await(Viewer.ANONYMOUS, Query.of(word).collection(slug), page -> page.total() == 2);

        collections.removeItem(slug, UUID.fromString(removed), roles.as().curator());

        SearchResults after = await(Viewer.ANONYMOUS, Query.of(word).collection(slug), page -> page.total() == 1);
        assertThat(ids(after)).containsExactly(kept);

        collections.delete(slug, roles.as().curator());

        SearchResults gone = await(
                roles.as().curator(),
                Query.of(word),
                page -> !facet(page, "collection").containsKey(slug));
        assertThat(gone.total()).isEqualTo(2);
        assertThat(search(roles.as().curator(), Query.of(word).collection(slug)).total())
                .isZero();
    }

    @Test
    void keepsAPrivateCollectionOutOfReadersSearchesAndFacets() {
        String word = Api.uniqueWord();
        String member = document("report", word);
        String other = document("report", word);
        String hidden = create("private");
        String shown = create("public");
        add(hidden, member);
        add(shown, other);
        await(
                roles.as().curator(),
                Query.of(word),
                page -> facet(page, "collection").containsKey(hidden)
                        && facet(page, "collection").containsKey(shown));

        Map<Viewer, Api> outsiders =
                Map.of(Viewer.ANONYMOUS, roles.anonymous(), roles.as().contributor(), roles.contributor());
        outsiders.forEach((outsider, raw) -> {
            SearchResults all = search(outsider, Query.of(word));
            assertThat(all.total()).isEqualTo(2);
            assertThat(facet(all, "collection")).containsOnlyKeys(shown);

            SearchResults within = search(outsider, Query.of(word).collection(hidden));
            assertThat(within.total()).isZero();
            assertThat(within.hits()).isEmpty();
            assertThat(facet(within, "collection")).isEmpty();
            assertThat(search(outsider, Query.of(word).collection(hidden.toUpperCase(Locale.ROOT)))
                            .total())
                    .isZero();
            assertThat(ids(search(outsider, Query.of(word).collection(hidden, shown))))
                    .containsExactly(other);

            for (String query : List.of(
                    "collection:" + hidden,
                    word + " -collection:" + hidden,
                    word + " (collection:\"" + hidden + "\")",
                    "collection:it-*",
                    "COLLECTION:" + hidden.toUpperCase(Locale.ROOT))) {
                // Raw: a refusal, read as its problem document.
                JsonNode refused = assertProblem(raw.get("/api/search?q=" + encode(query)), 400, "invalid-field");
                assertThat(fields(refused)).as(query).containsExactly("q");
            }
            assertThat(ids(search(outsider, Query.of("collection:" + shown)))).containsExactly(other);
        });
        SearchResults forCurators =
                search(roles.as().otherCurator(), Query.of(word).collection(hidden));
        assertThat(ids(forCurators)).containsExactly(member);
        assertThat(ids(search(roles.as().admin(), Query.of("collection:" + hidden))))
                .containsExactly(member);
    }

    @Test
    void showsACollectionToReadersOnceItIsMadePublic() {
        String word = Api.uniqueWord();
        String member = document("study", word);
        String slug = create("private");
        add(slug, member);
        await(roles.as().curator(), Query.of(word).collection(slug), page -> page.total() == 1);
        assertThat(search(Viewer.ANONYMOUS, Query.of(word).collection(slug)).total())
                .isZero();

        collections.replace(slug, titled("Open", "public"), roles.as().curator());

        SearchResults open = search(Viewer.ANONYMOUS, Query.of(word).collection(slug));
        assertThat(ids(open)).containsExactly(member);
        assertThat(facet(open, "collection")).containsEntry(slug, 1L);

        collections.replace(slug, titled("Closed", "private"), roles.as().curator());

        assertThat(search(Viewer.ANONYMOUS, Query.of(word).collection(slug)).total())
                .isZero();
        assertThat(facet(search(Viewer.ANONYMOUS, Query.of(word)), "collection"))
                .doesNotContainKey(slug);
    }

    /** A published text document of the type given, containing {@code word}, once readers find it. */
    private String document(String type, String word) {
        String id = uploadText(
                roles.contributor(),
                "{\"title\": \"" + type + " " + word + "\", \"type\": \"" + type + "\"}",
                type + " " + word + " " + Api.uniqueWord());
        roles.contributor().awaitIndexed(id);
        publish(roles.curator(), roles.contributor(), id);
        await(Viewer.ANONYMOUS, Query.of(word), page -> ids(page).contains(id));
        return id;
    }

    /** A new collection of the curator's, with {@code visibility}; its slug. */
    private String create(String visibility) {
        String slug = TestCollections.slug();
        collections.create(request(slug, visibility, false), roles.as().curator());
        return slug;
    }

    private void add(String slug, String documentId) {
        collections.addItem(slug, new ItemRequest(documentId, null), roles.as().curator());
    }

    /** A PUT that changes the title (English only) and the visibility. */
    private static CollectionRequest titled(String title, String visibility) {
        return new CollectionRequest(null, new CollectionRequest.Title(null, title), null, visibility, null, null);
    }

    private SearchResults search(Viewer viewer, Query query) {
        return search.search(query.size(100), viewer);
    }

    /** Searches until the answer satisfies {@code done}: collection changes reach the index through the worker. */
    private SearchResults await(Viewer viewer, Query query, Predicate<SearchResults> done) {
        return search.awaitSearch(query.size(100), viewer, done);
    }

    private static Map<String, Long> facet(SearchResults page, String dimension) {
        Map<String, Long> counts = new HashMap<>();
        if (page.facets() != null) {
            page.facets().getOrDefault(dimension, List.of()).forEach(value -> counts.put(value.value(), value.count()));
        }
        return counts;
    }
}
