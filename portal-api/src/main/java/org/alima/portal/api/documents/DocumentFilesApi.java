package org.alima.portal.api.documents;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import java.io.IOException;
import java.util.UUID;
import org.alima.portal.api.access.Viewer;

/**
 * The HTTP contract of a document's file, under {@code /api/documents}: {@link DocumentFileController} implements it.
 * The answer is the file's bytes, a 304 or a 416 problem, so tests read it raw, bytes and headers.
 */
interface DocumentFilesApi {

    @Get(value = "/{id}/file", produces = MediaType.ALL)
    HttpResponse<?> file(
            @PathVariable UUID id,
            @QueryValue(defaultValue = "false") boolean inline,
            @Header(HttpHeaders.IF_NONE_MATCH) @Nullable String ifNoneMatch,
            @Header(HttpHeaders.RANGE) @Nullable String range,
            @Header(HttpHeaders.IF_RANGE) @Nullable String ifRange,
            Viewer viewer)
            throws IOException;
}
