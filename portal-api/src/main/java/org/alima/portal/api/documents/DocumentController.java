package org.alima.portal.api.documents;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.alima.portal.api.files.FileStore;
import org.alima.portal.api.files.SafeFileName;
import org.alima.portal.api.files.StoredFile;
import org.alima.portal.api.files.StoredFiles;
import org.alima.portal.api.files.StoredMediaType;
import org.alima.portal.api.system.InvalidInputException;
import org.alima.portal.api.system.MalformedJsonException;
import org.alima.portal.api.system.NotFoundException;
import org.alima.portal.api.system.Problem;

/**
 * The documents area of the API: upload, list, read, edit, withdraw, delete, download, cite, follow processing.
 * Stateless and thread-safe; blocking work (disk, database) runs on the blocking executor.
 */
@Controller(DocumentController.BASE)
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "documents")
@ExecuteOn(TaskExecutors.BLOCKING)
class DocumentController {

    static final String BASE = "/api/documents";
    static final int MAX_PAGE_SIZE = 100;

    private final DocumentRepository documents;
    private final FileStore files;
    private final StoredFiles storedFiles;
    private final Citation citation;
    private final JsonMapper json;
    private final Validator validator;

    DocumentController(
            DocumentRepository documents,
            FileStore files,
            StoredFiles storedFiles,
            Citation citation,
            JsonMapper json,
            Validator validator) {
        this.documents = documents;
        this.files = files;
        this.storedFiles = storedFiles;
        this.citation = citation;
        this.json = json;
        this.validator = validator;
    }

    /**
     * Uploads a document: the {@code file} part (PDF, DOCX, HTML, Markdown or UTF-8 text, recognised by its bytes)
     * and an optional {@code metadata} part, a JSON object with the fields of a document, in either order. Fields
     * left out are read from the file when it is processed. The file is stored, its processing queued, and the answer
     * is 202 with where to follow it.
     */
    // The whole part is received (on disk beyond 16 KB) before it is read: Micronaut 4.10.15's streaming reader of a
    // part (StreamingFileUpload.asInputStream) repeated 8 KB chunks of a file sent after the metadata part when the
    // server was busy, silently, in 8 of 30 uploads of a 412 KB PDF (DocumentUploadIT holds the regression).
    // CompletedFileUpload reads the part once Netty has finished it: 0 of 120 corrupted in the same test.
    @Operation(summary = "Upload a document")
    @Secured("contributor")
    @Post(consumes = MediaType.MULTIPART_FORM_DATA, produces = MediaType.APPLICATION_JSON)
    HttpResponse<UploadAccepted> upload(CompletedFileUpload file, @Part("metadata") @Nullable String metadata)
            throws IOException {
        DocumentMetadata meta = metadataPart(metadata);
        SafeFileName name = SafeFileName.of(file.getFilename());
        FileStore.IncomingFile incoming;
        try (InputStream content = file.getInputStream()) {
            incoming = files.receive(content, name);
        }
        UUID id;
        try {
            Optional<UUID> existing = documents.findBySha256(incoming.sha256());
            if (existing.isPresent()) {
                throw new DuplicateFileException(existing.get());
            }
            id = documents.create(meta, incoming, name, files::store);
        } catch (Constraints.SameBytesStoredException raced) {
            throw new DuplicateFileException(documents
                    .findBySha256(incoming.sha256())
                    .orElseThrow(() -> new IllegalStateException("a duplicate vanished", raced)));
        } finally {
            files.discard(incoming);
        }
        String statusUrl = BASE + "/" + id + "/status";
        return HttpResponse.accepted(URI.create(BASE + "/" + id))
                .body(new UploadAccepted(id.toString(), "queued", statusUrl));
    }

    /** Lists documents, newest first, optionally filtered by type, language, country and publication year. */
    @Operation(summary = "List documents")
    @Get
    DocumentPage list(
            @QueryValue
                    @Nullable
                    @Pattern(regexp = DocumentType.PATTERN, message = "must be one of " + DocumentType.NAMES)
                    String type,
            @QueryValue
                    @Nullable
                    @Pattern(regexp = "[a-z]{2}", message = "must be an ISO 639-1 code in lower case, such as fr")
                    String language,
            @QueryValue @Nullable @IsoCountry String country,
            @QueryValue
                    @Nullable
                    @Min(value = 1000, message = "must be a year between 1000 and 9999")
                    @Max(value = 9999, message = "must be a year between 1000 and 9999")
                    Integer year,
            @QueryValue(defaultValue = "1")
                    @Min(value = 1, message = "must be 1 or more (pages count from 1)")
                    @Max(value = 100_000, message = "must be at most 100000; narrow the list with filters")
                    int page,
            @QueryValue(defaultValue = "20")
                    @Min(value = 1, message = "must be at least 1")
                    @Max(
                            value = MAX_PAGE_SIZE,
                            message = "must be at most " + MAX_PAGE_SIZE + ", the largest page size")
                    int size) {
        return documents.list(new DocumentFilter(type, language, country, year), page, size);
    }

    @Operation(summary = "Read a document")
    @Get("/{id}")
    DocumentResponse get(@PathVariable UUID id) {
        return documents.find(id).orElseThrow(() -> notFound(id));
    }

    /** Replaces the document's metadata with the one given: a field left out is cleared (status excepted). */
    @Operation(summary = "Replace a document's metadata")
    @Secured("contributor")
    @Put(value = "/{id}", consumes = MediaType.APPLICATION_JSON)
    DocumentResponse replace(@PathVariable UUID id, @Valid @Body DocumentMetadata metadata) {
        return documents.update(id, current -> metadata).orElseThrow(() -> notFound(id));
    }

    /** Changes the fields given and keeps the others; a list given empty is emptied. */
    @Operation(summary = "Change some of a document's metadata")
    @Secured("contributor")
    @Patch(value = "/{id}", consumes = MediaType.APPLICATION_JSON)
    DocumentResponse patch(@PathVariable UUID id, @Valid @Body DocumentMetadata changes) {
        return documents.update(id, current -> current.patchedBy(changes)).orElseThrow(() -> notFound(id));
    }

    /** Withdraws a document: it stays readable, marked withdrawn with the reason given, and can no longer change. */
    @Operation(summary = "Withdraw a document")
    @Secured("contributor")
    @Post(value = "/{id}/withdraw", consumes = MediaType.APPLICATION_JSON)
    DocumentResponse withdraw(@PathVariable UUID id, @Valid @Body WithdrawRequest request) {
        return documents.withdraw(id, request.reason()).orElseThrow(() -> notFound(id));
    }

    /** Deletes a document, its stored file and its pending work, for good. */
    @Operation(summary = "Delete a document")
    @Secured("contributor")
    @Delete("/{id}")
    HttpResponse<Void> delete(@PathVariable UUID id) {
        List<String> stored = documents.delete(id).orElseThrow(() -> notFound(id));
        stored.forEach(files::delete);
        return HttpResponse.noContent();
    }

    /**
     * Downloads the stored file, as an attachment; with {@code inline=true}, a PDF is shown by the browser's PDF
     * viewer instead, so that a search hit's link ({@code …/file?inline=true#page=7}) opens it at its page. Other
     * formats are always attachments. Supports {@code If-None-Match} (the ETag is the file's SHA-256) and a single
     * byte {@code Range}.
     */
    @Operation(summary = "Download a document's file")
    @Get(value = "/{id}/file", produces = MediaType.ALL)
    HttpResponse<?> file(
            @PathVariable UUID id,
            @QueryValue(defaultValue = "false") boolean inline,
            @Header(HttpHeaders.IF_NONE_MATCH) @Nullable String ifNoneMatch,
            @Header(HttpHeaders.RANGE) @Nullable String range,
            @Header(HttpHeaders.IF_RANGE) @Nullable String ifRange)
            throws IOException {
        StoredFile stored = storedFiles.ofDocument(id).orElseThrow(() -> notFound(id));
        Headers headers = new Headers(stored, inline && stored.mediaType() == StoredMediaType.PDF);
        String etag = headers.etag();
        if (ifNoneMatch != null && EntityTags.matches(ifNoneMatch, etag)) {
            return headers.on(HttpResponse.status(HttpStatus.NOT_MODIFIED));
        }
        Path path = stored.path();
        MediaType type = MediaType.of(stored.mediaType().contentType());
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

    /** The document's citation in {@code bibtex}, {@code ris} or {@code csl-json}. */
    @Operation(summary = "Cite a document")
    @Get(value = "/{id}/citation", produces = MediaType.ALL)
    HttpResponse<String> citation(@PathVariable UUID id, @QueryValue(defaultValue = "bibtex") String format) {
        CitationFormat chosen = CitationFormat.of(format)
                .orElseThrow(() -> InvalidInputException.of("format", "must be one of " + CitationFormat.NAMES));
        DocumentResponse document = documents.find(id).orElseThrow(() -> notFound(id));
        return HttpResponse.ok(citation.write(document, chosen))
                .contentType(chosen.mediaType())
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + id + "." + chosen.extension() + "\"");
    }

    /** Where the background processing of the document's file stands. */
    @Operation(summary = "Follow a document's processing")
    @Get("/{id}/status")
    ProcessingStatus status(@PathVariable UUID id) {
        return documents.status(id).orElseThrow(() -> notFound(id));
    }

    private DocumentMetadata metadataPart(@Nullable String part) {
        if (part == null || part.isBlank()) {
            return DocumentMetadata.empty();
        }
        DocumentMetadata metadata;
        try {
            metadata = json.readValue(part, DocumentMetadata.class);
        } catch (IOException | RuntimeException e) {
            throw new MalformedJsonException("metadata", e);
        }
        if (metadata == null) {
            return DocumentMetadata.empty();
        }
        Set<ConstraintViolation<DocumentMetadata>> violations = validator.validate(metadata);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return metadata;
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

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("No document has the id " + id + "; list documents at " + BASE + ".");
    }
}
