package org.alima.portal.indexer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.alima.portal.indexer.crosslang.QueryTranslator;
import org.alima.portal.indexer.index.PortalIndex;
import org.alima.portal.indexer.search.PortalSearch;
import org.alima.portal.indexer.search.SearchRequest;
import org.alima.portal.indexer.search.SearchResponse;
import org.alima.portal.indexer.search.SearchResponse.Hit;
import org.alima.portal.indexer.search.SearchResponse.PageHit;
import org.alima.portal.indexer.search.SearchSettings;
import org.alima.portal.indexer.semantic.SemanticModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code search}: one results page, as text for people or as JSON for scripts.
 *
 * <p>The JSON shape is a contract other scripts build on: {@code {"total": n, "hits": [{"id", "title", "score",
 * "pages": [{"page", "snippet"}]}]}}; fields may be added, none renamed or removed. Added since: each hit's {@code
 * "language"}, and {@code "queryLanguage"} and {@code "translatedQuery"} when the query was read as French or English
 * and translated (a hit whose language differs from {@code queryLanguage} was found in the other language); each
 * partial match's {@code "missingWords"}, the query's words it lacks, when all the words together found too little.
 */
@Command(name = "search", description = "Search an index.", mixinStandardHelpOptions = true)
final class SearchCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--index", required = true, description = "Index directory.")
    Path indexDir;

    @Option(names = "--size", description = "Hits to return, 1 to 100 (default: ${DEFAULT-VALUE}).")
    int size = 10;

    @Option(names = "--json", description = "Print one JSON object on standard output.")
    boolean json;

    @Option(
            names = "--language",
            paramLabel = "CODE",
            description = "The reader's language (fr, en): decides the query's language when its words do not.")
    String language;

    @Option(
            names = "--no-translation",
            description = "Search the typed words only, without their French or English translations.")
    boolean noTranslation;

    @Parameters(arity = "1..*", paramLabel = "QUERY", description = "Query words (joined with spaces).")
    List<String> words;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        SearchResponse response;
        try (PortalIndex index = PortalIndex.openExisting(indexDir)) {
            SemanticModel model = SemanticModel.shared(SemanticModel.DEFAULT);
            // The model is loaded only when the index holds vectors of it: a words-only index searches as before.
            boolean vectors = index.countWithVectors(model.model().id()) > 0;
            QueryTranslator translator = noTranslation ? QueryTranslator.off() : QueryTranslator.standard();
            response = new PortalSearch(index, SearchSettings.defaults(), translator, vectors ? model : null)
                    .search(SearchRequest.of(String.join(" ", words))
                            .withSize(size)
                            .withFacets(false)
                            .withReaderLanguage(language));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JSON.writeValueAsString(toJson(response)));
        } else {
            print(out, response);
        }
        out.flush();
        return 0;
    }

    static ObjectNode toJson(SearchResponse response) {
        ObjectNode root = JSON.createObjectNode();
        root.put("total", response.total());
        ArrayNode hits = root.putArray("hits");
        for (Hit hit : response.hits()) {
            ObjectNode node = hits.addObject();
            node.put("id", hit.id());
            node.put("title", hit.title());
            node.put("score", hit.score());
            if (hit.language() != null) {
                node.put("language", hit.language());
            }
            if (hit.isPartial()) {
                ArrayNode missing = node.putArray("missingWords");
                hit.missingWords().forEach(missing::add);
            }
            ArrayNode pages = node.putArray("pages");
            for (PageHit page : hit.pages()) {
                ObjectNode pageNode = pages.addObject().put("page", page.page()).put("snippet", page.snippet());
                if (page.byMeaning()) {
                    pageNode.put("byMeaning", true);
                }
            }
        }
        if (response.didYouMean() != null) {
            root.put("didYouMean", response.didYouMean());
        }
        if (response.queryLanguage() != null) {
            root.put("queryLanguage", response.queryLanguage());
        }
        if (response.translatedQuery() != null) {
            root.put("translatedQuery", response.translatedQuery());
        }
        return root;
    }

    private static void print(PrintWriter out, SearchResponse response) {
        out.printf(Locale.ROOT, "%d documents (%d ms)%n", response.total(), response.tookMillis());
        if (response.didYouMean() != null) {
            out.printf(Locale.ROOT, "Did you mean: %s%n", response.didYouMean());
        }
        if (response.translatedQuery() != null) {
            String other = switch (String.valueOf(response.queryLanguage())) {
                case "fr" -> " in English";
                case "en" -> " in French";
                default -> "";
            };
            out.printf(Locale.ROOT, "Also searched%s: %s%n", other, response.translatedQuery());
        }
        int rank = 0;
        for (Hit hit : response.hits()) {
            boolean otherLanguage = response.queryLanguage() != null
                    && hit.language() != null
                    && !hit.language().equals(response.queryLanguage());
            out.printf(
                    Locale.ROOT,
                    "%n%2d. %s  [%s]%s  score %.2f%n",
                    ++rank,
                    hit.title() == null ? "(untitled)" : hit.title(),
                    hit.id(),
                    otherLanguage ? "  (in " + hit.language() + ")" : "",
                    hit.score());
            if (hit.isPartial()) {
                out.printf(Locale.ROOT, "    lacks: %s%n", String.join(", ", hit.missingWords()));
            }
            for (PageHit page : hit.pages()) {
                out.printf(
                        Locale.ROOT,
                        "    p. %d: %s%n",
                        page.page(),
                        page.snippet().replace("<mark>", "[").replace("</mark>", "]"));
            }
        }
    }
}
