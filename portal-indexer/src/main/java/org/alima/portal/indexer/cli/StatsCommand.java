package org.alima.portal.indexer.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.alima.portal.indexer.index.IndexStats;
import org.alima.portal.indexer.index.PortalIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stats}: what an index holds. */
@Command(name = "stats", description = "Print what an index holds.", mixinStandardHelpOptions = true)
final class StatsCommand implements Callable<Integer> {

    @Option(names = "--index", required = true, description = "Index directory.")
    Path indexDir;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        IndexStats stats;
        boolean stale;
        try (PortalIndex index = PortalIndex.openExisting(indexDir)) {
            stats = index.stats();
            stale = index.needsRebuild();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "documents:      %d%n", stats.documents());
        out.printf(Locale.ROOT, "pages:          %d%n", stats.pages());
        out.printf(Locale.ROOT, "segments:       %d%n", stats.segments());
        out.printf(Locale.ROOT, "size on disk:   %.1f MiB%n", stats.sizeOnDiskBytes() / 1048576.0);
        out.printf(Locale.ROOT, "last commit:    %s%n", stats.lastCommit() == null ? "never" : stats.lastCommit());
        out.printf(Locale.ROOT, "schema version: %d%s%n", stats.schemaVersion(), stale ? " (stale: run rebuild)" : "");
        out.flush();
        return 0;
    }
}
