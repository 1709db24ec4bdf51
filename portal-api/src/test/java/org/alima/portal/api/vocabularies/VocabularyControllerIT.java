package org.alima.portal.api.vocabularies;

import static org.alima.portal.api.Api.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.http.HttpResponse;
import org.alima.portal.api.PortalTest;
import org.junit.jupiter.api.Test;

/** {@code GET /api/vocabularies} over real HTTP, for a reader who is not signed in. */
@MicronautTest
class VocabularyControllerIT extends PortalTest {

    @Test
    void givesEveryVocabularyWithCodesAndBothLabelsToAnyone() {
        HttpResponse<String> response = anonymous.get("/api/vocabularies");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = read(response);
        assertThat(body.at("/design/1/code").asText()).isEqualTo("randomised_trial");
        assertThat(body.at("/design/1/label/fr").asText()).isEqualTo("Essai randomisé");
        assertThat(body.at("/health/0/code").asText()).isEqualTo("infectious");
        assertThat(body.at("/health/0/label/en").asText()).isEqualTo("Certain infectious or parasitic diseases");
        assertThat(body.at("/population").size())
                .isEqualTo(Vocabulary.POPULATION.terms().size());
        assertThat(body.at("/setting/0/label/fr").asText()).isEqualTo("Camp de réfugiés ou de déplacés");
        assertThat(body.at("/intervention/0/label/en").asText()).isEqualTo("Vaccination");
        assertThat(body.at("/sources/health").asText()).contains("ICD-11", "CC BY-ND 3.0 IGO", "https://icd.who.int");
    }

    @Test
    void isCacheableAndRevalidatedByItsEntityTag() {
        HttpResponse<String> first = anonymous.get("/api/vocabularies");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(first.headers().firstValue("Cache-Control").orElseThrow()).contains("public", "max-age=");

        HttpResponse<String> again = anonymous.get("/api/vocabularies", "If-None-Match", etag);

        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(anonymous
                        .get("/api/vocabularies", "If-None-Match", "\"other\"")
                        .statusCode())
                .isEqualTo(200);
    }
}
