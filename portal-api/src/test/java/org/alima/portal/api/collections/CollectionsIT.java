package org.alima.portal.api.collections;

import static org.alima.portal.api.Api.assertProblem;
import static org.alima.portal.api.Api.fields;
import static org.alima.portal.api.Api.read;
import static org.alima.portal.api.collections.TestCollections.add;
import static org.alima.portal.api.collections.TestCollections.body;
import static org.alima.portal.api.collections.TestCollections.collection;
import static org.alima.portal.api.collections.TestCollections.create;
import static org.alima.portal.api.collections.TestCollections.itemIds;
import static org.alima.portal.api.collections.TestCollections.publish;
import static org.alima.portal.api.collections.TestCollections.slug;
import static org.alima.portal.api.collections.TestCollections.slugs;
import static org.alima.portal.api.collections.TestCollections.uploadText;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalTest;
import org.alima.portal.api.access.Viewer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Collections over HTTP against the real database: what curators do, and what each caller sees of it. */
@MicronautTest
class CollectionsIT extends PortalTest {

    @Inject
    JdbcOperations jdbc;

    @Inject
    TransactionOperations<Connection> transactions;

    @Inject
    CollectionRepository repository;

    private Roles roles;

    @BeforeEach
    void cast() {
        if (roles == null) {
            roles = Roles.create(anonymous);
        }
    }

    @Nested
    class Creating {

        @Test
        void aCuratorCreatesACollectionAndBecomesOneOfItsCurators() {
            String slug = slug();

            HttpResponse<String> created = roles.curator()
                    .json("POST", "/api/collections", body(slug, "public", true, roles.otherCuratorId()));

            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(created.headers().firstValue("Location")).hasValue("/api/collections/" + slug);
            JsonNode collection = read(created);
            assertThat(collection.get("slug").asText()).isEqualTo(slug);
            assertThat(collection.at("/title/fr").asText()).isEqualTo("Procédures " + slug);
            assertThat(collection.at("/title/en").asText()).isEqualTo("Procedures " + slug);
            assertThat(collection.at("/description/en").asText()).isEqualTo("For the teams");
            assertThat(collection.get("visibility").asText()).isEqualTo("public");
            assertThat(collection.get("featured").asBoolean()).isTrue();
            assertThat(curatorIds(collection)).containsExactlyInAnyOrder(roles.curatorId(), roles.otherCuratorId());
            assertThat(collection.at("/curators/0/displayName").asText()).startsWith("Test curator");
            assertThat(collection.get("itemCount").asInt()).isZero();
            assertThat(collection.get("items")).isEmpty();
            assertThat(collection.get("createdAt").asText()).isNotBlank();
            assertThat(collection.get("updatedAt").asText()).isNotBlank();
            assertThat(collection(roles.anonymous(), slug).get("slug").asText()).isEqualTo(slug);
        }

        @Test
        void aCollectionIsPrivateAndNotFeaturedUnlessToldOtherwise() {
            String slug = slug();

            HttpResponse<String> created = roles.curator()
                    .json("POST", "/api/collections", "{\"slug\": \"" + slug + "\", \"title\": {\"en\": \"Drafts\"}}");

            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonNode collection = read(created);
            assertThat(collection.get("visibility").asText()).isEqualTo("private");
            assertThat(collection.get("featured").asBoolean()).isFalse();
            assertThat(collection.at("/title/fr").isNull()).isTrue();
            assertThat(collection.at("/description/fr").isNull()).isTrue();
        }

        @Test
        void refusesContributorsAndAnonymousReaders() {
            String body = body(slug(), "public", false);

            assertProblem(roles.contributor().json("POST", "/api/collections", body), 403, "forbidden");
            assertProblem(roles.anonymous().json("POST", "/api/collections", body), 401, "unauthenticated");
        }

        @Test
        void refusesSlugsThatAreNotLowerCaseLettersDigitsAndHyphens() {
            for (String bad :
                    List.of("ab", "Upper-Case", "with space", "-leading", "trailing-", "é-accent", "x".repeat(81))) {
                JsonNode problem = assertProblem(
                        roles.curator().json("POST", "/api/collections", body(bad, "public", false)),
                        400,
                        "invalid-field");
                assertThat(fields(problem)).as(bad).containsExactly("slug");
            }
            assertThat(roles.curator()
                            .json("POST", "/api/collections", body("abc-" + "1".repeat(76), "public", false))
                            .statusCode())
                    .isEqualTo(201);
        }

        @Test
        void namesEveryMissingFieldAtOnce() {
            JsonNode problem = assertProblem(
                    roles.curator().json("POST", "/api/collections", "{\"title\": {\"fr\": \"  \"}}"),
                    400,
                    "invalid-field");

            assertThat(fields(problem)).containsExactlyInAnyOrder("slug", "title");
        }

        @Test
        void refusesASlugAlreadyTaken() {
            String slug = create(roles.curator(), "public", false);

            JsonNode problem = assertProblem(
                    roles.otherCurator().json("POST", "/api/collections", body(slug, "private", false)),
                    409,
                    "slug-taken");

            assertThat(fields(problem)).containsExactly("slug");
        }

        @Test
        void acceptsOnlyCuratorsAndAdministratorsAsCurators() {
            for (String notCurator :
                    List.of(roles.contributorId(), UUID.randomUUID().toString())) {
                JsonNode problem = assertProblem(
                        roles.curator().json("POST", "/api/collections", body(slug(), "public", false, notCurator)),
                        400,
                        "invalid-field");
                assertThat(fields(problem)).containsExactly("curatorIds");
                assertThat(problem.at("/errors/0/message").asText()).contains(notCurator);
            }
            JsonNode problem = assertProblem(
                    roles.curator().json("POST", "/api/collections", body(slug(), "public", false, "not-an-id")),
                    400,
                    "invalid-field");
            assertThat(fields(problem)).containsExactly("curatorIds[0]");
        }

        @Test
        void boundsTextsAtTheDoor() {
            String longTitle = "{\"slug\": \"" + slug() + "\", \"title\": {\"en\": \"" + "t".repeat(201) + "\"}}";
            String longDescription = "{\"slug\": \"" + slug() + "\", \"title\": {\"en\": \"Ok\"}, \"description\":"
                    + " {\"fr\": \"" + "d".repeat(5001) + "\"}}";

            assertThat(fields(assertProblem(
                            roles.curator().json("POST", "/api/collections", longTitle), 400, "invalid-field")))
                    .containsExactly("title.en");
            assertThat(fields(assertProblem(
                            roles.curator().json("POST", "/api/collections", longDescription), 400, "invalid-field")))
                    .containsExactly("description.fr");
        }
    }

    @Nested
    class Editing {

        @Test
        void itsCuratorChangesTextsVisibilityAndFeaturedButNeverTheSlug() {
            String slug = create(roles.curator(), "public", false);

            HttpResponse<String> changed = roles.curator()
                    .json(
                            "PUT",
                            "/api/collections/" + slug,
                            "{\"title\": {\"fr\": \"Nouveau titre\"}, \"visibility\": \"private\", \"featured\": true}");

            assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
            JsonNode collection = read(changed);
            assertThat(collection.at("/title/fr").asText()).isEqualTo("Nouveau titre");
            assertThat(collection.at("/title/en").isNull()).isTrue();
            assertThat(collection.at("/description/en").isNull()).isTrue();
            assertThat(collection.get("visibility").asText()).isEqualTo("private");
            assertThat(collection.get("featured").asBoolean()).isTrue();
            assertThat(curatorIds(collection)).containsExactly(roles.curatorId());
            assertProblem(roles.anonymous().get("/api/collections/" + slug), 404, "not-found");

            JsonNode renamed = assertProblem(
                    roles.curator()
                            .json(
                                    "PUT",
                                    "/api/collections/" + slug,
                                    "{\"slug\": \"" + slug() + "\", \"title\": {\"en\": \"x\"}}"),
                    400,
                    "invalid-field");
            assertThat(fields(renamed)).containsExactly("slug");
            assertThat(roles.curator()
                            .json(
                                    "PUT",
                                    "/api/collections/" + slug,
                                    "{\"slug\": \"" + slug + "\", \"title\": {\"en\": \"Same slug\"}}")
                            .statusCode())
                    .isEqualTo(200);
        }

        @Test
        void anotherCuratorMayNotChangeItButAnAdministratorMay() {
            String slug = create(roles.curator(), "public", false);
            String change = "{\"title\": {\"en\": \"Changed\"}}";

            assertProblem(
                    roles.otherCurator().json("PUT", "/api/collections/" + slug, change),
                    403,
                    "not-collection-curator");
            assertThat(roles.admin()
                            .json("PUT", "/api/collections/" + slug, change)
                            .statusCode())
                    .isEqualTo(200);
        }

        @Test
        void replacesItsCuratorsWhenToldAndNeverLeavesItWithout() {
            String slug = create(roles.curator(), "public", false);

            HttpResponse<String> handedOver = roles.curator()
                    .json(
                            "PUT",
                            "/api/collections/" + slug,
                            "{\"title\": {\"en\": \"T\"}, \"curatorIds\": [\"" + roles.otherCuratorId() + "\"]}");

            assertThat(handedOver.statusCode()).as(handedOver.body()).isEqualTo(200);
            assertThat(curatorIds(read(handedOver))).containsExactly(roles.otherCuratorId());
            assertProblem(
                    roles.curator().json("PUT", "/api/collections/" + slug, "{\"title\": {\"en\": \"T\"}}"),
                    403,
                    "not-collection-curator");
            assertThat(fields(assertProblem(
                            roles.otherCurator()
                                    .json(
                                            "PUT",
                                            "/api/collections/" + slug,
                                            "{\"title\": {\"en\": \"T\"}, \"curatorIds\": []}"),
                            400,
                            "invalid-field")))
                    .containsExactly("curatorIds");
            assertThat(curatorIds(collection(roles.admin(), slug))).containsExactly(roles.otherCuratorId());
        }

        @Test
        void deletingACollectionKeepsItsDocuments() {
            String slug = create(roles.curator(), "public", false);
            String document = uploadText(roles.contributor(), null, "kept " + Api.uniqueWord());
            add(roles.curator(), slug, document, null);

            assertProblem(roles.otherCurator().delete("/api/collections/" + slug), 403, "not-collection-curator");
            assertThat(roles.curator().delete("/api/collections/" + slug).statusCode())
                    .isEqualTo(204);

            assertProblem(roles.curator().get("/api/collections/" + slug), 404, "not-found");
            assertThat(roles.curator().get("/api/documents/" + document).statusCode())
                    .isEqualTo(200);
            assertThat(read(roles.curator().get("/api/documents/" + document + "/collections")))
                    .isEmpty();
            assertProblem(roles.curator().delete("/api/collections/" + slug), 404, "not-found");
        }

        @Test
        void recordsEveryChangeInTheAuditLog() {
            String slug = create(roles.curator(), "public", false);
            String first = uploadText(roles.contributor(), null, "audited " + Api.uniqueWord());
            String second = uploadText(roles.contributor(), null, "audited " + Api.uniqueWord());
            add(roles.curator(), slug, first, "read first");
            add(roles.curator(), slug, second, null);
            roles.curator().json("PUT", "/api/collections/" + slug, "{\"title\": {\"en\": \"Audited\"}}");
            roles.curator().json("PATCH", "/api/collections/" + slug + "/items/" + first, "{\"note\": \"changed\"}");
            roles.curator()
                    .json(
                            "PUT",
                            "/api/collections/" + slug + "/order",
                            "{\"documentIds\": [\"" + second + "\", \"" + first + "\"]}");
            roles.curator().delete("/api/collections/" + slug + "/items/" + first);
            roles.curator().delete("/api/collections/" + slug);

            assertThat(auditActions(slug))
                    .containsExactly(
                            "collection.create " + roles.curatorId(),
                            "collection.item_add " + roles.curatorId(),
                            "collection.item_add " + roles.curatorId(),
                            "collection.update " + roles.curatorId(),
                            "collection.item_note " + roles.curatorId(),
                            "collection.reorder " + roles.curatorId(),
                            "collection.item_remove " + roles.curatorId(),
                            "collection.delete " + roles.curatorId());
        }

        @Test
        void recordsNothingOfAChangeThatFailed() {
            String slug = create(roles.curator(), "public", false);

            roles.otherCurator().json("PUT", "/api/collections/" + slug, "{\"title\": {\"en\": \"No\"}}");
            roles.curator().json("PUT", "/api/collections/" + slug, "{\"slug\": \"other-slug\"}");

            assertThat(auditActions(slug)).containsExactly("collection.create " + roles.curatorId());
        }
    }

    @Nested
    class Items {

        @Test
        void keepsItemsInTheCuratorsOrderWithTheirNotes() {
            String slug = create(roles.curator(), "public", false);
            List<String> documents = documents(3);

            JsonNode first = add(roles.curator(), slug, documents.get(0), "Start here");
            add(roles.curator(), slug, documents.get(1), null);
            add(roles.curator(), slug, documents.get(2), "  ");

            assertThat(first.get("position").asInt()).isEqualTo(1);
            assertThat(first.get("note").asText()).isEqualTo("Start here");
            assertThat(first.at("/document/id").asText()).isEqualTo(documents.get(0));
            assertThat(first.at("/document/title").asText()).startsWith("Item");
            assertThat(first.at("/document/type").asText()).isEqualTo("protocol");
            assertThat(first.at("/document/language").asText()).isEqualTo("fr");
            assertThat(first.at("/document/publicationDate").asText()).isEqualTo("2021-03-04");
            assertThat(first.at("/document/authors/0/name").asText()).isEqualTo("Diallo, Aminata");
            assertThat(first.at("/document/status").asText()).isEqualTo("published");
            JsonNode collection = collection(roles.anonymous(), slug);
            assertThat(collection.get("itemCount").asInt()).isEqualTo(3);
            assertThat(itemIds(roles.anonymous(), slug)).containsExactlyElementsOf(documents);
            assertThat(collection.at("/items/1/position").asInt()).isEqualTo(2);
            assertThat(collection.at("/items/1/note").isNull()).isTrue();
            assertThat(collection.at("/items/2/note").isNull()).isTrue();
        }

        @Test
        void reordersAndChangesNotes() {
            String slug = create(roles.curator(), "public", false);
            List<String> documents = documents(3);
            documents.forEach(id -> add(roles.curator(), slug, id, null));

            HttpResponse<String> reordered = roles.curator()
                    .json(
                            "PUT",
                            "/api/collections/" + slug + "/order",
                            order(documents.get(2), documents.get(0), documents.get(1)));
            HttpResponse<String> noted = roles.curator()
                    .json(
                            "PATCH",
                            "/api/collections/" + slug + "/items/" + documents.get(0),
                            "{\"note\": \"Second, now\"}");

            assertThat(reordered.statusCode()).as(reordered.body()).isEqualTo(200);
            assertThat(read(reordered).at("/items/0/document/id").asText()).isEqualTo(documents.get(2));
            assertThat(noted.statusCode()).as(noted.body()).isEqualTo(200);
            assertThat(read(noted).get("position").asInt()).isEqualTo(2);
            assertThat(read(noted).get("note").asText()).isEqualTo("Second, now");
            assertThat(itemIds(roles.anonymous(), slug))
                    .containsExactly(documents.get(2), documents.get(0), documents.get(1));
            HttpResponse<String> cleared = roles.curator()
                    .json("PATCH", "/api/collections/" + slug + "/items/" + documents.get(0), "{\"note\": null}");
            assertThat(read(cleared).get("note").isNull()).isTrue();
        }

        @Test
        void refusesAnOrderThatIsNotExactlyTheItemsAndSaysWhatIsWrong() {
            String slug = create(roles.curator(), "public", false);
            List<String> documents = documents(2);
            documents.forEach(id -> add(roles.curator(), slug, id, null));
            String stranger = UUID.randomUUID().toString();

            JsonNode missing = assertProblem(
                    roles.curator().json("PUT", "/api/collections/" + slug + "/order", order(documents.get(1))),
                    400,
                    "invalid-field");
            JsonNode extra = assertProblem(
                    roles.curator()
                            .json(
                                    "PUT",
                                    "/api/collections/" + slug + "/order",
                                    order(documents.get(1), documents.get(0), stranger)),
                    400,
                    "invalid-field");
            JsonNode repeated = assertProblem(
                    roles.curator()
                            .json(
                                    "PUT",
                                    "/api/collections/" + slug + "/order",
                                    order(documents.get(1), documents.get(0), documents.get(1))),
                    400,
                    "invalid-field");

            assertThat(fields(missing)).containsExactly("documentIds");
            assertThat(missing.at("/errors/0/message").asText())
                    .contains("missing " + documents.get(0))
                    .contains("GET /api/collections/" + slug);
            assertThat(extra.at("/errors/0/message").asText()).contains("not in the collection " + stranger);
            assertThat(repeated.at("/errors/0/message").asText()).contains("repeated " + documents.get(1));
            assertThat(itemIds(roles.curator(), slug)).containsExactlyElementsOf(documents);
        }

        @Test
        void refusesADocumentTwiceAndOneThatDoesNotExist() {
            String slug = create(roles.curator(), "public", false);
            String document = documents(1).getFirst();
            add(roles.curator(), slug, document, null);

            JsonNode twice = assertProblem(
                    roles.curator().json("POST", "/api/collections/" + slug + "/items", item(document)),
                    409,
                    "already-in-collection");
            JsonNode unknown = assertProblem(
                    roles.curator()
                            .json(
                                    "POST",
                                    "/api/collections/" + slug + "/items",
                                    item(UUID.randomUUID().toString())),
                    400,
                    "invalid-field");
            JsonNode tooLong = assertProblem(
                    roles.curator()
                            .json(
                                    "POST",
                                    "/api/collections/" + slug + "/items",
                                    "{\"documentId\": \"" + documents(1).getFirst() + "\", \"note\": \""
                                            + "n".repeat(2001) + "\"}"),
                    400,
                    "invalid-field");

            assertThat(fields(twice)).containsExactly("documentId");
            assertThat(fields(unknown)).containsExactly("documentId");
            assertThat(fields(tooLong)).containsExactly("note");
            assertProblem(
                    roles.curator()
                            .json(
                                    "PATCH",
                                    "/api/collections/" + slug + "/items/" + UUID.randomUUID(),
                                    "{\"note\": \"x\"}"),
                    404,
                    "not-found");
            assertProblem(
                    roles.curator().delete("/api/collections/" + slug + "/items/" + UUID.randomUUID()),
                    404,
                    "not-found");
            assertProblem(
                    roles.curator().json("POST", "/api/collections/no-such-collection/items", item(document)),
                    404,
                    "not-found");
        }

        @Test
        void removesAnItemAndKeepsTheDocument() {
            String slug = create(roles.curator(), "public", false);
            List<String> documents = documents(2);
            documents.forEach(id -> add(roles.curator(), slug, id, null));

            assertThat(roles.curator()
                            .delete("/api/collections/" + slug + "/items/" + documents.get(0))
                            .statusCode())
                    .isEqualTo(204);

            assertThat(itemIds(roles.anonymous(), slug)).containsExactly(documents.get(1));
            assertThat(collection(roles.anonymous(), slug)
                            .at("/items/0/position")
                            .asInt())
                    .isEqualTo(1);
            assertThat(roles.anonymous()
                            .get("/api/documents/" + documents.get(0))
                            .statusCode())
                    .isEqualTo(200);
        }

        @Test
        void deletingADocumentTakesItOutOfItsCollections() {
            String slug = create(roles.curator(), "public", false);
            List<String> documents = documents(2);
            documents.forEach(id -> add(roles.curator(), slug, id, null));

            assertThat(roles.admin()
                            .delete("/api/documents/" + documents.get(0))
                            .statusCode())
                    .isEqualTo(204);

            assertThat(itemIds(roles.curator(), slug)).containsExactly(documents.get(1));
            add(roles.curator(), slug, documents(1).getFirst(), null);
            assertThat(collection(roles.curator(), slug).get("itemCount").asInt())
                    .isEqualTo(2);
        }

        @Test
        void putsOneDocumentInSeveralCollectionsAndListsThemOnItsRecord() {
            String first = create(roles.curator(), "public", false);
            String second = create(roles.otherCurator(), "public", false);
            String hidden = create(roles.curator(), "private", false);
            String document = documents(1).getFirst();
            add(roles.curator(), first, document, "in the first");
            add(roles.otherCurator(), second, document, "in the second");
            add(roles.curator(), hidden, document, null);

            assertThat(itemIds(roles.anonymous(), first)).containsExactly(document);
            assertThat(itemIds(roles.anonymous(), second)).containsExactly(document);
            assertThat(collectionSlugs(roles.anonymous(), document)).containsExactlyInAnyOrder(first, second);
            assertThat(collectionSlugs(roles.contributor(), document)).containsExactlyInAnyOrder(first, second);
            assertThat(collectionSlugs(roles.otherCurator(), document))
                    .containsExactlyInAnyOrder(first, second, hidden);
            JsonNode ref = read(roles.anonymous().get("/api/documents/" + document + "/collections"))
                    .get(0);
            assertThat(ref.at("/title/en").asText()).startsWith("Procedures it-");
            // The document's own record carries the same list, private collections only for curators.
            assertThat(read(roles.anonymous().get("/api/documents/" + document)).findValuesAsText("slug"))
                    .containsExactlyInAnyOrder(first, second);
            assertThat(read(roles.otherCurator().get("/api/documents/" + document))
                            .findValuesAsText("slug"))
                    .containsExactlyInAnyOrder(first, second, hidden);
            assertProblem(
                    roles.anonymous().get("/api/documents/" + UUID.randomUUID() + "/collections"), 404, "not-found");
        }
    }

    @Nested
    class WhoSeesWhat {

        @Test
        void aPrivateCollectionDoesNotExistForReadersAndContributors() {
            String hidden = create(roles.curator(), "private", false);
            String shown = create(roles.curator(), "public", false);

            for (Api outsider : List.of(roles.anonymous(), roles.contributor())) {
                assertThat(slugs(outsider.get("/api/collections")))
                        .contains(shown)
                        .doesNotContain(hidden);
                assertProblem(outsider.get("/api/collections/" + hidden), 404, "not-found");
            }
            for (Api insider : List.of(roles.otherCurator(), roles.admin())) {
                assertThat(slugs(insider.get("/api/collections"))).contains(shown, hidden);
                assertThat(collection(insider, hidden).get("visibility").asText())
                        .isEqualTo("private");
            }
        }

        @Test
        void readersSeeOnlyPublishedItemsAndCountOnlyThem() {
            String slug = create(roles.curator(), "public", false);
            String published = documents(1).getFirst();
            String unpublished = uploadText(roles.contributor(), "{\"title\": \"Unpublished\"}", Api.uniqueWord());
            add(roles.curator(), slug, published, null);
            add(roles.curator(), slug, unpublished, null);

            JsonNode forReaders = collection(roles.anonymous(), slug);
            JsonNode forCurators = collection(roles.otherCurator(), slug);

            assertThat(forReaders.get("itemCount").asInt()).isEqualTo(1);
            assertThat(itemIds(roles.anonymous(), slug)).containsExactly(published);
            assertThat(forCurators.get("itemCount").asInt()).isEqualTo(2);
            assertThat(itemIds(roles.otherCurator(), slug)).containsExactly(published, unpublished);
            assertThat(slugs(roles.anonymous().get("/api/collections"))).contains(slug);
            assertThat(countIn(roles.anonymous().get("/api/collections"), slug)).isEqualTo(1);
            assertThat(countIn(roles.admin().get("/api/collections"), slug)).isEqualTo(2);
        }

        @Test
        void listsFeaturedPublicCollectionsForTheHomePage() {
            String featured = create(roles.curator(), "public", true);
            String plain = create(roles.curator(), "public", false);
            String featuredButPrivate = create(roles.curator(), "private", true);

            List<String> home = slugs(roles.anonymous().get("/api/collections?featured=true"));
            List<String> curatorsHome = slugs(roles.curator().get("/api/collections?featured=true"));

            assertThat(home).contains(featured).doesNotContain(plain, featuredButPrivate);
            assertThat(curatorsHome).contains(featured, featuredButPrivate).doesNotContain(plain);
            assertThat(home).isSorted();
        }

        @Test
        void theDirectoryLoadedAtStartupKnowsWhichCollectionsArePrivate() {
            String hidden = create(roles.curator(), "private", false);
            String shown = create(roles.curator(), "public", false);
            String deleted = create(roles.curator(), "public", false);
            roles.curator().delete("/api/collections/" + deleted);
            CollectionDirectory fresh = new CollectionDirectory();

            new DirectoryLoader(repository, fresh).onStartup(null);

            assertThat(fresh.isLoaded()).isTrue();
            assertThat(fresh.isVisibleTo(shown, Viewer.ANONYMOUS)).isTrue();
            assertThat(fresh.isVisibleTo(hidden, Viewer.ANONYMOUS)).isFalse();
            assertThat(fresh.isVisibleTo(deleted, Viewer.ANONYMOUS)).isFalse();
        }
    }

    /** Published documents with full metadata, as a contributor uploads them. */
    private List<String> documents(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = uploadText(
                    roles.contributor(),
                    "{\"title\": \"Item " + i + "\", \"type\": \"protocol\", \"language\": \"fr\", \"publicationDate\":"
                            + " \"2021-03-04\", \"authors\": [{\"name\": \"Diallo, Aminata\"}]}",
                    "item " + Api.uniqueWord());
            publish(roles.curator(), roles.contributor(), id);
            ids.add(id);
        }
        return ids;
    }

    private static String order(String... ids) {
        return "{\"documentIds\": [\"" + String.join("\", \"", ids) + "\"]}";
    }

    private static String item(String documentId) {
        return "{\"documentId\": \"" + documentId + "\"}";
    }

    private static List<String> curatorIds(JsonNode collection) {
        List<String> ids = new ArrayList<>();
        collection.get("curators").forEach(curator -> ids.add(curator.get("id").asText()));
        return ids;
    }

    private static List<String> collectionSlugs(Api viewer, String document) {
        HttpResponse<String> answer = viewer.get("/api/documents/" + document + "/collections");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        List<String> slugs = new ArrayList<>();
        read(answer).forEach(ref -> slugs.add(ref.get("slug").asText()));
        return slugs;
    }

    private static int countIn(HttpResponse<String> list, String slug) {
        for (JsonNode collection : read(list).get("items")) {
            if (collection.get("slug").asText().equals(slug)) {
                return collection.get("itemCount").asInt();
            }
        }
        throw new AssertionError(slug + " is not listed: " + list.body());
    }

    /** The collection's audit records, oldest first, as "action actorId". */
    private List<String> auditActions(String slug) {
        return transactions.executeRead(status -> jdbc.prepareStatement(
                "SELECT action, actor_id FROM audit_events WHERE target_type = 'collection' AND detail ->> 'slug' = ?"
                        + " ORDER BY id",
                statement -> {
                    statement.setString(1, slug);
                    ResultSet rows = statement.executeQuery();
                    List<String> actions = new ArrayList<>();
                    while (rows.next()) {
                        actions.add(rows.getString(1) + " " + rows.getString(2));
                    }
                    return actions;
                }));
    }
}
