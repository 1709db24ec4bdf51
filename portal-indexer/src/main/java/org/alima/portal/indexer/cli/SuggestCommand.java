package org.alima.portal.indexer.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.alima.portal.indexer.index.PortalIndex;
import org.alima.portal.indexer.search.PortalSearch;
import org.alima.portal.indexer.search.SearchResponse.Hit;
import org.alima.portal.indexer.search.Suggestion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code suggest}: titles and keywords completing a prefix, or documents related to one document. */
@Command(
        name = "suggest",
        description = "Complete a title or keyword as typed, or list documents related to one (--related ID).",
        mixinStandardHelpOptions = true)
final class SuggestCommand implements Callable<Integer> {

    @Option(names = "--index", required = true, description = "Index directory.")
    Path indexDir;

    @Option(names = "--related", description = "List documents related to the document with this id instead.")
    boolean related;

    @Option(names = "--size", description = "Suggestions to return (default: ${DEFAULT-VALUE}).")
    int size = 8;

    @Parameters(paramLabel = "TEXT", description = "What the user typed so far, or the document id with --related.")
    String text;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (PortalIndex index = PortalIndex.openExisting(indexDir)) {
            PortalSearch search = new PortalSearch(index);
            if (related) {
                for (Hit hit : search.related(text, size)) {
                    out.printf(Locale.ROOT, "%s\t%s%n", hit.id(), hit.title());
                }
            } else {
                for (Suggestion suggestion : search.autocomplete(text, size)) {
                    out.printf(
                            Locale.ROOT,
                            "%s\t%s%n",
                            suggestion.kind().name().toLowerCase(Locale.ROOT),
                            suggestion.text());
                }
            }
        }
        out.flush();
        return 0;
    }
}
