package org.alima.portal.api.documents;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.http.multipart.CompletedPart;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.collections.DocumentCollections;
import org.alima.portal.api.indexing.OcrReadings;
import org.alima.portal.api.system.InvalidInputException;

/**
 * The documents area of the API: upload, list, read, edit, move through the workflow (submit, publish, return,
 * withdraw), new versions, delete, cite, follow processing ({@link DocumentsApi}, and the two uploads here);
 * {@link DocumentFileController} serves the files. Stateless
 * and thread-safe; blocking work (disk, database) runs on the blocking executor.
 *
 * <p>Every endpoint starts from the {@link Viewer} the request carries, and answers 404 for a document that viewer may
 * not see, exactly as for an unknown id; what they may do with one they see is decided by {@link Document}.
 */
@Controller(DocumentController.BASE)
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "documents")
@ExecuteOn(TaskExecutors.BLOCKING)
class DocumentController implements DocumentsApi {

    static final String BASE = "/api/documents";
    static final int MAX_PAGE_SIZE = 100;

    /** Deepest listing: page × size, as search allows; deeper, a caller narrows the list with filters. */
    static final int MAX_DEPTH = 10_000;

    /**
     * Largest {@code metadata} part: a description with a long abstract is a few KB. Read from the part, which the
     * server keeps on disk beyond 16 KB, never whole into memory.
     */
    static final int MAX_METADATA_BYTES = 64 * 1024;

    private final DocumentRepository documents;
    private final DocumentWorkflow workflow;
    private final Citation citation;
    private final MetadataJson metadataJson;
    private final DocumentCollections collections;
    private final OcrReadings ocr;
    private final Translations translations;

    DocumentController(
            DocumentRepository documents,
            DocumentWorkflow workflow,
            Citation citation,
            MetadataJson metadataJson,
            DocumentCollections collections,
            OcrReadings ocr,
            Translations translations) {
        this.documents = documents;
        this.workflow = workflow;
        this.citation = citation;
        this.metadataJson = metadataJson;
        this.collections = collections;
        this.ocr = ocr;
        this.translations = translations;
    }

    /**
     * Uploads a document, a draft of the caller: the {@code file} part (PDF, DOCX, HTML, Markdown or UTF-8 text,
     * recognised by its bytes) and an optional {@code metadata} part, a JSON object with the fields of a document, in
     * either order. Fields left out are read from the file when it is processed. The file is stored, its processing
     * queued, and the answer is 202 with where to follow it.
     */
    // The whole part is received (on disk beyond 16 KB) before it is read: Micronaut 4.10.15's streaming reader of a
    // part (StreamingFileUpload.asInputStream) repeated 8 KB chunks of a file sent after the metadata part when the
    // server was busy, silently, in 8 of 30 uploads of a 412 KB PDF (DocumentUploadIT holds the regression).
    // CompletedFileUpload reads the part once Netty has finished it: 0 of 120 corrupted in the same test.
    @Operation(summary = "Upload a document")
    @Secured("contributor")
    @Post(consumes = MediaType.MULTIPART_FORM_DATA, produces = MediaType.APPLICATION_JSON)
    HttpResponse<UploadAccepted> upload(
            CompletedFileUpload file, @Part("metadata") @Nullable CompletedPart metadata, Viewer viewer)
            throws IOException {
        DocumentMetadata meta = metadataJson.part(text(metadata), "metadata");
        try (InputStream content = file.getInputStream()) {
            return accepted(workflow.upload(viewer, meta, content, file.getFilename()));
        }
    }

    /**
     * Uploads a new version of a published or withdrawn document, as an upload (multipart {@code file} and optional
     * {@code metadata}): a draft of the caller that supersedes the document once published. Metadata left out is
     * copied from the document. Its owner or a curator; one new version at a time.
     */
    @Operation(summary = "Upload a new version of a document")
    @Secured("contributor")
    @Post(value = "/{id}/versions", consumes = MediaType.MULTIPART_FORM_DATA, produces = MediaType.APPLICATION_JSON)
    HttpResponse<UploadAccepted> newVersion(
            @PathVariable UUID id,
            CompletedFileUpload file,
            @Part("metadata") @Nullable CompletedPart metadata,
            Viewer viewer)
            throws IOException {
        DocumentMetadata given = metadataJson.part(text(metadata), "metadata");
        try (InputStream content = file.getInputStream()) {
            return accepted(workflow.newVersion(viewer, id, given, content, file.getFilename()));
        }
    }

    /**
     * Lists the documents the caller may see, newest publication (or upload) first, filtered by type, language,
     * country, publication year, {@code status} ({@code submitted}: the review queue), {@code processing} ({@code
     * failed}: extraction failures), {@code mine=true} (the caller's own) and {@code reviewDue=overdue} (published
     * operating procedures whose review date has passed).
     */
    @Operation(summary = "List documents")
    @Override
    public DocumentPage list(
            @Nullable String type,
            @Nullable String language,
            @Nullable String country,
            @Nullable Integer year,
            @Nullable String status,
            @Nullable String processing,
            boolean mine,
            @Nullable String reviewDue,
            int page,
            int size,
            Viewer viewer) {
        if ((long) page * size > MAX_DEPTH) {
            throw InvalidInputException.of(
                    "page",
                    "page × size must be at most " + MAX_DEPTH + "; narrow the list with filters (type, language,"
                            + " year, status) to reach older documents");
        }
        if (mine && viewer.isAnonymous()) {
            throw InvalidInputException.of("mine", "lists a signed-in account's own documents; sign in first");
        }
        DocumentFilter filter = new DocumentFilter(
                type, language, country, year, status, processing, mine ? viewer.accountId() : null, reviewDue != null);
        DocumentRepository.Listing found = documents.list(filter, viewer, page, size);
        List<DocumentResponse> items = found.documents().stream()
                .map(document -> response(document, viewer))
                .toList();
        return new DocumentPage(items, page, size, found.total(), (found.total() + size - 1) / size);
    }

    @Operation(summary = "Read a document")
    @Override
    public DocumentResponse get(UUID id, Viewer viewer) {
        return response(documents.visible(id, viewer), viewer);
    }

    /**
     * Replaces the document's metadata with the one given: a field left out is cleared. Its owner while it is a draft,
     * a curator until it is withdrawn. {@code status}, {@code owner} and {@code supersedes} are refused (400): they
     * change through their own endpoints.
     */
    @Operation(summary = "Replace a document's metadata")
    @Secured("contributor")
    @RequestBody(content = @Content(schema = @Schema(implementation = DocumentMetadata.class)))
    @Override
    public DocumentResponse replace(UUID id, JsonNode body, Viewer viewer) {
        DocumentMetadata metadata = metadataJson.body(body);
        return response(workflow.edit(viewer, id, current -> metadata), viewer);
    }

    /** Changes the fields given and keeps the others; a list given empty is emptied. The rules of PUT apply. */
    @Operation(summary = "Change some of a document's metadata")
    @Secured("contributor")
    @RequestBody(content = @Content(schema = @Schema(implementation = DocumentMetadata.class)))
    @Override
    public DocumentResponse patch(UUID id, JsonNode body, Viewer viewer) {
        DocumentMetadata changes = metadataJson.body(body);
        return response(workflow.edit(viewer, id, current -> current.patchedBy(changes)), viewer);
    }

    /** draft → submitted: its owner asks the curators to review and publish it. */
    @Operation(summary = "Submit a draft for review")
    @Secured("contributor")
    @Override
    public DocumentResponse submit(UUID id, Viewer viewer) {
        return response(workflow.submit(viewer, id), viewer);
    }

    /** submitted (or draft) → published: a curator makes it visible to everyone. */
    @Operation(summary = "Publish a document")
    @Secured("contributor")
    @Override
    public DocumentResponse publish(UUID id, Viewer viewer) {
        return response(workflow.publish(viewer, id), viewer);
    }

    /** submitted → draft: a curator returns it to its owner with a comment, shown to the owner until publication. */
    @Operation(summary = "Return a submitted document to its owner")
    @Secured("contributor")
    @Override
    public DocumentResponse returnToOwner(UUID id, ReturnRequest request, Viewer viewer) {
        return response(workflow.returnToOwner(viewer, id, request.comment()), viewer);
    }

    /**
     * published → withdrawn: its page stays readable with the reason given, its file is no longer served to readers,
     * search drops it. Its owner or a curator.
     */
    @Operation(summary = "Withdraw a document")
    @Secured("contributor")
    @Override
    public DocumentResponse withdraw(UUID id, WithdrawRequest request, Viewer viewer) {
        return response(workflow.withdraw(viewer, id, request.reason()), viewer);
    }

    /** Queues the failed processing of the document's file again (after a fix on the server, or a passing fault). */
    @Operation(summary = "Retry a failed processing")
    @Secured("contributor")
    @Override
    public DocumentResponse retry(UUID id, Viewer viewer) {
        return response(workflow.retry(viewer, id), viewer);
    }

    /** Deletes a document, its stored file and its pending work, for good: its owner while a draft, or an admin. */
    @Operation(summary = "Delete a document")
    @Secured("contributor")
    @Override
    public HttpResponse<Void> delete(UUID id, Viewer viewer) {
        workflow.delete(viewer, id);
        return HttpResponse.noContent();
    }

    /** The document's citation in {@code bibtex}, {@code ris} or {@code csl-json}. */
    @Operation(summary = "Cite a document")
    @Override
    public HttpResponse<String> citation(UUID id, String format, Viewer viewer) {
        CitationFormat chosen = CitationFormat.of(format)
                .orElseThrow(() -> InvalidInputException.of("format", "must be one of " + CitationFormat.NAMES));
        Document document = documents.visible(id, viewer);
        // The request's own address names the permanent page (the proxy's, or PORTAL_PUBLIC_URL, when set).
        String url = ServerRequestContext.currentRequest()
                .map(request -> citation.permanentAddress(request, document))
                .orElse(null);
        return HttpResponse.ok(citation.write(document, chosen, url))
                .contentType(chosen.mediaType())
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + id + "." + chosen.extension() + "\"");
    }

    /** Where the background processing of the document's file stands. */
    @Operation(summary = "Follow a document's processing")
    @Override
    public ProcessingStatus status(UUID id, Viewer viewer) {
        documents.visible(id, viewer);
        return documents.status(id).orElseThrow(() -> Document.notFound(id));
    }

    /** The text of the {@code metadata} part, read up to its bound; null when absent. */
    private static @Nullable String text(@Nullable CompletedPart part) throws IOException {
        if (part == null) {
            return null;
        }
        try (InputStream in = part.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_METADATA_BYTES + 1);
            if (bytes.length > MAX_METADATA_BYTES) {
                throw new PartTooLargeException("metadata", MAX_METADATA_BYTES);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static HttpResponse<UploadAccepted> accepted(UUID id) {
        String statusUrl = BASE + "/" + id + "/status";
        return HttpResponse.accepted(URI.create(BASE + "/" + id))
                .body(new UploadAccepted(id.toString(), "queued", statusUrl));
    }

    /**
     * The answer to an upload or a new version: the file is stored and its processing queued. Immutable.
     *
     * @param status the processing status, {@code queued} at first; follow it at {@code statusUrl}
     */
    @Serdeable
    record UploadAccepted(String id, String status, String statusUrl) {}

    /** The document as {@code viewer} sees it, with the collections it belongs to that the viewer may know of. */
    private DocumentResponse response(Document document, Viewer viewer) {
        return DocumentResponse.of(
                document,
                viewer,
                collections.collectionsOf(document.id(), viewer),
                ocr.ofDocument(document.id()).orElse(null),
                translations.of(document, viewer));
    }
}
