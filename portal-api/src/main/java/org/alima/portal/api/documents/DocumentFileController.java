package org.alima.portal.api.documents;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.files.StoredFile;
import org.alima.portal.api.system.Problem;
import org.alima.portal.indexer.extract.Format;

/**
 * Serves a document's stored file ({@link DocumentFilesApi}): downloads and inline PDFs, single byte ranges, entity tags, and the headers that
 * keep an uploaded file from running as a page of the portal. Stateless and thread-safe; reads run on the blocking
 * executor.
 */
@Controller(DocumentController.BASE)
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "documents")
@ExecuteOn(TaskExecutors.BLOCKING)
class DocumentFileController implements DocumentFilesApi {

    private final DocumentRepository documents;
    private final StoredFiles storedFiles;

    DocumentFileController(DocumentRepository documents, StoredFiles storedFiles) {
        this.documents = documents;
        this.storedFiles = storedFiles;
    }

    /**
     * Downloads the stored file, as an attachment; with {@code inline=true}, a PDF is shown by the browser's PDF
     * viewer instead, so that a search hit's link ({@code …/file?inline=true#page=7}) opens it at its page. Other
     * formats are always attachments. Supports {@code If-None-Match} (the ETag is the file's SHA-256) and a single
     * byte {@code Range}.
     */
    @Operation(summary = "Download a document's file")
    @Override
    public HttpResponse<?> file(
            UUID id,
            boolean inline,
            @Nullable String ifNoneMatch,
            @Nullable String range,
            @Nullable String ifRange,
            Viewer viewer)
            throws IOException {
        Document document = documents.visible(id, viewer);
        if (!document.isFileServedTo(viewer)) {
            throw new FileWithdrawnException(id, document.withdrawnReason());
        }
        StoredFile stored = storedFiles.ofDocument(id).orElseThrow(() -> Document.notFound(id));
        Headers headers = new Headers(stored, inline && stored.format() == Format.PDF);
        String etag = headers.etag();
        if (ifNoneMatch != null && EntityTags.matches(ifNoneMatch, etag)) {
            return headers.on(HttpResponse.status(HttpStatus.NOT_MODIFIED));
        }
        Path path = stored.path();
        MediaType type = MediaType.of(stored.contentType());
        Optional<ByteRange> slice;
        try {
            // A range is for the version the client already holds part of: If-Range names it.
            slice = ifRange == null || ifRange.strip().equals(etag)
                    ? ByteRange.parse(range, stored.size())
                    : Optional.empty();
        } catch (ByteRange.Unsatisfiable unsatisfiable) {
            return headers.on(HttpResponse.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE))
                    .header(HttpHeaders.CONTENT_RANGE, "bytes */" + stored.size())
                    .contentType(Problem.MEDIA_TYPE)
                    .body(Problem.of(
                            416,
                            "range-not-satisfiable",
                            "Range not satisfiable",
                            "The file has " + stored.size() + " bytes; ask for a range that starts before its end."));
        }
        if (slice.isPresent()) {
            ByteRange r = slice.get();
            return headers.on(HttpResponse.status(HttpStatus.PARTIAL_CONTENT))
                    .header(HttpHeaders.CONTENT_RANGE, r.contentRange(stored.size()))
                    .body(new StreamedFile(new FileSlice(path, r), type, 0, r.length()));
        }
        return headers.on(HttpResponse.ok()).body(new StreamedFile(Files.newInputStream(path), type, 0, stored.size()));
    }

    /**
     * The headers of a stored file's answers.
     *
     * <p>An attachment carries a sandboxing CSP: should a browser render it anyway, an uploaded HTML file runs no
     * script and loads nothing. A PDF shown inline cannot: Chrome and Safari refuse to run their PDF viewer in a
     * sandboxed document (whatever {@code allow-*} tokens are added), and Chrome's viewer page breaks under {@code
     * default-src 'none'}. It is safe without: only bytes that start with {@code %PDF-} were stored as PDF, they are
     * always sent as {@code application/pdf} with {@code nosniff}, so a browser shows them with its PDF viewer or not
     * at all (never as HTML of the portal's origin), and browsers run a PDF's own scripts, if at all, inside their
     * viewer, apart from the origin that served it.
     */
    private record Headers(StoredFile stored, boolean inline) {

        String etag() {
            return "\"" + stored.sha256() + "\"";
        }

        <T> MutableHttpResponse<T> on(MutableHttpResponse<T> response) {
            response.header(HttpHeaders.ETAG, etag())
                    .header(HttpHeaders.ACCEPT_RANGES, "bytes")
                    .header(
                            HttpHeaders.CONTENT_DISPOSITION,
                            inline
                                    ? ContentDisposition.inline(stored.name().value())
                                    : ContentDisposition.attachment(
                                            stored.name().value()))
                    .header("X-Content-Type-Options", "nosniff")
                    .header(HttpHeaders.CACHE_CONTROL, "no-cache");
            if (!inline) {
                response.header("Content-Security-Policy", "sandbox; default-src 'none'");
            }
            return response;
        }
    }
}
