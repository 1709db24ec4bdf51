package org.alima.portal.api.imports;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.access.Viewer.Role;
import org.alima.portal.api.system.InvalidInputException;
import org.alima.portal.api.system.NotFoundException;

/**
 * Imports for scripts: {@code POST /api/imports} with a ZIP of files ({@code file}) and an optional metadata file
 * ({@code metadata}, CSV or JSON Lines, as for {@code ./portal import}), answered 202 with the import's id; {@code GET
 * /api/imports/{id}} follows it. Seen by the account that sent it and by administrators only.
 */
@Controller(ImportController.BASE)
@Requires(beans = ImportJobs.class)
@Tag(name = "imports")
@ExecuteOn(TaskExecutors.BLOCKING)
class ImportController {

    static final String BASE = "/api/imports";

    /** Largest metadata file: a line per file, a few hundred bytes each. */
    static final int MAX_METADATA_BYTES = 16 * 1024 * 1024;

    private final ImportJobs jobs;
    private final ImportRuns runs;

    ImportController(ImportJobs jobs, ImportRuns runs) {
        this.jobs = jobs;
        this.runs = runs;
    }

    @Operation(summary = "Import a ZIP of files with their metadata, in the background")
    @Secured("contributor")
    @Post(consumes = MediaType.MULTIPART_FORM_DATA, produces = MediaType.APPLICATION_JSON)
    HttpResponse<ImportAccepted> start(
            CompletedFileUpload file,
            @Part("metadata") @Nullable CompletedFileUpload metadata,
            @Part("status") @Nullable String status,
            @Part("collection") @Nullable String collection,
            Viewer viewer)
            throws IOException {
        String metadataText = null;
        String metadataName = null;
        if (metadata != null) {
            metadataName = metadata.getFilename();
            try (InputStream in = metadata.getInputStream()) {
                byte[] bytes = in.readNBytes(MAX_METADATA_BYTES + 1);
                if (bytes.length > MAX_METADATA_BYTES) {
                    throw InvalidInputException.of(
                            "metadata", "must be at most " + MAX_METADATA_BYTES / (1024 * 1024) + " MB");
                }
                metadataText = new String(bytes, StandardCharsets.UTF_8);
            }
        }
        UUID id;
        try (InputStream zip = file.getInputStream()) {
            id = jobs.submit(viewer, zip, metadataText, metadataName, status, blankToNull(collection));
        }
        String url = BASE + "/" + id;
        return HttpResponse.accepted(URI.create(url)).body(new ImportAccepted(id.toString(), "running", url));
    }

    @Operation(summary = "Follow an import: its state, its counts and every line's outcome")
    @Secured("contributor")
    @Get(value = "/{id}", produces = MediaType.APPLICATION_JSON)
    ImportResponse get(@PathVariable UUID id, Viewer viewer) {
        ImportRuns.Run run = runs.find(id)
                .filter(found -> viewer.is(found.accountId()) || viewer.isAtLeast(Role.ADMIN))
                .orElseThrow(() ->
                        new NotFoundException("No import " + id + "; give the id that POST " + BASE + " answered"));
        List<ImportRuns.RecordedLine> lines = runs.lines(id);
        long imported = count(lines, FileOutcome.Outcome.IMPORTED);
        long skipped = count(lines, FileOutcome.Outcome.SKIPPED_DUPLICATE);
        long failed = count(lines, FileOutcome.Outcome.FAILED);
        return new ImportResponse(
                id.toString(),
                run.state(),
                run.error(),
                run.total(),
                new Counts(imported, skipped, failed),
                lines.stream()
                        .map(line -> new LineResponse(
                                line.line(),
                                line.path(),
                                line.outcome().outcome().value(),
                                line.outcome().failure() == null
                                        ? null
                                        : line.outcome().failure().label(),
                                line.outcome().reason(),
                                line.outcome().documentId() == null
                                        ? null
                                        : line.outcome().documentId().toString()))
                        .toList(),
                run.createdAt(),
                run.finishedAt());
    }

    private static long count(List<ImportRuns.RecordedLine> lines, FileOutcome.Outcome outcome) {
        return lines.stream()
                .filter(line -> line.outcome().outcome() == outcome)
                .count();
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The answer to an import sent: follow it at {@code statusUrl}. */
    @Serdeable
    record ImportAccepted(String id, String state, String statusUrl) {}

    /**
     * An import as its sender follows it.
     *
     * @param state running, done, interrupted (the portal stopped under it) or failed (as a whole: {@code error})
     * @param total the lines planned: the files of the ZIP and the rows that name no file in it
     */
    @Serdeable
    record ImportResponse(
            String id,
            String state,
            @Nullable String error,
            @Nullable Integer total,
            Counts counts,
            List<LineResponse> lines,
            Instant createdAt,
            @Nullable Instant finishedAt) {}

    @Serdeable
    record Counts(long imported, long skippedDuplicate, long failed) {}

    /**
     * @param failure the kind of failure (bad metadata, file missing, file refused, status refused, other)
     */
    @Serdeable
    record LineResponse(
            @Nullable Integer line,
            String path,
            String outcome,
            @Nullable String failure,
            @Nullable String reason,
            @Nullable String documentId) {}
}
