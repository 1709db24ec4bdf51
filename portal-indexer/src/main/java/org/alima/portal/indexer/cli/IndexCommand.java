package org.alima.portal.indexer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.alima.portal.indexer.SuppressForbidden;
import org.alima.portal.indexer.extract.DocumentExtractor;
import org.alima.portal.indexer.extract.ExtractionLimits;
import org.alima.portal.indexer.extract.ExtractionResult;
import org.alima.portal.indexer.index.IndexableDocument;
import org.alima.portal.indexer.index.PortalIndex;
import org.alima.portal.indexer.index.Vectoriser;
import org.alima.portal.indexer.records.JsonLinesRecords;
import org.alima.portal.indexer.semantic.SemanticModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code index}: extracts files and reads JSON Lines records into an index, then prints what it did. */
@Command(
        name = "index",
        description = "Add files, folders (recursively) and JSON Lines metadata records to an index.",
        mixinStandardHelpOptions = true)
final class IndexCommand implements Callable<Integer> {

    @Option(names = "--index", required = true, description = "Index directory (created when absent).")
    Path indexDir;

    @Option(
            names = "--threads",
            description = "Extraction workers (default: available processors).",
            defaultValue = "0")
    int threads;

    @Option(names = "--timeout", description = "Seconds allowed per document (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds = 60;

    @Option(
            names = "--semantic",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "Compute dense vectors of documents and passages for search by meaning (default: on;"
                    + " --no-semantic indexes words only, several times faster).")
    boolean semantic;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files, folders, or *.jsonl record files.")
    List<Path> paths;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<Source> files = new ArrayList<>();
        List<Path> recordFiles = new ArrayList<>();
        for (Path path : paths) {
            if (!Files.exists(path)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "No such file or folder: " + path);
            }
            collect(path, files, recordFiles);
        }
        int workers = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        var limits = new ExtractionLimits(
                java.time.Duration.ofSeconds(timeoutSeconds),
                ExtractionLimits.defaults().maxCharacters(),
                ExtractionLimits.defaults().maxMainMemoryBytes(),
                ExtractionLimits.defaults().maxFileBytes());
        var extractor = new DocumentExtractor(limits);
        var summary = new Summary();
        long started = System.nanoTime();
        Vectoriser vectoriser =
                semantic ? SemanticModel.shared(SemanticModel.DEFAULT).embedder() : null;
        try (PortalIndex index = PortalIndex.open(indexDir)) {
            for (Path recordFile : recordFiles) {
                indexRecords(index, recordFile, extractor, vectoriser, workers, summary);
            }
            indexFiles(index, files, extractor, vectoriser, workers, summary);
            index.commit();
        }
        summary.print(spec.commandLine().getOut(), (System.nanoTime() - started) / 1e9);
        // A typed extraction failure is an expected outcome, reported in the summary, not an error of the command.
        return 0;
    }

    private static void collect(Path path, List<Source> files, List<Path> recordFiles) throws IOException {
        if (Files.isDirectory(path)) {
            try (Stream<Path> walk = Files.walk(path)) {
                walk.filter(Files::isRegularFile)
                        .filter(p -> !p.getFileName().toString().startsWith("."))
                        .sorted()
                        .forEach(p -> {
                            if (JsonLinesRecords.isJsonLines(p)) {
                                recordFiles.add(p);
                            } else {
                                files.add(new Source(p, path.relativize(p).toString()));
                            }
                        });
            }
        } else if (JsonLinesRecords.isJsonLines(path)) {
            recordFiles.add(path);
        } else {
            files.add(new Source(path, path.getFileName().toString()));
        }
    }

    private void indexRecords(
            PortalIndex index,
            Path recordFile,
            DocumentExtractor extractor,
            Vectoriser vectoriser,
            int workers,
            Summary summary)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(
                workers, Thread.ofPlatform().name("embed-", 1).factory());
        try (Stream<IndexableDocument> records = JsonLinesRecords.read(recordFile, extractor::detectLanguage);
                ProgressBar bar = bar("records " + recordFile.getFileName(), -1)) {
            // Records are read in order and written in order; only their vectors are computed in parallel, a batch
            // of them at a time so that memory stays bounded.
            List<Future<?>> batch = new ArrayList<>();
            for (IndexableDocument doc : (Iterable<IndexableDocument>) records::iterator) {
                batch.add(pool.submit(() -> {
                    index.upsert(doc, vectoriser == null ? null : vectoriser.vectorsOf(doc));
                    summary.documents.incrementAndGet();
                    summary.pages.addAndGet(doc.pages().size());
                    bar.step();
                    return null;
                }));
                if (batch.size() >= RECORD_BATCH) {
                    waitFor(batch);
                }
            }
            waitFor(batch);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            pool.shutdownNow();
        }
    }

    /** Records in flight at most while their vectors are computed. */
    private static final int RECORD_BATCH = 256;

    private static void waitFor(List<Future<?>> tasks) throws Exception {
        for (Future<?> task : tasks) {
            try {
                task.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Exception cause) {
                    throw cause;
                }
                throw e;
            }
        }
        tasks.clear();
    }

    private void indexFiles(
            PortalIndex index,
            List<Source> files,
            DocumentExtractor extractor,
            Vectoriser vectoriser,
            int workers,
            Summary summary)
            throws Exception {
        if (files.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(
                workers, Thread.ofPlatform().name("extract-", 1).factory());
        try (ProgressBar bar = bar("files", files.size())) {
            List<Future<?>> tasks = new ArrayList<>();
            for (Source source : files) {
                tasks.add(pool.submit(() -> {
                    ExtractionResult result = extractor.extract(source.path());
                    switch (result) {
                        case ExtractionResult.Extracted extracted -> {
                            IndexableDocument document = IndexableDocument.fromExtraction(
                                    source.id(), source.path().toAbsolutePath().toString(), extracted);
                            index.upsert(document, vectoriser == null ? null : vectoriser.vectorsOf(document));
                            summary.documents.incrementAndGet();
                            summary.pages.addAndGet(extracted.pageCount());
                        }
                        case ExtractionResult.Failed failed -> summary.failed(source.id(), failed);
                    }
                    bar.step();
                    return null;
                }));
            }
            waitFor(tasks);
        } finally {
            pool.shutdownNow();
        }
    }

    @SuppressForbidden(reason = "the progress bar is drawn on the terminal, beside the command's output")
    private ProgressBar bar(String task, long total) {
        return new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer(System.err))
                .continuousUpdate()
                .build();
    }

    private record Source(Path path, String id) {}

    /** Counters shared by the extraction workers. */
    private static final class Summary {
        final AtomicLong documents = new AtomicLong();
        final AtomicLong pages = new AtomicLong();
        final Map<String, ExtractionResult.Failed> failures = new ConcurrentHashMap<>();

        void failed(String id, ExtractionResult.Failed failed) {
            failures.put(id, failed);
        }

        void print(PrintWriter out, double seconds) {
            out.printf(
                    Locale.ROOT, "Indexed %d documents, %d pages in %.1f s.%n", documents.get(), pages.get(), seconds);
            if (failures.isEmpty()) {
                out.println("No failures.");
            } else {
                Map<String, Integer> byKind = new TreeMap<>();
                failures.values().forEach(f -> byKind.merge(f.kind().name().toLowerCase(Locale.ROOT), 1, Integer::sum));
                out.printf(Locale.ROOT, "Failures: %d %s%n", failures.size(), byKind);
                new TreeMap<>(failures).forEach((id, f) -> out.printf(Locale.ROOT, "  %s: %s%n", id, f.reason()));
            }
            out.flush();
        }
    }
}
