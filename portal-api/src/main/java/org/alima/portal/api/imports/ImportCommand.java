package org.alima.portal.api.imports;

import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.files.StorageFullException;
import org.alima.portal.api.system.EmbeddedDatabase;
import org.alima.portal.api.system.PortalServices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code import FOLDER --as EMAIL}: loads a library of files, with an optional CSV or JSON Lines metadata file, into
 * the portal, running or stopped, through its own services ({@link PortalServices}, {@link Importer}). Not
 * thread-safe; one run per instance.
 */
@Command(
        name = "import",
        description = {
            "Imports every file under FOLDER (recursively) as documents of the account --as, with the metadata of"
                    + " the lines of --metadata that name them (by path relative to FOLDER, or by file name). Works"
                    + " while the portal runs or not; the documents are indexed by the running portal, or at its"
                    + " next start.",
            "Files whose bytes the portal already holds are skipped. Run the same command again after an"
                    + " interruption: it continues where it stopped. Exit status: 0 every line imported or skipped,"
                    + " 1 some lines failed (see the report) or the import could not run, 2 wrong usage."
        })
public final class ImportCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ImportCommand.class);

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help and exit.")
    boolean help;

    @Parameters(index = "0", paramLabel = "FOLDER", description = "The folder of files to import.")
    Path folder;

    @Option(
            names = "--metadata",
            paramLabel = "FILE",
            description = "A CSV file (header: file,title,abstract,authors,date,type,language,countries,topics,doi,"
                    + "licence; several values separated by ;) or JSON Lines (.jsonl) with the same keys.")
    Path metadata;

    @Option(names = "--as", required = true, paramLabel = "EMAIL", description = "The account the documents belong to.")
    String as;

    @Option(
            names = "--status",
            defaultValue = "draft",
            paramLabel = "STATUS",
            description = "draft (default), submitted, or published (a curator or administrator only).")
    String status;

    @Option(names = "--collection", paramLabel = "SLUG", description = "Also add every imported document to it.")
    String collection;

    @Option(
            names = "--report",
            defaultValue = "import-report.tsv",
            paramLabel = "FILE",
            description = "Where to write the outcome of every line, tab-separated (default: ${DEFAULT-VALUE}).")
    Path report;

    @Option(
            names = "--limit",
            paramLabel = "N",
            description = "Import at most N new lines, then stop (to try a sample first); run again to continue.")
    Integer limit;

    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;
    private final boolean terminal;

    /** @param terminal whether the output is a terminal: a progress line redrawn in place, else plain lines */
    public ImportCommand(Map<String, String> environment, boolean terminal) {
        this.environment = environment;
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isDirectory(folder)) {
            return usage(folder + " is not a folder; give the folder of files to import");
        }
        if (metadata != null && !Files.isRegularFile(metadata)) {
            return usage("--metadata " + metadata + " is not a file");
        }
        if (limit != null && limit < 1) {
            return usage("--limit must be at least 1");
        }
        ImportStatus asked;
        try {
            asked = ImportStatus.of(status);
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        try (PortalServices services = PortalServices.start(environment)) {
            MetadataFile rows = metadata == null
                    ? MetadataFile.none()
                    : MetadataFile.read(metadata, services.bean(JsonMapper.class));
            Importer importer = services.bean(Importer.class);
            Optional<Viewer> viewer = importer.account(as.strip());
            if (viewer.isEmpty()) {
                return usage("no enabled account signs in with " + as + "; create it first (create-admin for an"
                        + " administrator, or the portal's account administration)");
            }
            Optional<String> refusal = importer.refusal(viewer.get(), asked, collection);
            if (refusal.isPresent()) {
                return usage(refusal.get());
            }
            Set<Path> excluded = new HashSet<>();
            excluded.add(report.toAbsolutePath().normalize());
            excluded.add(report.toAbsolutePath().normalize().resolveSibling(report.getFileName() + ".part"));
            if (metadata != null) {
                excluded.add(metadata.toAbsolutePath().normalize());
            }
            List<ImportLine> lines = ImportPlan.of(folder, rows, excluded);
            String key = runKey(viewer.get(), asked);
            out.println("Importing " + lines.size() + " lines from "
                    + folder.toAbsolutePath().normalize()
                    + (services.besideRunningPortal() ? " into the running portal" : "") + "…");
            out.flush();
            ImportResult result = importer.run(
                    new Importer.Request(
                            viewer.get(), key, lines, asked, collection, limit == null ? Integer.MAX_VALUE : limit),
                    this::progress);
            if (terminal) {
                out.println();
            }
            ImportReport.write(result, report);
            out.println("Import done: " + result.summary() + ". Report: "
                    + report.toAbsolutePath().normalize());
            out.println(
                    services.besideRunningPortal()
                            ? "The running portal indexes the new documents now."
                            : "The portal indexes the new documents at its next start.");
            return result.count(FileOutcome.Outcome.FAILED) == 0 ? 0 : 1;
        } catch (MetadataFile.MetadataFileException e) {
            return usage("--metadata " + metadata + ": " + e.getMessage());
        } catch (StorageFullException e) {
            return failed(e.getMessage() + " Free some space, then run the same command again to continue.");
        } catch (EmbeddedDatabase.EmbeddedDatabaseException | IllegalArgumentException e) {
            LOG.debug("Import failed", e);
            return failed(e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.debug("Import failed", e);
            return failed(oneLine(e) + "; run the same command again to continue where it stopped");
        }
    }

    private void progress(int done, int total, ImportLine line, FileOutcome outcome, boolean earlier) {
        PrintWriter out = spec.commandLine().getOut();
        String state = earlier
                ? outcome.outcome().value() + " (earlier run)"
                : outcome.outcome().value();
        if (terminal) {
            String text = String.format(Locale.ROOT, "\r[%d/%d] %s %s", done, total, state, line.path());
            out.print(text.length() > 100 ? text.substring(0, 99) + "…" : String.format(Locale.ROOT, "%-100s", text));
        } else {
            out.println(String.format(Locale.ROOT, "[%d/%d] %s %s", done, total, state, line.path()));
        }
        out.flush();
    }

    /** The same folder, metadata file, account and status make the same import, which a new run continues. */
    private String runKey(Viewer viewer, ImportStatus asked) throws IOException {
        String identity = String.join(
                "\n",
                folder.toRealPath().toString(),
                metadata == null ? "" : metadata.toRealPath().toString(),
                viewer.getName(),
                asked.value(),
                collection == null ? "" : collection);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return "cli:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    private int usage(String message) {
        spec.commandLine().getErr().println("import: " + message);
        return 2;
    }

    private int failed(String message) {
        spec.commandLine().getErr().println("import: " + message);
        return 1;
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
