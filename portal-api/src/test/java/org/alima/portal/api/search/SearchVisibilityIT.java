package org.alima.portal.api.search;

import static org.alima.portal.api.Api.uniqueWord;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalTest;
import org.alima.portal.api.TestAccounts;
import org.alima.portal.api.ViewerTokens;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.access.Viewer.Role;
import org.alima.portal.api.documents.TestDocuments;
import org.alima.portal.api.search.SearchClient.Query;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What each viewer finds of a contributor's draft and published document in every search surface: results, totals,
 * facet counts, snippets, suggestions, did-you-mean and related documents. A reader and another contributor find only
 * the published one, as if the draft did not exist; its owner and the curators find both. Searches go through the
 * typed client ({@link SearchClient}); the file, bytes or a refusal, is read raw (see {@code DocumentFilesApi}).
 */
@MicronautTest
class SearchVisibilityIT extends PortalTest {

    @Inject
    SearchClient search;

    /** Each kind of viewer, by name, with a raw client for what the typed one does not read (the file). */
    private final Map<String, Caller> viewers = new LinkedHashMap<>();
    /** In both documents. */
    private final String shared = uniqueWord();
    /** Only in the draft: its title, text and topic. */
    private final String secret = uniqueWord();

    private String draft;
    private String published;

    @BeforeEach
    void uploadADraftAndAPublishedDocument() {
        if (draft != null) {
            return;
        }
        viewers.put("anonymous", new Caller(anonymous, Viewer.ANONYMOUS));
        viewers.put("other contributor", caller(Role.CONTRIBUTOR));
        viewers.put("owner", new Caller(api, contributor));
        viewers.put("curator", caller(Role.CURATOR));
        viewers.put("admin", caller(Role.ADMIN));
        String words = " paludisme grave enfants traitement artesunate ";
        draft = TestDocuments.draft(
                api,
                shared + words + secret + " " + secret,
                "{\"title\": \"Brouillon " + secret + "\", \"type\": \"thesis\", \"topics\": [\"" + secret + "\"]}");
        published = TestDocuments.published(
                api,
                viewers.get("curator").api(),
                shared + words + "publié",
                "{\"title\": \"Publié " + shared + "\", \"type\": \"report\", \"topics\": [\"" + shared + "\"]}");
        TestDocuments.awaitSearchable(api, draft);
    }

    @Test
    void findsTheDraftOnlyForItsOwnerAndCuratorsInResultsTotalsAndFacets() {
        viewers.forEach((name, caller) -> {
            boolean sees = seesDrafts(name);
            SearchResults page = search.search(Query.of(shared).size(100), caller.viewer());

            assertThat(ids(page.hits())).as(name).contains(published);
            assertThat(ids(page.hits()).contains(draft))
                    .as(name + " finds the draft")
                    .isEqualTo(sees);
            assertThat(page.total()).as(name).isEqualTo(sees ? 2 : 1);
            assertThat(count(page, "type", "thesis")).as(name).isEqualTo(sees ? 1 : 0);
            assertThat(count(page, "topic", secret)).as(name).isEqualTo(sees ? 1 : 0);
            if (!sees) {
                assertThat(page.toString())
                        .as(name + ": no title, snippet or facet of the draft")
                        .doesNotContain(secret);
            }
        });
    }

    @Test
    void showsTheDraftsPagesOnlyToThoseWhoMaySeeIt() {
        viewers.forEach((name, caller) -> {
            SearchResults page = search.search(Query.of(secret), caller.viewer());

            if (seesDrafts(name)) {
                assertThat(page.hits().getFirst().pages().getFirst().snippet())
                        .as(name)
                        .contains("<mark>" + secret + "</mark>");
            } else {
                assertThat(page.total()).as(name).isZero();
                assertThat(page.hits()).as(name).isEmpty();
            }
        });
    }

    @Test
    void suggestsTheDraftsTitleOnlyToThoseWhoMaySeeIt() {
        viewers.forEach((name, caller) -> {
            Suggestions suggestions = search.suggest(secret.substring(0, 7), 8, caller.viewer());

            assertThat(suggestions.toString().contains(secret))
                    .as(name + ": " + suggestions)
                    .isEqualTo(seesDrafts(name));
        });
    }

    @Test
    void correctsAMisspellingToAWordOnlyTheDraftHasOnlyForThoseWhoMaySeeIt() {
        String misspelt = secret.substring(0, secret.length() - 1) + (secret.endsWith("a") ? "b" : "a");

        viewers.forEach((name, caller) -> {
            String didYouMean = String.valueOf(
                    search.search(Query.of(misspelt), caller.viewer()).didYouMean());

            if (seesDrafts(name)) {
                assertThat(didYouMean).as(name).isEqualTo(secret);
            } else {
                assertThat(didYouMean).as(name).doesNotContain(secret);
            }
        });
    }

    @Test
    void relatesThePublishedDocumentToTheDraftOnlyForThoseWhoMaySeeIt() {
        viewers.forEach((name, caller) -> {
            RelatedDocuments related = search.related(UUID.fromString(published), 50, caller.viewer());

            assertThat(ids(related.hits()).contains(draft))
                    .as(name + " sees the draft as related")
                    .isEqualTo(seesDrafts(name));
        });
    }

    @Test
    void servesTheDraftsFileOnlyToThoseWhoMaySeeIt() {
        viewers.forEach((name, caller) -> {
            // Raw: the answer is the file's bytes or a 404 problem (DocumentFilesApi).
            int status =
                    caller.api().getBytes("/api/documents/" + draft + "/file").statusCode();

            assertThat(status).as(name).isEqualTo(seesDrafts(name) ? 200 : 404);
        });
    }

    /** A new account with {@code role}: a raw client signed in as it, and the viewer it is for the typed client. */
    private Caller caller(Role role) {
        TestAccounts.Account account = TestAccounts.create(anonymous, role.value());
        return new Caller(anonymous.as(account.token()), ViewerTokens.of(account, role));
    }

    private record Caller(Api api, Viewer viewer) {}

    private static boolean seesDrafts(String viewer) {
        return List.of("owner", "curator", "admin").contains(viewer);
    }

    private static long count(SearchResults page, String dimension, String value) {
        return page.facets().getOrDefault(dimension, List.of()).stream()
                .filter(facet -> facet.value().equals(value))
                .mapToLong(SearchResults.FacetCount::count)
                .findFirst()
                .orElse(0);
    }

    private static List<String> ids(List<SearchResults.SearchHit> hits) {
        return hits.stream().map(SearchResults.SearchHit::id).toList();
    }
}
