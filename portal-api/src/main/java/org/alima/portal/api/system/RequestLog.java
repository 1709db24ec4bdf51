package org.alima.portal.api.system;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one line per request that an operator can grep ({@code GET /api/documents 200 12ms id=...}) and gives each
 * request an id, returned as {@code X-Request-Id} and quoted in 500 problems; stateless and thread-safe.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class RequestLog implements Ordered {

    static final String REQUEST_ID_HEADER = "X-Request-Id";
    private static final String ID = RequestLog.class.getName() + ".id";
    private static final String STARTED = RequestLog.class.getName() + ".started";
    private static final Logger LOG = LoggerFactory.getLogger("org.alima.portal.api.requests");

    /** The id of a request seen by this filter; a fresh one for a request that bypassed it. */
    static String idOf(HttpRequest<?> request) {
        return request.getAttribute(ID, String.class).orElseGet(RequestLog::newId);
    }

    @RequestFilter
    void start(HttpRequest<?> request) {
        request.setAttribute(STARTED, System.nanoTime());
        request.setAttribute(ID, newId());
    }

    @ResponseFilter
    void log(HttpRequest<?> request, MutableHttpResponse<?> response) {
        long started = request.getAttribute(STARTED, Long.class).orElse(System.nanoTime());
        String id = idOf(request);
        response.header(REQUEST_ID_HEADER, id);
        // The raw (still percent-encoded) path: a decoded one could carry line breaks into the log.
        LOG.info(
                "{} {} {} {}ms id={}",
                request.getMethodName(),
                request.getUri().getRawPath(),
                response.code(),
                (System.nanoTime() - started) / 1_000_000,
                id);
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }

    private static String newId() {
        return UUID.randomUUID().toString().substring(0, 13).replace("-", "");
    }
}
