package org.alima.portal.api.vocabularies;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.alima.portal.indexer.vocabulary.HealthTopic;
import org.alima.portal.indexer.vocabulary.Term;

/**
 * {@code GET /api/vocabularies}: every controlled vocabulary with its codes and French and English labels, so that
 * a web page or a script shows them without keeping a copy. Public; the same for every reader, and it changes only
 * with a release, so it is cacheable for a day and revalidated by its entity tag. Stateless and thread-safe.
 */
@Controller("/api/vocabularies")
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "documents")
class VocabularyController {

    static final Vocabularies ALL = vocabularies();

    /** Changes whenever a code or a label does: a hash of every one of them. */
    static final String ETAG = etag();

    /** A term as the API gives it. */
    @Serdeable
    record Entry(String code, Label label) {}

    @Serdeable
    record Label(String fr, String en) {}

    /**
     * Every vocabulary, keyed as the search filters are.
     *
     * @param sources where the labels of a vocabulary come from and under which licence, for those that are not the
     *     portal's own
     */
    @Serdeable
    record Vocabularies(
            List<Entry> design,
            List<Entry> health,
            List<Entry> population,
            List<Entry> setting,
            List<Entry> intervention,
            Map<String, String> sources) {}

    @Operation(
            summary = "List the controlled vocabularies (study design, health topic, population, setting,"
                    + " intervention type) with their codes and French and English labels")
    @Get
    HttpResponse<Vocabularies> list(@Header(HttpHeaders.IF_NONE_MATCH) @Nullable String ifNoneMatch) {
        if (ifNoneMatch != null && matches(ifNoneMatch)) {
            return HttpResponse.<Vocabularies>status(HttpStatus.NOT_MODIFIED)
                    .header(HttpHeaders.ETAG, ETAG)
                    .header(HttpHeaders.CACHE_CONTROL, CACHE);
        }
        return HttpResponse.ok(ALL).header(HttpHeaders.ETAG, ETAG).header(HttpHeaders.CACHE_CONTROL, CACHE);
    }

    private static final String CACHE = "public, max-age=86400";

    private static boolean matches(String ifNoneMatch) {
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || tag.equals(ETAG) || tag.equals("W/" + ETAG)) {
                return true;
            }
        }
        return false;
    }

    private static Vocabularies vocabularies() {
        return new Vocabularies(
                entries(Vocabulary.DESIGN),
                entries(Vocabulary.HEALTH),
                entries(Vocabulary.POPULATION),
                entries(Vocabulary.SETTING),
                entries(Vocabulary.INTERVENTION),
                Map.of(Vocabulary.HEALTH.key(), HealthTopic.SOURCE));
    }

    private static List<Entry> entries(Vocabulary vocabulary) {
        return vocabulary.terms().stream()
                .map(t -> new Entry(t.code(), new Label(t.label("fr"), t.label("en"))))
                .toList();
    }

    private static String etag() {
        StringBuilder all = new StringBuilder();
        for (Vocabulary vocabulary : Vocabulary.values()) {
            all.append(vocabulary.key()).append('\n');
            for (Term term : vocabulary.terms()) {
                all.append(term.code())
                        .append('\t')
                        .append(term.label("fr"))
                        .append('\t')
                        .append(term.label("en"));
                all.append('\n');
            }
        }
        all.append(HealthTopic.SOURCE);
        try {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256").digest(all.toString().getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(hash, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
