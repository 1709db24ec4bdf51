package org.alima.portal.indexer.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.alima.portal.indexer.extract.DocumentExtractor;
import org.alima.portal.indexer.extract.ExtractionLimits;
import org.alima.portal.indexer.extract.ExtractionResult;
import org.alima.portal.indexer.extract.FailureKind;
import org.alima.portal.indexer.ocr.OcrPage;
import org.alima.portal.indexer.ocr.ScannedPages;
import org.alima.portal.indexer.ocr.Tesseract;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * The OCR benchmark. Speed: the scanned PDFs of the corpus ({@code edge-cases/scanned}, every page that extraction
 * calls a scan, or every page of a file that has text only in a poor OCR layer) read by the portal's OCR with 1 and 2
 * workers, against poppler's {@code pdftoppm} piped to the {@code tesseract} command on the same pages; then text
 * extraction of the corpus's articles alone and beside one OCR worker. Quality: the first two pages of files that
 * have a text layer, rendered and read by OCR, compared with that text layer (character error rate). Not
 * thread-safe.
 */
public final class OcrBench {

    private static final Duration PAGE_LIMIT = Duration.ofMinutes(5);

    private final Path pdfs;
    private final int qualityFiles;
    private final Tesseract tesseract;
    private final String command;
    private final DocumentExtractor extractor = new DocumentExtractor(ExtractionLimits.defaults());

    public OcrBench(Path pdfs, int qualityFiles, String command) {
        this.pdfs = pdfs;
        this.qualityFiles = qualityFiles;
        this.command = command;
        StringBuilder why = new StringBuilder();
        this.tesseract = Tesseract.find(command, 2L << 30, why)
                .orElseThrow(() -> new BenchmarkException("OCR is not available: " + why));
    }

    public void run(PrintWriter out, java.util.Set<String> parts) throws Exception {
        out.printf(
                Locale.ROOT,
                "OCR benchmark: %s, %d cores%n",
                tesseract,
                Runtime.getRuntime().availableProcessors());
        List<Job> scans = scans();
        int pages = scans.stream().mapToInt(job -> job.pages().size()).sum();
        if (parts.contains("speed")) {
            speed(out, scans, pages);
        }
        if (parts.contains("shared")) {
            shared(out, scans);
        }
        if (parts.contains("quality")) {
            out.printf(Locale.ROOT, "%n## Quality: character error rate of OCR against the text layer (pages 1-2)%n");
            for (String language : List.of("fr", "en")) {
                quality(out, language);
            }
        }
        out.flush();
    }

    private void speed(PrintWriter out, List<Job> scans, int pages) throws Exception {
        out.printf(Locale.ROOT, "%n## Speed: %d scanned pages in %d files (edge-cases/scanned)%n", pages, scans.size());
        out.printf(Locale.ROOT, "%-34s %8s %10s %12s %8s%n", "", "wall s", "pages/s", "CPU-s/page", "ratio");
        Measure base = measure(() -> baseline(scans), pages);
        print(out, "pdftoppm | tesseract, 1 worker", base, base);
        print(out, "portal OCR, 1 worker", measure(() -> portal(scans, 1), pages), base);
        print(out, "portal OCR, 2 workers", measure(() -> portal(scans, 2), pages), base);
    }

    private void shared(PrintWriter out, List<Job> scans) throws Exception {
        List<Path> texts = texts();
        out.printf(Locale.ROOT, "%n## Text extraction beside OCR: %d text PDFs, 1 extraction thread%n", texts.size());
        double alone = extraction(texts);
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService background = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("ocr-bench-background-", 1).factory());
        Future<?> ocr = background.submit(() -> {
            while (!stop.get()) {
                portal(scans, 1);
            }
            return null;
        });
        double beside = extraction(texts);
        stop.set(true);
        ocr.get();
        background.shutdown();
        out.printf(
                Locale.ROOT,
                "extraction alone %.2f s, beside one OCR worker %.2f s: %.2fx%n",
                alone,
                beside,
                beside / alone);

        out.printf(Locale.ROOT, "%n## Quality: character error rate of OCR against the text layer (pages 1-2)%n");
        for (String language : List.of("fr", "en")) {
            quality(out, language);
        }
        out.flush();
    }

    private record Job(Path file, List<Integer> pages) {}

    private record Measure(double wall, double cpu, int pages) {}

    private interface Work {
        void run() throws Exception;
    }

    private static Measure measure(Work work, int pages) throws Exception {
        double cpu = CpuClock.processSeconds() + CpuClock.childrenSeconds();
        long started = System.nanoTime();
        work.run();
        double wall = (System.nanoTime() - started) / 1e9;
        return new Measure(wall, CpuClock.processSeconds() + CpuClock.childrenSeconds() - cpu, pages);
    }

    private static void print(PrintWriter out, String name, Measure m, Measure base) {
        out.printf(
                Locale.ROOT,
                "%-34s %8.1f %10.3f %12.2f %7.2fx%n",
                name,
                m.wall(),
                m.pages() / m.wall(),
                m.cpu() / m.pages(),
                (m.pages() / m.wall()) / (base.pages() / base.wall()));
    }

    /** The scanned files and the pages to read in each: the scans extraction names, or all when it gave no text. */
    private List<Job> scans() throws IOException {
        List<Job> jobs = new ArrayList<>();
        try (var files = Files.list(pdfs.resolve("edge-cases/scanned"))) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".pdf")).sorted().toList()) {
                ExtractionResult result = extractor.extract(file);
                List<Integer> pages = switch (result) {
                    case ExtractionResult.Extracted extracted ->
                        extracted.scannedPages().isEmpty() ? numbers(extracted.pageCount()) : extracted.scannedPages();
                    case ExtractionResult.Failed failed ->
                        failed.kind() == FailureKind.NEEDS_OCR ? failed.scannedPages() : List.of();
                };
                if (!pages.isEmpty()) {
                    jobs.add(new Job(file, pages));
                }
            }
        }
        return jobs;
    }

    private void portal(List<Job> jobs, int workers) throws Exception {
        ScannedPages reader = new ScannedPages(tesseract, PAGE_LIMIT, Duration.ofHours(1));
        ExecutorService pool = Executors.newFixedThreadPool(
                workers, Thread.ofPlatform().name("ocr-bench-", 1).factory());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Job job : jobs) {
                for (int page : job.pages()) {
                    done.add(pool.submit(() -> {
                        reader.read(job.file(), List.of(page), "en", read -> {});
                        return null;
                    }));
                }
            }
            for (Future<?> each : done) {
                each.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** The reference pipeline: poppler renders each page in grey at 300 dpi, the tesseract command reads it. */
    private void baseline(List<Job> jobs) throws Exception {
        Path dir = Files.createTempDirectory("ocr-bench-");
        try {
            for (Job job : jobs) {
                for (int page : job.pages()) {
                    Path prefix = dir.resolve("page");
                    exec(List.of(
                            "pdftoppm",
                            "-r",
                            "300",
                            "-gray",
                            "-png",
                            "-f",
                            "" + page,
                            "-l",
                            "" + page,
                            "-singlefile",
                            job.file().toString(),
                            prefix.toString()));
                    exec(List.of(
                            "tesseract",
                            prefix + ".png",
                            dir.resolve("out").toString(),
                            "-l",
                            "eng+fra",
                            "--psm",
                            "3"));
                }
            }
        } finally {
            try (var left = Files.list(dir)) {
                for (Path file : left.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static void exec(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("OMP_THREAD_LIMIT", "1");
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new BenchmarkException(command.getFirst() + " failed (is poppler-utils installed?)");
        }
    }

    /** Articles with a text layer, the benchmark's extraction load. */
    private List<Path> texts() throws IOException {
        List<Path> texts = new ArrayList<>();
        for (String[] row : manifest()) {
            if (row[1].startsWith("articles") && texts.size() < 20) {
                texts.add(pdfs.resolve(row[0]));
            }
        }
        return texts;
    }

    private double extraction(List<Path> files) {
        long started = System.nanoTime();
        for (Path file : files) {
            extractor.extract(file);
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private void quality(PrintWriter out, String language) throws IOException {
        ScannedPages reader = new ScannedPages(tesseract, PAGE_LIMIT, Duration.ofHours(1));
        LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
        long errors = 0;
        long characters = 0;
        int files = 0;
        for (String[] row : manifest()) {
            if (files >= qualityFiles || !row[2].equals(language) || row[1].startsWith("edge-cases")) {
                continue;
            }
            Path file = pdfs.resolve(row[0]);
            if (!(extractor.extract(file) instanceof ExtractionResult.Extracted extracted)
                    || extracted.pageCount() < 2) {
                continue;
            }
            List<OcrPage> read = new ArrayList<>();
            reader.read(file, List.of(1, 2), language, read::add);
            long fileErrors = 0;
            long fileCharacters = 0;
            for (OcrPage page : read) {
                String truth =
                        normalise(extracted.pages().get(page.number() - 1).text());
                String ocr = normalise(page.text());
                fileErrors += distance.apply(ocr, truth);
                fileCharacters += truth.length();
            }
            out.printf(Locale.ROOT, "  %-70s CER %5.1f %%%n", row[0], 100.0 * fileErrors / Math.max(1, fileCharacters));
            errors += fileErrors;
            characters += fileCharacters;
            files++;
        }
        out.printf(
                Locale.ROOT,
                "%s: %d files, %d characters, character error rate %.1f %%%n",
                language,
                files,
                characters,
                100.0 * errors / Math.max(1, characters));
    }

    /** Blanks folded to one space: line breaks and column order are layout, not recognition. */
    private static String normalise(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    private List<String[]> manifest() throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(pdfs.resolve("MANIFEST.tsv"), StandardCharsets.UTF_8)) {
            String[] cells = line.split("\t", -1);
            if (cells.length > 3 && !cells[0].equals("file")) {
                rows.add(cells);
            }
        }
        return rows;
    }

    private static List<Integer> numbers(int count) {
        List<Integer> numbers = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            numbers.add(i);
        }
        return numbers;
    }
}
