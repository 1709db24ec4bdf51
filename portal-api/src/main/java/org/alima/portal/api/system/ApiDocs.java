package org.alima.portal.api.system;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;

/**
 * Points {@code /api/docs} at the Swagger UI generated into the jar at build time (served from {@code /swagger-ui/},
 * the spec from {@code /api/openapi/portal-api.yml}); stateless.
 */
@Controller("/api/docs")
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
final class ApiDocs {

    @Get
    HttpResponse<Void> docs() {
        return HttpResponse.seeOther(URI.create("/swagger-ui/index.html"));
    }
}
