package org.alima.portal.indexer.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the extractor over every PDF of the shared corpus (about 130 files, 4,000 pages, edge cases included): each
 * file must give text or a typed failure within its time limit, and nothing may escape as an exception. The summary
 * goes to the test report. Skipped when the corpus is absent.
 */
class CorpusExtractionIT {

    private static final Logger LOG = LoggerFactory.getLogger(CorpusExtractionIT.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** The caller waits the timeout plus a grace of at most 3 s (see DocumentExtractor); a little slack on top. */
    private static final Duration WORST_CALL = TIMEOUT.plusSeconds(5);

    @Test
    void everyCorpusPdfGivesTextOrATypedFailureInTime(TestReporter report) throws IOException {
        Optional<Path> corpus = Corpus.pdfs();
        assumeTrue(corpus.isPresent(), "shared corpus not found at ../shared/corpus/pdfs; skipping the corpus run");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(corpus.get())) {
            files = walk.filter(p -> p.toString().endsWith(".pdf")).sorted().toList();
        }
        DocumentExtractor extractor =
                new DocumentExtractor(new ExtractionLimits(TIMEOUT, 5_000_000, 16L << 20, 512L << 20));

        Map<FailureKind, Integer> failures = new EnumMap<>(FailureKind.class);
        List<String> slowest = new ArrayList<>();
        int extractedFiles = 0;
        long pages = 0;
        long characters = 0;
        Duration slowestCall = Duration.ZERO;
        long start = System.nanoTime();
        for (Path file : files) {
            long callStart = System.nanoTime();
            ExtractionResult result = extractor.extract(file);
            Duration call = Duration.ofNanos(System.nanoTime() - callStart);
            assertThat(call).as(file.toString()).isLessThan(WORST_CALL);
            if (call.compareTo(slowestCall) > 0) {
                slowestCall = call;
                slowest.add(0, corpus.get().relativize(file) + " (" + call.toMillis() + " ms)");
            }
            switch (result) {
                case ExtractionResult.Extracted extracted -> {
                    extractedFiles++;
                    pages += extracted.pageCount();
                    characters += extracted.characterCount();
                    assertThat(extracted.pages()).as(file.toString()).isNotEmpty();
                }
                case ExtractionResult.Failed failed -> {
                    failures.merge(failed.kind(), 1, Integer::sum);
                    assertThat(failed.detail()).as(file.toString()).doesNotContain("\n");
                }
            }
        }
        Duration total = Duration.ofNanos(System.nanoTime() - start);

        String summary = String.format(
                Locale.ROOT,
                "%n| files | extracted | pages | characters | seconds | pages/s |%n"
                        + "|---|---|---|---|---|---|%n| %d | %d | %d | %d | %.1f | %.0f |%n"
                        + "failures by kind: %s%nslowest file: %s",
                files.size(),
                extractedFiles,
                pages,
                characters,
                total.toMillis() / 1000.0,
                pages / Math.max(0.001, total.toMillis() / 1000.0),
                failures,
                slowest.isEmpty() ? "-" : slowest.get(0));
        // both: the report entry for IDEs and report tools, the log line for the build output
        report.publishEntry("corpus extraction", summary);
        LOG.info("corpus extraction:{}", summary);
        assertThat(extractedFiles).isGreaterThan(files.size() * 3 / 4);
        assertThat(pages).isGreaterThan(3_000);
        assertThat(failures).containsKeys(FailureKind.ENCRYPTED, FailureKind.NEEDS_OCR);
    }
}
