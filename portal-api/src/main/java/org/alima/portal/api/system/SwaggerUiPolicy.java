package org.alima.portal.api.system;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Content-Security-Policy of Swagger UI's page: the portal's page policy, plus the page's own inline script
 * allowed by its hash, computed from the page the build generated (so that a new Micronaut OpenAPI version cannot
 * silently break it), and the {@code data:} images Swagger UI's styles use. Immutable.
 */
@Singleton
final class SwaggerUiPolicy {

    static final String PATH = "/swagger-ui/";
    private static final String PAGE = "META-INF/swagger/views/swagger-ui/index.html";
    private static final Pattern INLINE_SCRIPT =
            Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

    private final String policy;

    SwaggerUiPolicy() {
        StringBuilder hashes = new StringBuilder();
        try (InputStream page = SwaggerUiPolicy.class.getClassLoader().getResourceAsStream(PAGE)) {
            if (page != null) {
                Matcher script = INLINE_SCRIPT.matcher(new String(page.readAllBytes(), StandardCharsets.UTF_8));
                while (script.find()) {
                    hashes.append(" 'sha256-").append(sha256(script.group(1))).append('\'');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read Swagger UI's page " + PAGE, e);
        }
        this.policy = "default-src 'self'; script-src 'self'" + hashes + "; img-src 'self' data:; object-src 'none';"
                + " base-uri 'none'; frame-ancestors 'none'";
    }

    String policy() {
        return policy;
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
