package org.alima.portal.indexer.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.alima.portal.indexer.SuppressForbidden;
import org.alima.portal.indexer.extract.DocumentExtractor;
import org.alima.portal.indexer.extract.ExtractionLimits;
import org.alima.portal.indexer.extract.ExtractionResult;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Extraction throughput of the portal's extractor, poppler's pdftotext and a bare PDFBox loop on the same files with
 * the same number of workers. Every contender is credited with the same page total (the pages of the files as the
 * portal counts them), so that pages per second compare work on identical input. Not thread-safe.
 */
final class ExtractionBench {

    private final List<Path> files;
    private final DocumentExtractor extractor = new DocumentExtractor(ExtractionLimits.defaults());

    ExtractionBench(List<Path> files) {
        this.files = List.copyOf(files);
    }

    /** Runs the portal's extractor and returns every file's result, in file order. */
    List<ExtractionResult> extractAll(int workers) throws InterruptedException, ExecutionException {
        List<ExtractionResult> results = Collections.synchronizedList(new ArrayList<>());
        run(workers, file -> results.add(extractor.extract(file)));
        return results;
    }

    Measurement portal(int workers, long pages) throws InterruptedException, ExecutionException {
        return timed("portal extractor", workers, pages, false, extractor::extract);
    }

    /** Loader.loadPDF and PDFTextStripper.getText per file: the floor under the portal's extractor. */
    @SuppressForbidden(reason = "the baseline is PDFBox as a plain caller uses it, without the portal's memory bound")
    Measurement barePdfBox(int workers, long pages) throws InterruptedException, ExecutionException {
        return timed("bare PDFBox", workers, pages, false, file -> {
            try (PDDocument document = Loader.loadPDF(file.toFile())) {
                new PDFTextStripper().getText(document);
            } catch (IOException | RuntimeException e) {
                // Broken and encrypted files fail here as they do in the portal; their time counts for both.
            }
        });
    }

    /** poppler's pdftotext, one process per file, its output discarded. */
    Measurement pdftotext(int workers, long pages) throws InterruptedException, ExecutionException {
        return timed("pdftotext (poppler)", workers, pages, true, file -> {
            try {
                Process process = new ProcessBuilder("pdftotext", "-q", "-enc", "UTF-8", file.toString(), "-")
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (IOException e) {
                throw new BenchmarkException("pdftotext could not be started: install poppler-utils", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    static long pages(List<ExtractionResult> results) {
        long pages = 0;
        for (ExtractionResult result : results) {
            pages += switch (result) {
                case ExtractionResult.Extracted extracted -> extracted.pageCount();
                case ExtractionResult.Failed failed -> failed.pageCount();
            };
        }
        return pages;
    }

    private interface FileTask {
        void accept(Path file);
    }

    private Measurement timed(String name, int workers, long pages, boolean children, FileTask task)
            throws InterruptedException, ExecutionException {
        double cpuBefore = children ? CpuClock.childrenSeconds() : CpuClock.processSeconds();
        long started = System.nanoTime();
        run(workers, task);
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpu = (children ? CpuClock.childrenSeconds() : CpuClock.processSeconds()) - cpuBefore;
        return new Measurement(name, workers, pages, seconds, cpu);
    }

    private void run(int workers, FileTask task) throws InterruptedException, ExecutionException {
        ExecutorService pool = Executors.newFixedThreadPool(
                workers, Thread.ofPlatform().name("bench-", 1).factory());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Path file : files) {
                futures.add(pool.submit(() -> task.accept(file)));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
