package org.alima.portal.api.imports;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.system.InvalidInputException;
import org.alima.portal.api.system.NodeName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The imports sent through the API: a ZIP of files and its optional metadata file, checked and unpacked while the
 * request waits (so that a bad ZIP is a 400), then imported by the same {@link Importer} as the command line, one
 * import at a time in the background. Thread-safe. Only in the portal itself (not in a command beside it), which also
 * marks the imports its last run left running as interrupted: its own only, by the {@link NodeName} in their keys, so
 * that a node starting beside others leaves theirs running.
 */
@Singleton
@Requires(property = "portal.indexing.enabled", notEquals = "false")
class ImportJobs {

    static final String KEY_PREFIX = "api:";

    /** The keys of the imports this node runs: {@code api:<node>:<id>}. */
    private final String ownKeys;

    private static final Logger LOG = LoggerFactory.getLogger(ImportJobs.class);

    private final Importer importer;
    private final ImportRuns runs;
    private final JsonMapper json;
    private final Path workspace;
    private final long maxUnpackedBytes;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "import-worker");
        thread.setDaemon(true);
        return thread;
    });

    ImportJobs(
            Importer importer,
            ImportRuns runs,
            JsonMapper json,
            @Value("${portal.data-dir}") String dataDirectory,
            @Value("${portal.imports.max-unpacked-bytes:4294967296}") long maxUnpackedBytes,
            NodeName node) {
        this.importer = importer;
        this.runs = runs;
        this.json = json;
        this.workspace = Path.of(dataDirectory)
                .toAbsolutePath()
                .normalize()
                .resolve("tmp")
                .resolve("imports");
        this.maxUnpackedBytes = maxUnpackedBytes;
        this.ownKeys = KEY_PREFIX + node.value() + ":";
    }

    @EventListener
    void onStartup(StartupEvent event) {
        // Its own, and those of a version that named no node (api:<id>), which ran alone.
        int interrupted = runs.interruptRunning(
                "^(" + ownKeys + "|" + KEY_PREFIX + "[0-9a-f-]{36}$)",
                "the portal stopped during the import; send it again: the files already imported are skipped as"
                        + " duplicates");
        if (interrupted > 0) {
            LOG.info("{} imports sent through the API were interrupted when the portal last stopped", interrupted);
        }
        deleteTree(workspace);
    }

    /**
     * Checks and unpacks the import, records it, and queues it.
     *
     * @param metadataName the metadata file's name, whose ending says CSV or JSON Lines
     * @return the import's id
     * @throws InvalidInputException naming {@code file}, {@code metadata}, {@code status} or {@code collection}
     */
    UUID submit(
            Viewer viewer,
            InputStream zip,
            @Nullable String metadata,
            @Nullable String metadataName,
            @Nullable String status,
            @Nullable String collection)
            throws IOException {
        ImportStatus asked;
        try {
            asked = status == null || status.isBlank() ? ImportStatus.DRAFT : ImportStatus.of(status);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("status", "must be draft, submitted or published");
        }
        importer.refusal(viewer, asked, null).ifPresent(refusal -> {
            throw InvalidInputException.of("status", refusal);
        });
        if (collection != null) {
            importer.refusal(viewer, ImportStatus.DRAFT, collection).ifPresent(refusal -> {
                throw InvalidInputException.of("collection", refusal);
            });
        }
        MetadataFile rows;
        try {
            rows = metadata == null
                    ? MetadataFile.none()
                    : metadataName != null
                                    && metadataName.toLowerCase(Locale.ROOT).endsWith(".jsonl")
                            ? MetadataFile.jsonLines(metadata, json)
                            : MetadataFile.csv(metadata);
        } catch (MetadataFile.MetadataFileException e) {
            throw InvalidInputException.of("metadata", e.getMessage());
        }
        UUID id = UUID.randomUUID();
        Path folder = workspace.resolve(id.toString());
        Path received = workspace.resolve(id + ".zip");
        Files.createDirectories(workspace);
        try {
            Files.copy(zip, received);
            ZipLibrary.unpack(received, folder, maxUnpackedBytes);
        } catch (IOException | RuntimeException e) {
            deleteTree(folder);
            throw e;
        } finally {
            Files.deleteIfExists(received);
        }
        List<ImportLine> lines = ImportPlan.of(folder, rows, Set.of());
        String key = ownKeys + id;
        UUID run = runs.findOrCreate(key, viewer.account().orElseThrow());
        runs.started(run, lines.size());
        worker.execute(() -> {
            try {
                importer.run(
                        new Importer.Request(viewer, key, lines, asked, collection, Integer.MAX_VALUE),
                        Importer.Progress.NONE);
            } catch (RuntimeException e) {
                LOG.error("The import {} failed as a whole", run, e);
            } finally {
                deleteTree(folder);
            }
        });
        return run;
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove the unpacked import " + root, e);
        }
    }
}
