package org.alima.portal.api.documents;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.tree.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.UUID;
import org.alima.portal.api.access.Viewer;

/**
 * The HTTP contract of documents, under {@code /api/documents}: listing, reading, editing, the workflow, deletion,
 * citations and processing, with their parameters, bounds and answers. {@link DocumentController} implements it and
 * tests call it through a declarative client. The two multipart routes (upload, new version) are declared on the
 * controller: what the server receives (a part on disk) is not what a client sends (a multipart body).
 */
interface DocumentsApi {

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
            @QueryValue
                    @Nullable
                    @Pattern(
                            regexp = DocumentStatus.PATTERN,
                            message = "must be draft, submitted, published or withdrawn")
                    String status,
            @QueryValue
                    @Nullable
                    @Pattern(
                            regexp = "queued|extracting|extracted|indexed|failed",
                            message = "must be queued, extracting, extracted, indexed or failed")
                    String processing,
            @QueryValue(defaultValue = "false") boolean mine,
            @QueryValue @Nullable @Pattern(regexp = "overdue", message = "must be overdue") String reviewDue,
            @QueryValue(defaultValue = "1")
                    @Min(value = 1, message = "must be 1 or more (pages count from 1)")
                    @Max(value = 100_000, message = "must be at most 100000; narrow the list with filters")
                    int page,
            @QueryValue(defaultValue = "20")
                    @Min(value = 1, message = "must be at least 1")
                    @Max(
                            value = DocumentController.MAX_PAGE_SIZE,
                            message = "must be at most " + DocumentController.MAX_PAGE_SIZE + ", the largest page size")
                    int size,
            Viewer viewer);

    @Get("/{id}")
    DocumentResponse get(@PathVariable UUID id, Viewer viewer);

    @Put(value = "/{id}", consumes = MediaType.APPLICATION_JSON)
    DocumentResponse replace(@PathVariable UUID id, @Body JsonNode body, Viewer viewer);

    @Patch(value = "/{id}", consumes = MediaType.APPLICATION_JSON)
    DocumentResponse patch(@PathVariable UUID id, @Body JsonNode body, Viewer viewer);

    @Post("/{id}/submit")
    DocumentResponse submit(@PathVariable UUID id, Viewer viewer);

    @Post("/{id}/publish")
    DocumentResponse publish(@PathVariable UUID id, Viewer viewer);

    @Post(value = "/{id}/return", consumes = MediaType.APPLICATION_JSON)
    DocumentResponse returnToOwner(@PathVariable UUID id, @Valid @Body ReturnRequest request, Viewer viewer);

    @Post(value = "/{id}/withdraw", consumes = MediaType.APPLICATION_JSON)
    DocumentResponse withdraw(@PathVariable UUID id, @Valid @Body WithdrawRequest request, Viewer viewer);

    @Post("/{id}/retry")
    DocumentResponse retry(@PathVariable UUID id, Viewer viewer);

    @Delete("/{id}")
    HttpResponse<Void> delete(@PathVariable UUID id, Viewer viewer);

    @Get(value = "/{id}/citation", produces = MediaType.ALL)
    HttpResponse<String> citation(
            @PathVariable UUID id, @QueryValue(defaultValue = "bibtex") String format, Viewer viewer);

    @Get("/{id}/status")
    ProcessingStatus status(@PathVariable UUID id, Viewer viewer);
}
