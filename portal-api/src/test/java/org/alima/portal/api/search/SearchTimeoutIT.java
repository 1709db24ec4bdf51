package org.alima.portal.api.search;

import static org.alima.portal.api.Api.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalTest;
import org.junit.jupiter.api.Test;

/** Searches given no time at all: every one runs past its limit. */
@MicronautTest
@Property(name = "portal.search.time-limit", value = "1ns")
class SearchTimeoutIT extends PortalTest {

    @Test
    void answers503SearchTimeoutWithRetryAfterAndAdviceWhenASearchRunsPastItsLimit() {
        String word = Api.uniqueWord();
        api.awaitIndexed(api.uploadAccepted("notes.txt", ("notes " + word).getBytes(StandardCharsets.UTF_8), null));

        HttpResponse<String> response = api.get("/api/search?facets=false&q=" + word);

        JsonNode problem = assertProblem(response, 503, "search-timeout");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(problem.get("detail").asText()).contains("fewer or more specific words");
    }
}
