package org.alima.portal.api.packs;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.alima.portal.api.collections.Localized;
import org.alima.portal.api.landing.PublicDocument;
import org.alima.portal.indexer.engine.EngineUnavailableException;
import org.alima.portal.indexer.engine.SearchEngine;
import org.alima.portal.indexer.index.IndexException;
import org.alima.portal.indexer.search.Access;
import org.alima.portal.indexer.search.DocumentNotFoundException;
import org.alima.portal.indexer.search.SearchFailedException;

/**
 * Builds a pack's ZIP from its {@link PackPlan}: the page's static files (listed by the resource {@code pack/FILES}),
 * {@code pack-data.js} with the documents and the search over every page's text as the search index stores it, the
 * PDFs the options let in, and {@code manifest.json}. Thread-safe: each build has its own state.
 */
@Singleton
final class PackBuilder {

    /** The list of the page's static files, one name per line, owned by the page beside it. */
    static final String STATIC_FILES = "pack/FILES";

    private final SearchEngine search;
    private final PackFiles files;

    PackBuilder(SearchEngine search, PackFiles files) {
        this.search = search;
        this.files = files;
    }

    /**
     * Writes the pack of {@code plan} to {@code out}.
     *
     * @throws PackBuildException when a document's text is not in the index, a file cannot be read or the page's
     *     static files are missing: the reason, for the caller who asked for the pack
     */
    void write(PackPlan plan, Instant built, OutputStream out) throws IOException {
        PackArchive archive = new PackArchive();
        for (String name : staticFiles()) {
            archive.add(name, resource("pack/" + name));
        }
        PackSearchIndex index = new PackSearchIndex();
        List<String> fileNames = new ArrayList<>();
        List<Integer> pageCounts = new ArrayList<>();
        Map<String, Path> pdfs = new LinkedHashMap<>();
        for (int i = 0; i < plan.items().size(); i++) {
            PublicDocument document = plan.items().get(i).document();
            List<String> pages = plan.items().get(i).searchable() ? pages(document) : List.of();
            for (int page = 0; page < pages.size(); page++) {
                index.add(i, page + 1, pages.get(page));
            }
            Integer known = document.file().pageCount();
            // A document without text in the index still says how many pages its file has, when that is known.
            pageCounts.add(pages.isEmpty() && known != null ? known : pages.size());
            String name = null;
            Optional<Path> pdf = plan.options().includes(document.file().sizeBytes())
                    ? files.pdfOf(document.id())
                    : Optional.empty();
            if (pdf.isPresent()) {
                name = String.format(Locale.ROOT, "files/%02d-%s.pdf", i + 1, document.id());
                pdfs.put(name, pdf.get());
            }
            fileNames.add(name);
        }
        // The data before the PDFs: a reader listing the ZIP sees the page and its data first.
        archive.add(
                "pack-data.js", data(plan, built, fileNames, pageCounts, index).getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, Path> pdf : pdfs.entrySet()) {
            if (!Files.isReadable(pdf.getValue())) {
                throw new PackBuildException(
                        "the stored file of " + pdf.getKey() + " cannot be read; an administrator should check the"
                                + " data directory",
                        null);
            }
            archive.add(pdf.getKey(), pdf.getValue());
        }
        try {
            archive.writeTo(out, plan.version(), built);
        } catch (NoSuchFileException e) {
            throw new PackBuildException(
                    "a stored file cannot be read (" + e.getFile() + "); an administrator should check the data"
                            + " directory",
                    e);
        }
    }

    private List<String> pages(PublicDocument document) {
        try {
            // PostgreSQL decided who may see the document (published only); the index is only where the text is.
            return search.pageTexts(document.id().toString(), Access.everything());
        } catch (DocumentNotFoundException e) {
            throw new PackBuildException(
                    "the text of document " + document.id() + " is not in the search index yet (it is being read);"
                            + " ask again in a minute",
                    e);
        } catch (EngineUnavailableException e) {
            throw new PackBuildException("the search engine cannot be reached at the moment", e.retryAfter(), e);
        } catch (SearchFailedException | IndexException e) {
            throw new PackBuildException("the search index cannot be read at the moment; ask again in a minute", e);
        }
    }

    /** pack-data.js: {@code window.PORTAL_PACK = {...};}, a script because a file:// page cannot fetch JSON. */
    private static String data(
            PackPlan plan, Instant built, List<String> fileNames, List<Integer> pageCounts, PackSearchIndex index) {
        StringBuilder js = new StringBuilder("window.PORTAL_PACK = {\"format\":").append(PackPlans.FORMAT);
        js.append(",\"version\":");
        Json.string(js, plan.version());
        js.append(",\"built\":");
        Json.string(js, built.toString());
        js.append(",\"portal\":");
        Json.string(js, plan.portal());
        js.append(",\"collection\":{\"slug\":");
        Json.string(js, plan.slug());
        js.append(",\"address\":");
        Json.string(js, plan.address());
        js.append(",\"title\":");
        localized(js, plan.title());
        js.append(",\"description\":");
        localized(js, plan.description());
        js.append("},\"documents\":[");
        for (int i = 0; i < plan.items().size(); i++) {
            PackPlan.Item item = plan.items().get(i);
            PublicDocument d = item.document();
            js.append(i == 0 ? "" : ",").append("\n{\"id\":");
            Json.string(js, d.id().toString());
            js.append(",\"title\":");
            Json.string(js, d.title() == null ? d.file().name() : d.title());
            js.append(",\"authors\":");
            strings(js, d.authors().stream().map(PublicDocument.Author::name).toList());
            js.append(",\"date\":");
            nullable(js, d.publicationDate());
            js.append(",\"type\":");
            nullable(js, d.type());
            js.append(",\"language\":");
            nullable(js, d.language());
            js.append(",\"countries\":");
            strings(js, d.countries());
            js.append(",\"topics\":");
            strings(js, d.topics());
            js.append(",\"doi\":");
            nullable(js, d.doi());
            js.append(",\"licence\":");
            nullable(js, d.license());
            js.append(",\"citation\":");
            Json.string(js, item.citation());
            js.append(",\"address\":");
            Json.string(js, item.address());
            js.append(",\"note\":");
            if (item.note() == null) {
                js.append("null");
            } else {
                // A note is written once, in whichever language its curator wrote; both readers see it.
                localized(js, new Localized(item.note(), item.note()));
            }
            js.append(",\"pages\":").append(pageCounts.get(i));
            js.append(",\"file\":");
            nullable(js, fileNames.get(i));
            js.append(",\"bytes\":").append(d.file().sizeBytes()).append('}');
        }
        js.append("],\n\"search\":").append(index.toJson());
        return js.append("};\n").toString();
    }

    private static void localized(StringBuilder js, Localized text) {
        Localized both = PackPlans.bothLanguages(text);
        js.append("{\"fr\":");
        Json.string(js, both.fr());
        js.append(",\"en\":");
        Json.string(js, both.en());
        js.append('}');
    }

    private static void nullable(StringBuilder js, String value) {
        if (value == null) {
            js.append("null");
        } else {
            Json.string(js, value);
        }
    }

    private static void strings(StringBuilder js, List<String> values) {
        js.append('[');
        for (int i = 0; i < values.size(); i++) {
            js.append(i == 0 ? "" : ",");
            Json.string(js, values.get(i));
        }
        js.append(']');
    }

    /** The names in {@code pack/FILES}, blank lines and {@code #} comments left out. */
    static List<String> staticFiles() {
        String list = new String(resource(STATIC_FILES), StandardCharsets.UTF_8);
        return list.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
    }

    private static byte[] resource(String name) {
        try (InputStream in = PackBuilder.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new PackBuildException(
                        "the offline page's file " + name + " is missing from this build of the portal; rebuild it"
                                + " with portal-api's resources",
                        null);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new PackBuildException("the offline page's file " + name + " cannot be read", e);
        }
    }
}
