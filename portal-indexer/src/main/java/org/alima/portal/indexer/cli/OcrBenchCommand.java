package org.alima.portal.indexer.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.alima.portal.indexer.bench.OcrBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ocr-bench}: OCR speed with 1 and 2 workers, its cost to text extraction, and its character error rate. */
@Command(
        name = "ocr-bench",
        description = "Measure OCR of scanned pages (pages per second, CPU-seconds per page, 1 and 2 workers, against"
                + " pdftoppm + tesseract), how it slows text extraction beside it, and its character error rate on"
                + " pages that have a text layer, French and English.",
        mixinStandardHelpOptions = true)
final class OcrBenchCommand implements Callable<Integer> {

    @Option(names = "--pdfs", description = "PDF folder with MANIFEST.tsv (default: ${DEFAULT-VALUE}).")
    Path pdfs = Path.of("../shared/corpus/pdfs");

    @Option(
            names = "--quality-files",
            description = "Files with a text layer per language whose first pages are rendered and read by OCR"
                    + " (default: ${DEFAULT-VALUE}).")
    int qualityFiles = 4;

    @Option(names = "--parts", split = ",", description = "Which parts to run: speed, shared, quality (default: all).")
    java.util.Set<String> parts = java.util.Set.of("speed", "shared", "quality");

    @Option(names = "--tesseract", description = "The Tesseract program (default: ${DEFAULT-VALUE}).")
    String tesseract = "tesseract";

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        new OcrBench(pdfs, qualityFiles, tesseract).run(spec.commandLine().getOut(), parts);
        return 0;
    }
}
