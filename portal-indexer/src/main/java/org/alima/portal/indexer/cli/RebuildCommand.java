package org.alima.portal.indexer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.alima.portal.indexer.extract.DocumentExtractor;
import org.alima.portal.indexer.extract.ExtractionLimits;
import org.alima.portal.indexer.extract.ExtractionResult;
import org.alima.portal.indexer.index.IndexableDocument;
import org.alima.portal.indexer.index.IndexedSource;
import org.alima.portal.indexer.index.PortalIndex;
import org.alima.portal.indexer.index.RebuildResult;
import org.alima.portal.indexer.records.JsonLinesRecords;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rebuild}: a fresh index built from the sources the current one lists (files re-extracted, JSON Lines files
 * re-read), swapped in when complete. Searches go on against the old index meanwhile.
 */
@Command(
        name = "rebuild",
        description =
                "Rebuild an index from its sources (after a schema change or a corrupted index), then swap it in.",
        mixinStandardHelpOptions = true)
final class RebuildCommand implements Callable<Integer> {

    @Option(names = "--index", required = true, description = "Index directory.")
    Path indexDir;

    @Option(
            names = "--drop-missing",
            description = "Leave out documents whose source file is gone (by default the rebuild stops instead).")
    boolean dropMissing;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try (PortalIndex index = PortalIndex.openExisting(indexDir)) {
            Map<Path, Set<String>> recordFiles = new LinkedHashMap<>();
            List<IndexedSource> files = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (IndexedSource source : index.sources()) {
                if (source.source() == null || !Files.isRegularFile(Path.of(source.source()))) {
                    missing.add(source.id() + " (" + source.source() + ")");
                } else if (JsonLinesRecords.isJsonLines(Path.of(source.source()))) {
                    recordFiles
                            .computeIfAbsent(Path.of(source.source()), f -> new LinkedHashSet<>())
                            .add(source.id());
                } else {
                    files.add(source);
                }
            }
            if (!missing.isEmpty() && !dropMissing) {
                spec.commandLine()
                        .getErr()
                        .printf(
                                Locale.ROOT,
                                "error: %d documents have no readable source, e.g. %s;"
                                        + " restore them or pass --drop-missing. The index is unchanged.%n",
                                missing.size(),
                                missing.get(0));
                return 1;
            }
            var extractor = new DocumentExtractor(ExtractionLimits.defaults());
            Stream<IndexableDocument> fromRecords = recordFiles.entrySet().stream()
                    .flatMap(entry -> {
                        try {
                            Set<String> ids = entry.getValue();
                            return JsonLinesRecords.read(entry.getKey(), extractor::detectLanguage)
                                    .filter(doc -> ids.contains(doc.id()));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
            Stream<IndexableDocument> fromFiles = files.stream().flatMap(source -> {
                ExtractionResult result = extractor.extract(Path.of(source.source()));
                if (result instanceof ExtractionResult.Extracted extracted) {
                    return Stream.of(IndexableDocument.fromExtraction(source.id(), source.source(), extracted));
                }
                missing.add(source.id() + " (" + ((ExtractionResult.Failed) result).reason() + ")");
                return Stream.empty();
            });
            RebuildResult result;
            try (Stream<IndexableDocument> all = Stream.concat(fromRecords, fromFiles)) {
                result = index.rebuild(all);
            }
            out.printf(
                    Locale.ROOT,
                    "Rebuilt %s: %d documents in %.1f s.%n",
                    indexDir,
                    result.documents(),
                    result.took().toMillis() / 1000.0);
            missing.forEach(m -> out.printf(Locale.ROOT, "  left out: %s%n", m));
            result.refused().forEach((id, reason) -> out.printf(Locale.ROOT, "  refused: %s: %s%n", id, reason));
        }
        out.flush();
        return 0;
    }
}
