package org.alima.portal.api.imports;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.accounts.AccountDirectory;
import org.alima.portal.api.files.StorageFullException;
import org.alima.portal.api.system.PortalException;

/**
 * The core of an import, shared by the command line and the API: runs the planned lines one by one through {@link
 * ImportedDocuments} (the same checks, storage and workflow as an upload) and records each line's outcome in the
 * transaction that creates its document. Thread-safe; one run of a given import at a time.
 *
 * <p>Design: the importer writes through the portal's own services against its database, so it works whether the
 * portal runs or not (a running portal's indexing worker picks the queued documents up, a stopped one at its start);
 * it resumes from the lines its database already holds for the import, so that running an interrupted import again
 * continues it and ends as an uninterrupted run would. A kill at any moment leaves no half-imported document: a line's
 * document, its file's row, its index job and its outcome commit together, and a file moved into the content-addressed
 * store before a commit that never came is the very file the next run stores again.
 */
@Singleton
class Importer {

    private final ImportedDocuments documents;
    private final ImportCollections collections;
    private final ImportRuns runs;
    private final JsonMapper json;
    private final AccountDirectory accounts;

    Importer(
            ImportedDocuments documents,
            ImportCollections collections,
            ImportRuns runs,
            JsonMapper json,
            AccountDirectory accounts) {
        this.accounts = accounts;
        this.documents = documents;
        this.collections = collections;
        this.runs = runs;
        this.json = json;
    }

    /** What an import is asked to do, once its lines are planned. */
    record Request(
            Viewer viewer,
            String runKey,
            List<ImportLine> lines,
            ImportStatus status,
            @Nullable String collection,
            int limit) {}

    /** Told of each line once its outcome is recorded. */
    @FunctionalInterface
    interface Progress {
        void lineDone(int done, int total, ImportLine line, FileOutcome outcome, boolean earlier);

        Progress NONE = (done, total, line, outcome, earlier) -> {};
    }

    /** The enabled account that signs in with {@code email}, as who the import acts as. */
    @ReadOnly
    Optional<Viewer> account(String email) {
        return accounts.enabledAccount(email);
    }

    /**
     * Why {@code viewer} may not run the import at all (may not publish, may not add to the collection), or empty.
     * Checked before the first line, so that a refusal costs nothing.
     */
    Optional<String> refusal(Viewer viewer, ImportStatus status, @Nullable String collection) {
        Optional<String> refused = documents.refusal(viewer, status);
        if (refused.isEmpty() && collection != null) {
            refused =
                    collections.refusal(collection, viewer).map(reason -> "--collection " + collection + ": " + reason);
        }
        return refused;
    }

    /**
     * Runs the import, skipping the lines an earlier run of the same key already imported or skipped (failed lines are
     * tried again: a row fixed in the metadata file goes through then).
     *
     * @throws StorageFullException when the disk is full: every further line would fail the same way
     */
    ImportResult run(Request request, Progress progress) {
        UUID run = runs.findOrCreate(
                request.runKey(),
                request.viewer()
                        .account()
                        .orElseThrow(() -> new IllegalArgumentException("an import is made by an account")));
        Map<String, FileOutcome> earlier = runs.done(run);
        runs.started(run, request.lines().size());
        try {
            ImportResult result = runLines(run, request, earlier, progress);
            runs.finished(run, "done", null);
            return result;
        } catch (RuntimeException e) {
            runs.finished(run, "failed", e.getMessage());
            throw e;
        }
    }

    private ImportResult runLines(UUID run, Request request, Map<String, FileOutcome> earlier, Progress progress) {
        List<ImportResult.Line> results = new ArrayList<>();
        int total = request.lines().size();
        int attempted = 0;
        boolean stopped = false;
        for (ImportLine line : request.lines()) {
            FileOutcome done = earlier.get(line.path());
            if (done != null && done.outcome() != FileOutcome.Outcome.FAILED) {
                results.add(new ImportResult.Line(line, done, true));
                progress.lineDone(results.size(), total, line, done, true);
                continue;
            }
            if (attempted >= request.limit()) {
                stopped = true;
                break;
            }
            attempted++;
            FileOutcome outcome = importLine(run, request, line);
            results.add(new ImportResult.Line(line, outcome, false));
            progress.lineDone(results.size(), total, line, outcome, false);
        }
        return new ImportResult(run, results, total, stopped);
    }

    private FileOutcome importLine(UUID run, Request request, ImportLine line) {
        FileOutcome outcome;
        if (line.refused() != null) {
            outcome = line.refused();
        } else {
            outcome = importFile(run, request, line);
            if (outcome.outcome() == FileOutcome.Outcome.IMPORTED) {
                return outcome; // recorded with its document
            }
        }
        runs.record(run, line.path(), line.line(), outcome);
        return outcome;
    }

    private FileOutcome importFile(UUID run, Request request, ImportLine line) {
        String metadata;
        try {
            metadata = json.writeValueAsString(line.metadata());
        } catch (IOException e) {
            throw new UncheckedIOException("metadata of " + line.path() + " could not be written as JSON", e);
        }
        try (InputStream content = Files.newInputStream(line.file())) {
            return documents.importFile(
                    request.viewer(),
                    metadata,
                    content,
                    line.file().getFileName().toString(),
                    request.status(),
                    id -> {
                        if (request.collection() != null) {
                            collections.add(request.collection(), id, request.viewer());
                        }
                        runs.recordInCurrentTransaction(run, line.path(), line.line(), FileOutcome.imported(id));
                    });
        } catch (NoSuchFileException e) {
            return FileOutcome.failed(FileOutcome.Failure.FILE_MISSING, "the file " + line.path() + " is gone");
        } catch (IOException e) {
            return FileOutcome.failed(
                    FileOutcome.Failure.OTHER, "the file " + line.path() + " cannot be read: " + e.getMessage());
        } catch (StorageFullException e) {
            throw e;
        } catch (PortalException e) {
            return FileOutcome.failed(FileOutcome.Failure.OTHER, e.getMessage());
        }
    }
}
