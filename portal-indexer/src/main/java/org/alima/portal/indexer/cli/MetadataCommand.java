package org.alima.portal.indexer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.alima.portal.indexer.extract.DocumentExtractor;
import org.alima.portal.indexer.extract.DocumentMetadata;
import org.alima.portal.indexer.extract.ExtractionLimits;
import org.alima.portal.indexer.extract.ExtractionResult;
import org.alima.portal.indexer.extract.MetadataDoubts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code metadata}: the title and authors that each file would offer a contributor, with the doubts {@link
 * MetadataDoubts} has about them, as tab-separated lines and a count at the end; how the rules are measured on a
 * folder of files.
 */
@Command(
        name = "metadata",
        description = "Print the title and authors read from each file, and which of them are doubtful and why.",
        mixinStandardHelpOptions = true)
final class MetadataCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders.")
    List<Path> paths;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            try (Stream<Path> walk = Files.walk(path)) {
                walk.filter(Files::isRegularFile)
                        .filter(f -> !f.getFileName().toString().endsWith(".tsv"))
                        .sorted()
                        .forEach(files::add);
            }
        }
        DocumentExtractor extractor = new DocumentExtractor(ExtractionLimits.defaults());
        PrintWriter out = spec.commandLine().getOut();
        out.println("file\ttitle\ttitle_doubt\tauthors\tauthor_doubts");
        int titles = 0;
        int doubtfulTitles = 0;
        int authors = 0;
        int doubtfulAuthors = 0;
        for (Path file : files) {
            if (!(extractor.extract(file) instanceof ExtractionResult.Extracted extracted)) {
                continue;
            }
            DocumentMetadata metadata = extracted.metadata();
            String titleDoubt = MetadataDoubts.ofTitle(metadata.title())
                    .map(MetadataDoubts.Reason::code)
                    .orElse("");
            List<String> authorDoubts = new ArrayList<>();
            for (String author : metadata.authors()) {
                MetadataDoubts.ofAuthor(author).ifPresent(reason -> authorDoubts.add(author + ": " + reason.code()));
            }
            titles += metadata.title() == null ? 0 : 1;
            doubtfulTitles += titleDoubt.isEmpty() ? 0 : 1;
            authors += metadata.authors().size();
            doubtfulAuthors += authorDoubts.size();
            out.println(String.join(
                    "\t",
                    file.getFileName().toString(),
                    metadata.title() == null ? "" : metadata.title(),
                    titleDoubt,
                    String.join("; ", metadata.authors()),
                    String.join("; ", authorDoubts)));
        }
        out.printf(
                Locale.ROOT,
                "# %d files, %d titles of which %d doubtful, %d authors of which %d doubtful%n",
                files.size(),
                titles,
                doubtfulTitles,
                authors,
                doubtfulAuthors);
        out.flush();
        return 0;
    }
}
