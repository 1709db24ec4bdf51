package org.alima.portal.indexer.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.alima.portal.indexer.bench.Benchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench}: the benchmark, printing figures and ratios against baselines run side by side. */
@Command(
        name = "bench",
        description = "Measure extraction, indexing and search against pdftotext, bare PDFBox and bare Lucene.",
        mixinStandardHelpOptions = true)
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--pdfs", description = "PDF folder (default: ${DEFAULT-VALUE}).")
    Path pdfs = Path.of("../shared/corpus/pdfs");

    @Option(names = "--scifact", description = "SciFact BEIR folder (default: ${DEFAULT-VALUE}).")
    Path scifact = Path.of("../shared/corpus/ir/scifact");

    @Option(names = "--work", description = "Scratch folder, emptied first (default: ${DEFAULT-VALUE}).")
    Path work = Path.of("target/bench");

    @Option(names = "--max-files", description = "Use at most this many PDFs (default: all).")
    int maxFiles;

    @Option(
            names = "--rounds",
            description = "Measure extraction and indexing this many times, keep the best (default: ${DEFAULT-VALUE}).")
    int rounds = 3;

    @Option(
            names = "--semantic-documents",
            description = "PDFs ingested with vectors to measure the semantic part (0: skip it; default:"
                    + " ${DEFAULT-VALUE}).")
    int semanticDocuments = 10;

    @Option(
            names = "--semantic-index",
            description = "An index of SciFact with vectors (portal-indexer index) to measure search by meaning on;"
                    + " default: build one (slow).")
    Path semanticIndex;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        new Benchmark(pdfs, scifact, work, maxFiles, rounds, semanticDocuments, semanticIndex)
                .run(spec.commandLine().getOut());
        return 0;
    }
}
