package org.alima.portal.api.oai;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.alima.portal.api.system.ClientAddresses;

/**
 * OAI-PMH 2.0 at {@code /oai}, by GET (arguments in the query) and by POST (the same, form-encoded), for harvesters
 * such as BASE, CORE and OpenAIRE. Every answer is XML with HTTP 200, errors included, as the protocol says. Stateless
 * and thread-safe; database work runs on the blocking executor.
 */
@Controller(OaiController.PATH)
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "oai-pmh")
@ExecuteOn(TaskExecutors.BLOCKING)
class OaiController {

    static final String PATH = "/oai";

    private static final String XML = "text/xml;charset=UTF-8";

    private final OaiProvider provider;
    private final OaiSettings settings;
    private final ClientAddresses clients;

    OaiController(OaiProvider provider, OaiSettings settings, ClientAddresses clients) {
        this.provider = provider;
        this.settings = settings;
        this.clients = clients;
    }

    @Operation(summary = "OAI-PMH 2.0 request (verb and arguments in the query)")
    @Get(produces = XML)
    HttpResponse<String> get(HttpRequest<?> request) {
        return answer(request, request.getParameters().asMap());
    }

    @Operation(summary = "OAI-PMH 2.0 request (verb and arguments form-encoded)")
    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = XML)
    HttpResponse<String> post(HttpRequest<?> request, @Body String form) {
        return answer(request, new QueryStringDecoder(form, StandardCharsets.UTF_8, false).parameters());
    }

    private HttpResponse<String> answer(HttpRequest<?> request, Map<String, List<String>> arguments) {
        return HttpResponse.ok(provider.answer(arguments, baseUrl(request))).contentType(XML);
    }

    /** The configured base URL, else the address this request was sent to. */
    private String baseUrl(HttpRequest<?> request) {
        if (settings.baseUrl() != null && !settings.baseUrl().isBlank()) {
            return settings.baseUrl();
        }
        String host = request.getHeaders().get(HttpHeaders.HOST);
        return (clients.isHttps(request) ? "https" : "http") + "://" + (host == null ? "localhost" : host) + PATH;
    }
}
