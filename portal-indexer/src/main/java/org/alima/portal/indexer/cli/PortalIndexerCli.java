package org.alima.portal.indexer.cli;

import org.alima.portal.indexer.SuppressForbidden;
import org.alima.portal.indexer.bench.BenchmarkException;
import org.alima.portal.indexer.index.IndexException;
import org.alima.portal.indexer.search.SearchException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code portal-indexer} command line: index, search, evaluate and benchmark without the portal's server. */
@Command(
        name = "portal-indexer",
        mixinStandardHelpOptions = true,
        version = "portal-indexer 0.1",
        description = "Extract, index and search studies and operating procedures (PDF, DOCX, HTML, Markdown, text).",
        subcommands = {
            IndexCommand.class,
            SearchCommand.class,
            SuggestCommand.class,
            EvalCommand.class,
            StatsCommand.class,
            RebuildCommand.class,
            BenchCommand.class,
            OcrBenchCommand.class
        })
public final class PortalIndexerCli {

    /**
     * Lucene announces its vectorization setup through java.util.logging at INFO; a terminal user needs none of it.
     * Held in a field because java.util.logging keeps loggers weakly, and a collected logger forgets its level.
     */
    private static final java.util.logging.Logger LUCENE_LOG = java.util.logging.Logger.getLogger("org.apache.lucene");

    private PortalIndexerCli() {}

    @SuppressForbidden(reason = "the command line's entry point: its exit code is the command's")
    public static void main(String[] args) {
        LUCENE_LOG.setLevel(java.util.logging.Level.WARNING);
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests execute it with their own output writers. */
    static CommandLine commandLine() {
        return new CommandLine(new PortalIndexerCli()).setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // Failures the user can act on are printed as one line; anything else keeps its stack trace.
            Throwable failure = e instanceof java.io.UncheckedIOException ? e.getCause() : e;
            if (failure instanceof java.nio.file.NoSuchFileException missing) {
                commandLine.getErr().println("error: no such file or folder: " + missing.getFile());
                return 2;
            }
            if (failure instanceof java.nio.file.AccessDeniedException denied) {
                commandLine.getErr().println("error: permission denied: " + denied.getFile());
                return 2;
            }
            if (failure instanceof SearchException
                    || failure instanceof IndexException
                    || failure instanceof BenchmarkException
                    || failure instanceof java.io.IOException) {
                commandLine.getErr().println("error: " + failure.getMessage());
                return 2;
            }
            throw e;
        });
    }
}
