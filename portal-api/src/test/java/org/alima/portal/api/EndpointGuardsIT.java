package org.alima.portal.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpMethod;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The guard of every API route, read from the running router: each route must be listed here with the least role
 * that passes its door, so that a new endpoint cannot ship without a decision on who may call it. Each route is then
 * called by every kind of caller (anonymous, contributor, curator, admin), expecting 401 below an account, 403 below
 * the role, and neither from the role up. What a caller may do to a particular document or collection (owner or not,
 * draft or published) is decided behind the door and tested per resource in DocumentAccessIT and CollectionAccessIT.
 */
@MicronautTest
class EndpointGuardsIT extends PortalTest {

    private enum Door {
        ANYONE,
        ACCOUNT,
        CONTRIBUTOR,
        CURATOR,
        ADMIN,
        /** An administrator's token or the operator token; without either, 403 rather than 401. */
        ADMIN_OR_OPERATOR
    }

    private static final Map<String, Door> DOORS = new TreeMap<>(Map.ofEntries(
            Map.entry("GET /api/docs", Door.ANYONE),
            Map.entry("POST /api/auth/login", Door.ANYONE),
            Map.entry("POST /api/auth/logout", Door.ANYONE),
            Map.entry("POST /api/auth/token", Door.ANYONE),
            // Micronaut's refresh endpoint keeps its GET route; get-allowed: false refuses it (see the test below).
            Map.entry("GET /api/auth/token", Door.ANYONE),
            Map.entry("GET /api/auth/providers", Door.ANYONE),
            Map.entry("GET /api/account", Door.ACCOUNT),
            Map.entry("PUT /api/account/password", Door.ACCOUNT),
            Map.entry("GET /api/account/tokens", Door.ACCOUNT),
            Map.entry("POST /api/account/tokens", Door.ACCOUNT),
            Map.entry("DELETE /api/account/tokens/{id}", Door.ACCOUNT),
            Map.entry("GET /api/account/saved-searches", Door.ACCOUNT),
            Map.entry("POST /api/account/saved-searches", Door.ACCOUNT),
            Map.entry("GET /api/account/saved-searches/{id}", Door.ACCOUNT),
            Map.entry("PATCH /api/account/saved-searches/{id}", Door.ACCOUNT),
            Map.entry("DELETE /api/account/saved-searches/{id}", Door.ACCOUNT),
            Map.entry("POST /api/account/saved-searches/{id}/feed-token", Door.ACCOUNT),
            Map.entry("GET /api/admin/accounts", Door.ADMIN),
            Map.entry("POST /api/admin/accounts", Door.ADMIN),
            Map.entry("GET /api/admin/accounts/{id}", Door.ADMIN),
            Map.entry("PATCH /api/admin/accounts/{id}", Door.ADMIN),
            Map.entry("GET /api/admin/accounts/{id}/tokens", Door.ADMIN),
            Map.entry("DELETE /api/admin/accounts/{id}/tokens/{tokenId}", Door.ADMIN),
            Map.entry("GET /api/admin/audit", Door.ADMIN),
            Map.entry("GET /api/index", Door.CURATOR),
            Map.entry("GET /api/usage", Door.CURATOR),
            Map.entry("GET /api/usage/export.csv", Door.CURATOR),
            Map.entry("GET /api/documents/{id}/usage", Door.ANYONE),
            Map.entry("GET /api/ocr", Door.CURATOR),
            Map.entry("POST /api/index/rebuild", Door.ADMIN_OR_OPERATOR),
            Map.entry("GET /api/search", Door.ANYONE),
            Map.entry("GET /api/search/suggest", Door.ANYONE),
            Map.entry("GET /api/documents", Door.ANYONE),
            Map.entry("POST /api/documents", Door.CONTRIBUTOR),
            Map.entry("POST /api/imports", Door.CONTRIBUTOR),
            Map.entry("GET /api/imports/{id}", Door.CONTRIBUTOR),
            Map.entry("GET /api/countries", Door.ANYONE),
            Map.entry("GET /api/documents/{id}", Door.ANYONE),
            Map.entry("PUT /api/documents/{id}", Door.CONTRIBUTOR),
            Map.entry("PATCH /api/documents/{id}", Door.CONTRIBUTOR),
            Map.entry("DELETE /api/documents/{id}", Door.CONTRIBUTOR),
            Map.entry("POST /api/documents/{id}/versions", Door.CONTRIBUTOR),
            Map.entry("POST /api/documents/{id}/submit", Door.CONTRIBUTOR),
            // Only curators publish and return, but that is decided once the document is known to be visible, so
            // that a contributor learns nothing of documents they may not see (404 before 403): DocumentAccessIT.
            Map.entry("POST /api/documents/{id}/publish", Door.CONTRIBUTOR),
            Map.entry("POST /api/documents/{id}/return", Door.CONTRIBUTOR),
            Map.entry("POST /api/documents/{id}/withdraw", Door.CONTRIBUTOR),
            Map.entry("POST /api/documents/{id}/retry", Door.CONTRIBUTOR),
            Map.entry("DELETE /api/documents/{id}/doubts/{field}", Door.CONTRIBUTOR),
            Map.entry("GET /api/documents/{id}/file", Door.ANYONE),
            Map.entry("GET /api/documents/{id}/pages/{page}", Door.ANYONE),
            Map.entry("GET /api/documents/{id}/citation", Door.ANYONE),
            Map.entry("GET /api/documents/{id}/status", Door.ANYONE),
            Map.entry("GET /api/documents/{id}/related", Door.ANYONE),
            Map.entry("GET /api/documents/{id}/translations", Door.ANYONE),
            Map.entry("PUT /api/documents/{id}/translations/{otherId}", Door.CONTRIBUTOR),
            Map.entry("DELETE /api/documents/{id}/translations/{otherId}", Door.CONTRIBUTOR),
            Map.entry("GET /api/documents/{id}/translation-suggestions", Door.CURATOR),
            Map.entry("GET /api/translation-suggestions", Door.CURATOR),
            Map.entry("GET /api/vocabularies", Door.ANYONE),
            Map.entry("GET /api/search/pack", Door.ANYONE),
            Map.entry("GET /api/documents/{id}/collections", Door.ANYONE),
            Map.entry("GET /api/collections", Door.ANYONE),
            Map.entry("POST /api/collections", Door.CURATOR),
            Map.entry("GET /api/collections/{slug}", Door.ANYONE),
            Map.entry("GET /api/collections/{slug}/pack", Door.ANYONE),
            Map.entry("PUT /api/collections/{slug}", Door.CURATOR),
            Map.entry("DELETE /api/collections/{slug}", Door.CURATOR),
            Map.entry("POST /api/collections/{slug}/items", Door.CURATOR),
            Map.entry("PATCH /api/collections/{slug}/items/{documentId}", Door.CURATOR),
            Map.entry("DELETE /api/collections/{slug}/items/{documentId}", Door.CURATOR),
            Map.entry("PUT /api/collections/{slug}/order", Door.CURATOR)));

    @Inject
    Router router;

    @Test
    void everyApiRouteHasADecidedDoorAndNoDecisionOutlivesItsRoute() {
        SortedSet<String> routes = apiRoutes();
        assertThat(routes)
                .as("routes without an entry in DOORS: decide who may call them")
                .isSubsetOf(DOORS.keySet());
        assertThat(DOORS.keySet()).as("entries in DOORS without a route").isSubsetOf(routes);
    }

    @Test
    void everyCallerIsStoppedBelowTheDoorAndLetThroughFromItUp() {
        Map<Door, Api> callers = new TreeMap<>(Map.of(
                Door.ANYONE,
                anonymous,
                Door.CONTRIBUTOR,
                api,
                Door.CURATOR,
                anonymous.as(TestAccounts.create(anonymous, "curator").token()),
                Door.ADMIN,
                anonymous.as(TestAccounts.admin(anonymous))));
        SoftAssertions softly = new SoftAssertions();
        List<String> checked = new ArrayList<>();
        for (String route : apiRoutes()) {
            Door door = DOORS.get(route);
            for (Map.Entry<Door, Api> caller : callers.entrySet()) {
                HttpResponse<String> answer = call(caller.getValue(), route);
                String cell = route + " as " + caller.getKey() + ": " + answer.statusCode() + " " + answer.body();
                checked.add(cell);
                Door role = caller.getKey();
                // The door's own refusals are told apart by their problem code from the endpoint's (a failed
                // sign-in is a 401 too, but bad-credentials).
                String code = answer.statusCode() == 401 || answer.statusCode() == 403
                        ? Api.read(answer).path("code").asText()
                        : "";
                if (door == Door.ADMIN_OR_OPERATOR && role != Door.ADMIN) {
                    softly.assertThat(answer.statusCode()).as(cell).isEqualTo(403);
                } else if (!admits(role, door)) {
                    softly.assertThat(answer.statusCode()).as(cell).isEqualTo(role == Door.ANYONE ? 401 : 403);
                    softly.assertThat(code).as(cell).isEqualTo(role == Door.ANYONE ? "unauthenticated" : "forbidden");
                } else {
                    softly.assertThat(code).as(cell).isNotIn("unauthenticated", "forbidden");
                }
            }
        }
        softly.assertAll();
        assertThat(checked).hasSize(DOORS.size() * callers.size());
    }

    @Test
    void aRefreshTokenIsNeverAcceptedInAUrl() {
        HttpResponse<String> answer = anonymous.get("/api/auth/token?grant_type=refresh_token&refresh_token=x");
        assertThat(answer.statusCode()).as(answer.body()).isBetween(400, 499).isNotEqualTo(401);
        assertThat(answer.body()).doesNotContain("access_token");
    }

    private static boolean admits(Door caller, Door door) {
        return switch (door) {
            case ANYONE -> true;
            case ACCOUNT -> caller != Door.ANYONE;
            case CONTRIBUTOR -> caller != Door.ANYONE;
            case CURATOR -> caller == Door.CURATOR || caller == Door.ADMIN;
            case ADMIN, ADMIN_OR_OPERATOR -> caller == Door.ADMIN;
        };
    }

    /** Calls the route with made-up identifiers and an empty body: the door answers before anything is looked up. */
    private static HttpResponse<String> call(Api caller, String route) {
        String method = route.substring(0, route.indexOf(' '));
        String path = route.substring(route.indexOf(' ') + 1)
                .replace("{slug}", "no-such-collection")
                .replaceAll("\\{[A-Za-z]+}", UUID.randomUUID().toString());
        // Side effects are harmless here: nothing named exists, and the few open writes are sign-in and sign-out.
        if (route.equals("POST /api/auth/login")) {
            return caller.json(method, path, "{\"username\": \"nobody@portal.test\", \"password\": \"not it\"}");
        }
        if (route.equals("POST /api/documents") || route.equals("POST /api/imports") || route.endsWith("/versions")) {
            // Multipart, as these routes consume; without its file part, so that nothing is stored when let in.
            return caller.upload(path, new Api.Multipart().metadata("{}"));
        }
        return method.equals("GET") ? caller.get(path) : caller.json(method, path, "{}");
    }

    private SortedSet<String> apiRoutes() {
        TreeSet<String> routes = new TreeSet<>();
        router.uriRoutes().forEach(route -> {
            String template = route.getUriMatchTemplate().toPathString();
            // HEAD and OPTIONS follow their GET and CORS; they carry no guard of their own.
            if (template.startsWith("/api/")
                    && route.getHttpMethod() != HttpMethod.OPTIONS
                    && route.getHttpMethod() != HttpMethod.HEAD) {
                routes.add(route.getHttpMethod() + " " + template.replaceAll("\\{[^}]*?([A-Za-z]+)[^}]*}", "{$1}"));
            }
        });
        return routes;
    }
}
