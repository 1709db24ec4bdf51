package org.alima.portal.api.landing;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * FAIR Signposting on a document's file: {@code Link: <landing page>; rel="collection"}, so that a client holding only
 * the file's address finds the page that describes it. A filter, so that the file endpoint (the documents feature's)
 * keeps no knowledge of the public pages.
 */
@ServerFilter("/api/documents/*/file")
final class FileSignposting {

    private static final Pattern FILE = Pattern.compile("/api/documents/([0-9a-fA-F-]{36})/file");

    private final SiteAddress site;

    FileSignposting(SiteAddress site) {
        this.site = site;
    }

    @ResponseFilter
    void signpost(HttpRequest<?> request, MutableHttpResponse<?> response) {
        Matcher file = FILE.matcher(request.getPath());
        int status = response.code();
        if (file.matches() && (status < 400 || status == 410)) {
            response.getHeaders()
                    .add(
                            HttpHeaders.LINK,
                            "<" + site.of(request, DocumentHead.landingPath(file.group(1)))
                                    + ">; rel=\"collection\"; type=\"text/html\"");
        }
    }
}
