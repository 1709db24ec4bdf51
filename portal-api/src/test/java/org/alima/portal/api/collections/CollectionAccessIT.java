package org.alima.portal.api.collections;

import static org.alima.portal.api.Api.read;
import static org.alima.portal.api.collections.TestCollections.body;
import static org.alima.portal.api.collections.TestCollections.publish;
import static org.alima.portal.api.collections.TestCollections.request;
import static org.alima.portal.api.collections.TestCollections.slug;
import static org.alima.portal.api.collections.TestCollections.uploadText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every collections endpoint called by every kind of caller, on a private and on a public collection that {@code
 * curator} made: the status each gets, and whether the collection shows in what each may list.
 *
 * <p>The call under test is sent raw: the matrix reads each answer's status and Content-Type, which the typed client
 * turns into an exception (or, for a 404, an empty answer), and {@code /api/documents/{id}/collections} has no typed
 * contract. The collections each call works on, and what a refused call leaves of them, go through the typed client
 * ({@link CollectionsClient}).
 */
@MicronautTest
class CollectionAccessIT extends PortalTest {

    @Inject
    CollectionsClient collections;

    private Roles roles;
    private String item;
    private String spare;

    @BeforeEach
    void cast() {
        if (roles == null) {
            roles = Roles.create(anonymous);
            item = uploadText(roles.contributor(), "{\"title\": \"Matrix item\"}", Api.uniqueWord());
            spare = uploadText(roles.contributor(), "{\"title\": \"Matrix spare\"}", Api.uniqueWord());
            publish(roles.curator(), roles.contributor(), item);
            publish(roles.curator(), roles.contributor(), spare);
        }
    }

    /** The callers, in the order of the expected statuses below. */
    enum Caller {
        ANONYMOUS,
        CONTRIBUTOR,
        CURATOR_NOT_OF_IT,
        CURATOR_OF_IT,
        ADMIN;

        boolean isCurator() {
            return this == CURATOR_NOT_OF_IT || this == CURATOR_OF_IT || this == ADMIN;
        }
    }

    /**
     * An endpoint, how to call it on a collection holding {@code item}, and the status each caller gets, on a private
     * collection then on a public one.
     */
    // Arrays as components: a table of expected statuses, read by index and never compared or hashed.
    @SuppressWarnings("ArrayRecordComponent")
    record Endpoint(String name, BiFunction<Api, Target, HttpResponse<String>> call, int[] onPrivate, int[] onPublic) {}

    /** A collection made for one call, holding the item. */
    record Target(String slug, String item, String spare) {}

    private static final int[] WRITE = {401, 403, 403, 200, 200};

    private List<Endpoint> endpoints() {
        return List.of(
                new Endpoint(
                        "GET /api/collections",
                        (api, t) -> api.get("/api/collections"),
                        new int[] {200, 200, 200, 200, 200},
                        new int[] {200, 200, 200, 200, 200}),
                new Endpoint(
                        "GET /api/collections?featured=true",
                        (api, t) -> api.get("/api/collections?featured=true"),
                        new int[] {200, 200, 200, 200, 200},
                        new int[] {200, 200, 200, 200, 200}),
                new Endpoint(
                        "GET /api/collections/{slug}",
                        (api, t) -> api.get("/api/collections/" + t.slug()),
                        new int[] {404, 404, 200, 200, 200},
                        new int[] {200, 200, 200, 200, 200}),
                new Endpoint(
                        "POST /api/collections",
                        (api, t) -> api.json("POST", "/api/collections", body(slug(), "private", false)),
                        new int[] {401, 403, 201, 201, 201},
                        new int[] {401, 403, 201, 201, 201}),
                new Endpoint(
                        "PUT /api/collections/{slug}",
                        (api, t) ->
                                api.json("PUT", "/api/collections/" + t.slug(), "{\"title\": {\"fr\": \"Changé\"}}"),
                        WRITE,
                        WRITE),
                new Endpoint(
                        "DELETE /api/collections/{slug}",
                        (api, t) -> api.delete("/api/collections/" + t.slug()),
                        new int[] {401, 403, 403, 204, 204},
                        new int[] {401, 403, 403, 204, 204}),
                new Endpoint(
                        "POST /api/collections/{slug}/items",
                        (api, t) -> api.json(
                                "POST",
                                "/api/collections/" + t.slug() + "/items",
                                "{\"documentId\": \"" + t.spare() + "\", \"note\": \"added\"}"),
                        new int[] {401, 403, 403, 201, 201},
                        new int[] {401, 403, 403, 201, 201}),
                new Endpoint(
                        "PATCH /api/collections/{slug}/items/{documentId}",
                        (api, t) -> api.json(
                                "PATCH",
                                "/api/collections/" + t.slug() + "/items/" + t.item(),
                                "{\"note\": \"changed\"}"),
                        WRITE,
                        WRITE),
                new Endpoint(
                        "DELETE /api/collections/{slug}/items/{documentId}",
                        (api, t) -> api.delete("/api/collections/" + t.slug() + "/items/" + t.item()),
                        new int[] {401, 403, 403, 204, 204},
                        new int[] {401, 403, 403, 204, 204}),
                new Endpoint(
                        "PUT /api/collections/{slug}/order",
                        (api, t) -> api.json(
                                "PUT",
                                "/api/collections/" + t.slug() + "/order",
                                "{\"documentIds\": [\"" + t.item() + "\"]}"),
                        WRITE,
                        WRITE),
                new Endpoint(
                        "GET /api/documents/{documentId}/collections",
                        (api, t) -> api.get("/api/documents/" + t.item() + "/collections"),
                        new int[] {200, 200, 200, 200, 200},
                        new int[] {200, 200, 200, 200, 200}));
    }

    @TestFactory
    @SuppressWarnings("EnumOrdinal") // the expected statuses are listed in the order of Caller's values
    Stream<DynamicTest> everyCallerOnEveryEndpoint() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String visibility : List.of("private", "public")) {
            for (Endpoint endpoint : endpoints()) {
                for (Caller caller : Caller.values()) {
                    int expected = (visibility.equals("private") ? endpoint.onPrivate() : endpoint.onPublic())
                            [caller.ordinal()];
                    tests.add(dynamicTest(
                            caller + " → " + endpoint.name() + " on a " + visibility + " collection: " + expected,
                            () -> check(endpoint, caller, visibility, expected)));
                }
            }
        }
        return tests.stream();
    }

    private void check(Endpoint endpoint, Caller caller, String visibility, int expected) {
        String slug = slug();
        collections.create(request(slug, visibility, true), roles.as().curator());
        collections.addItem(slug, new ItemRequest(item, "in it"), roles.as().curator());
        Target target = new Target(slug, item, spare);

        HttpResponse<String> answer = endpoint.call().apply(client(caller), target);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(answer.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(collections
                            .get(slug, roles.as().curator())
                            .items()
                            .getFirst()
                            .note())
                    .as("a refused call changes nothing")
                    .isEqualTo("in it");
        }
        boolean shown = visibility.equals("public") || caller.isCurator();
        if (endpoint.name().startsWith("GET /api/collections?")
                || endpoint.name().equals("GET /api/collections")) {
            assertThat(TestCollections.slugs(answer).contains(slug))
                    .as("listed")
                    .isEqualTo(shown);
        }
        if (endpoint.name().startsWith("GET /api/documents")) {
            List<String> slugs = new ArrayList<>();
            read(answer).forEach(ref -> slugs.add(ref.get("slug").asText()));
            assertThat(slugs.contains(slug)).as("listed on the document").isEqualTo(shown);
        }
        if (endpoint.name().equals("GET /api/collections/{slug}") && expected == 200) {
            JsonNode collection = read(answer);
            assertThat(collection.get("items")).hasSize(1);
            assertThat(collection.get("itemCount").asInt()).isEqualTo(1);
        }
    }

    private Api client(Caller caller) {
        return switch (caller) {
            case ANONYMOUS -> roles.anonymous();
            case CONTRIBUTOR -> roles.contributor();
            case CURATOR_NOT_OF_IT -> roles.otherCurator();
            case CURATOR_OF_IT -> roles.curator();
            case ADMIN -> roles.admin();
        };
    }
}
