package org.alima.portal.api.accounts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An OpenID Connect provider small enough to run inside a test (JDK HTTP server, RSA key made by nimbus-jose-jwt):
 * discovery document, JWKS, an authorization endpoint that signs in whoever the test chose without asking and
 * redirects back with a code, and a token endpoint that checks the client's credentials and the code and returns a
 * signed ID token carrying the nonce of the authorization request. Thread-safe.
 */
final class FakeOpenIdProvider implements AutoCloseable {

    static final String CLIENT_ID = "portal-client";
    static final String CLIENT_SECRET = "portal-client-secret";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final RSAKey key;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private volatile Person next;
    private volatile Map<String, String> lastAuthorizationRequest = Map.of();
    private volatile String lastIdToken;

    private FakeOpenIdProvider(HttpServer server, RSAKey key) {
        this.server = server;
        this.key = key;
    }

    static FakeOpenIdProvider start() {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyID("fake-key").generate();
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            FakeOpenIdProvider provider = new FakeOpenIdProvider(server, key);
            server.createContext("/realm/.well-known/openid-configuration", provider::discovery);
            server.createContext("/realm/jwks", provider::jwks);
            server.createContext("/realm/authorize", provider::authorize);
            server.createContext("/realm/token", provider::token);
            server.start();
            return provider;
        } catch (IOException | JOSEException e) {
            throw new IllegalStateException("cannot start the fake OpenID provider", e);
        }
    }

    String issuer() {
        return "http://localhost:" + server.getAddress().getPort() + "/realm";
    }

    /** Who the next authorization request signs in. */
    void signsInNext(String subject, String email, boolean emailVerified, String name) {
        next = new Person(subject, email, emailVerified, name, null);
    }

    /** The next sign-in gives no email claim, only a {@code preferred_username} (which may look like an email). */
    void signsInNextWithoutEmail(String subject, String preferredUsername, String name) {
        next = new Person(subject, null, true, name, preferredUsername);
    }

    /** The query parameters of the latest authorization request the portal sent a browser to. */
    Map<String, String> lastAuthorizationRequest() {
        return lastAuthorizationRequest;
    }

    /** The latest ID token the token endpoint gave out. */
    String lastIdToken() {
        return lastIdToken;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void discovery(HttpExchange exchange) throws IOException {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuer());
        document.put("authorization_endpoint", issuer() + "/authorize");
        document.put("token_endpoint", issuer() + "/token");
        document.put("jwks_uri", issuer() + "/jwks");
        document.put("response_types_supported", List.of("code"));
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        document.put("scopes_supported", List.of("openid", "email", "profile"));
        document.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        document.put("grant_types_supported", List.of("authorization_code"));
        document.put("code_challenge_methods_supported", List.of("S256"));
        send(exchange, 200, "application/json", JSON.writeValueAsString(document));
    }

    private void jwks(HttpExchange exchange) throws IOException {
        send(exchange, 200, "application/json", new JWKSet(key.toPublicJWK()).toString());
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        lastAuthorizationRequest = Map.copyOf(query);
        Person person = next;
        if (person == null || !CLIENT_ID.equals(query.get("client_id"))) {
            send(exchange, 400, "text/plain", "unknown client or no one to sign in");
            return;
        }
        String code = UUID.randomUUID().toString();
        codes.put(code, new Grant(person, query.get("nonce"), query.get("redirect_uri")));
        String location = query.get("redirect_uri") + "?code=" + code + "&state="
                + URLEncoder.encode(query.getOrDefault("state", ""), StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Location", location);
        send(exchange, 302, "text/plain", "");
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> body = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (!authenticated(exchange, body)) {
            send(exchange, 401, "application/json", "{\"error\": \"invalid_client\"}");
            return;
        }
        Grant grant = codes.remove(body.getOrDefault("code", ""));
        if (grant == null
                || !"authorization_code".equals(body.get("grant_type"))
                || !grant.redirectUri().equals(body.get("redirect_uri"))) {
            send(exchange, 400, "application/json", "{\"error\": \"invalid_grant\"}");
            return;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", UUID.randomUUID().toString());
        answer.put("token_type", "Bearer");
        answer.put("expires_in", 300);
        answer.put("id_token", idToken(grant));
        send(exchange, 200, "application/json", JSON.writeValueAsString(answer));
    }

    private static boolean authenticated(HttpExchange exchange, Map<String, String> body) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null && authorization.startsWith("Basic ")) {
            String pair = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
            return pair.equals(CLIENT_ID + ":" + CLIENT_SECRET);
        }
        return CLIENT_ID.equals(body.get("client_id")) && CLIENT_SECRET.equals(body.get("client_secret"));
    }

    private String idToken(Grant grant) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer())
                .subject(grant.person().subject())
                .audience(CLIENT_ID)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .claim("email_verified", grant.person().emailVerified())
                .claim("name", grant.person().name());
        if (grant.person().email() != null) {
            claims.claim("email", grant.person().email());
        }
        if (grant.person().preferredUsername() != null) {
            claims.claim("preferred_username", grant.person().preferredUsername());
        }
        if (grant.nonce() != null) {
            claims.claim("nonce", grant.nonce());
        }
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .type(JOSEObjectType.JWT)
                            .build(),
                    claims.build());
            jwt.sign(new RSASSASigner(key));
            lastIdToken = jwt.serialize();
            return lastIdToken;
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an ID token", e);
        }
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            values.put(
                    URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return values;
    }

    private static void send(HttpExchange exchange, int status, String type, String body) {
        try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses the query of {@code uri} as a form. */
    static Map<String, String> query(URI uri) {
        return form(uri.getRawQuery());
    }

    /** Parses {@code text} (e.g. what follows '?' in a fragment) as a form. */
    static Map<String, String> parameters(String text) {
        return form(text);
    }

    private record Person(String subject, String email, boolean emailVerified, String name, String preferredUsername) {}

    private record Grant(Person person, String nonce, String redirectUri) {}
}
