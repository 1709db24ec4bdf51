package org.alima.portal.api.collections;

import static org.alima.portal.api.Api.assertProblem;
import static org.alima.portal.api.Api.fields;
import static org.alima.portal.api.Api.read;
import static org.alima.portal.api.collections.TestCollections.add;
import static org.alima.portal.api.collections.TestCollections.body;
import static org.alima.portal.api.collections.TestCollections.collection;
import static org.alima.portal.api.collections.TestCollections.itemIds;
import static org.alima.portal.api.collections.TestCollections.publish;
import static org.alima.portal.api.collections.TestCollections.request;
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

/**
 * Collections over HTTP against the real database: what curators do, and what each caller sees of it. Successful calls
 * go through the typed client ({@link CollectionsClient}); refusals are sent raw, since the client checks its
 * arguments against the contract before sending them and reads only successful answers.
 */
@MicronautTest
class CollectionsIT extends PortalTest {

    @Inject
    JdbcOperations jdbc;

    @Inject
    TransactionOperations<Connection> transactions;

    @Inject
    CollectionRepository repository;

    @Inject
    CollectionsClient collections;

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

            io.micronaut.http.HttpResponse<CollectionResponse> created = collections.create(
                    request(slug, "public", true, roles.otherCuratorId()),
                    roles.as().curator());

            assertThat(created.code()).isEqualTo(201);
            assertThat(created.header("Location")).isEqualTo("/api/collections/" + slug);
            CollectionResponse collection = created.body();
            assertThat(collection.slug()).isEqualTo(slug);
            assertThat(collection.title()).isEqualTo(new Localized("Procédures " + slug, "Procedures " + slug));
            assertThat(collection.description().en()).isEqualTo("For the teams");
            assertThat(collection.visibility()).isEqualTo("public");
            assertThat(collection.featured()).isTrue();
            assertThat(collection.curators())
                    .extracting(CollectionResponse.Curator::id)
                    .containsExactlyInAnyOrder(roles.curatorId(), roles.otherCuratorId());
            assertThat(collection.curators().getFirst().displayName()).startsWith("Test curator");
            assertThat(collection.itemCount()).isZero();
            assertThat(collection.items()).isEmpty();
            assertThat(collection.createdAt()).isNotNull();
            assertThat(collection.updatedAt()).isNotNull();
            assertThat(collections.get(slug, Viewer.ANONYMOUS).slug()).isEqualTo(slug);
        }

        @Test
        void aCollectionIsPrivateAndNotFeaturedUnlessToldOtherwise() {
            String slug = slug();

            CollectionResponse collection = collections
                    .create(
                            new CollectionRequest(
                                    slug, new CollectionRequest.Title(null, "Drafts"), null, null, null, null),
                            roles.as().curator())
                    .body();

            assertThat(collection.visibility()).isEqualTo("private");
            assertThat(collection.featured()).isFalse();
            assertThat(collection.title().fr()).isNull();
            assertThat(collection.description().fr()).isNull();
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
            String slug = TestCollections.create(roles.curator(), "public", false);

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
            String slug = TestCollections.create(roles.curator(), "public", false);

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
            String slug = TestCollections.create(roles.curator(), "public", false);
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
            String slug = TestCollections.create(roles.curator(), "public", false);

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
            String slug = TestCollections.create(roles.curator(), "public", false);
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
            String slug = TestCollections.create(roles.curator(), "public", false);
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
            String slug = TestCollections.create(roles.curator(), "public", false);

            roles.otherCurator().json("PUT", "/api/collections/" + slug, "{\"title\": {\"en\": \"No\"}}");
            roles.curator().json("PUT", "/api/collections/" + slug, "{\"slug\": \"other-slug\"}");

            assertThat(auditActions(slug)).containsExactly("collection.create " + roles.curatorId());
        }
    }

    @Nested
    class Items {

        @Test
        void keepsItemsInTheCuratorsOrderWithTheirNotes() {
            String slug = TestCollections.create(roles.curator(), "public", false);
            List<String> documents = documents(3);

            Viewer curator = roles.as().curator();
            ItemResponse first = collections
                    .addItem(slug, new ItemRequest(documents.get(0), "Start here"), curator)
                    .body();
            collections.addItem(slug, new ItemRequest(documents.get(1), null), curator);
            collections.addItem(slug, new ItemRequest(documents.get(2), "  "), curator);

            assertThat(first.position()).isEqualTo(1);
            assertThat(first.note()).isEqualTo("Start here");
            ItemResponse.DocumentSummary document = first.document();
            assertThat(document.id()).isEqualTo(documents.get(0));
            assertThat(document.title()).startsWith("Item");
            assertThat(document.type()).isEqualTo("protocol");
            assertThat(document.language()).isEqualTo("fr");
            assertThat(document.publicationDate()).isEqualTo("2021-03-04");
            assertThat(document.authors().getFirst().name()).isEqualTo("Diallo, Aminata");
            assertThat(document.status()).isEqualTo("published");
            CollectionResponse collection = collections.get(slug, Viewer.ANONYMOUS);
            assertThat(collection.itemCount()).isEqualTo(3);
            assertThat(collection.items())
                    .extracting(item -> item.document().id())
                    .containsExactlyElementsOf(documents);
            assertThat(collection.items().get(1).position()).isEqualTo(2);
            assertThat(collection.items().get(1).note()).isNull();
            assertThat(collection.items().get(2).note()).isNull();
        }

        @Test
        void reordersAndChangesNotes() {
            String slug = TestCollections.create(roles.curator(), "public", false);
            List<String> documents = documents(3);
            documents.forEach(id -> add(roles.curator(), slug, id, null));

            Viewer curator = roles.as().curator();
            UUID moved = UUID.fromString(documents.get(0));

            CollectionResponse reordered = collections.reorder(
                    slug, new OrderRequest(List.of(documents.get(2), documents.get(0), documents.get(1))), curator);
            ItemResponse noted = collections.changeNote(slug, moved, new NoteRequest("Second, now"), curator);

            assertThat(reordered.items().getFirst().document().id()).isEqualTo(documents.get(2));
            assertThat(noted.position()).isEqualTo(2);
            assertThat(noted.note()).isEqualTo("Second, now");
            assertThat(collections.get(slug, Viewer.ANONYMOUS).items())
                    .extracting(item -> item.document().id())
                    .containsExactly(documents.get(2), documents.get(0), documents.get(1));
            assertThat(collections
                            .changeNote(slug, moved, new NoteRequest(null), curator)
                            .note())
                    .isNull();
        }

        @Test
        void refusesAnOrderThatIsNotExactlyTheItemsAndSaysWhatIsWrong() {
            String slug = TestCollections.create(roles.curator(), "public", false);
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
            String slug = TestCollections.create(roles.curator(), "public", false);
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
            String slug = TestCollections.create(roles.curator(), "public", false);
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
            String slug = TestCollections.create(roles.curator(), "public", false);
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
            String first = TestCollections.create(roles.curator(), "public", false);
            String second = TestCollections.create(roles.otherCurator(), "public", false);
            String hidden = TestCollections.create(roles.curator(), "private", false);
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
            String hidden = TestCollections.create(roles.curator(), "private", false);
            String shown = TestCollections.create(roles.curator(), "public", false);

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
            String slug = TestCollections.create(roles.curator(), "public", false);
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
            String featured = TestCollections.create(roles.curator(), "public", true);
            String plain = TestCollections.create(roles.curator(), "public", false);
            String featuredButPrivate = TestCollections.create(roles.curator(), "private", true);

            List<String> home = slugs(roles.anonymous().get("/api/collections?featured=true"));
            List<String> curatorsHome = slugs(roles.curator().get("/api/collections?featured=true"));

            assertThat(home).contains(featured).doesNotContain(plain, featuredButPrivate);
            assertThat(curatorsHome).contains(featured, featuredButPrivate).doesNotContain(plain);
            assertThat(home).isSorted();
        }

        @Test
        void theDirectoryLoadedAtStartupKnowsWhichCollectionsArePrivate() {
            String hidden = TestCollections.create(roles.curator(), "private", false);
            String shown = TestCollections.create(roles.curator(), "public", false);
            String deleted = TestCollections.create(roles.curator(), "public", false);
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
