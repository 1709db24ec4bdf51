package org.alima.portal.api.documents;

import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.alima.portal.api.search.SearchUnavailableException;
import org.alima.portal.indexer.engine.EngineUnavailableException;
import org.alima.portal.indexer.engine.SearchEngine;
import org.alima.portal.indexer.search.Access;
import org.alima.portal.indexer.search.SearchException;

/**
 * Likely translations of a document, for curators: documents in another language that are not yet linked to it and
 * share its DOI, or its authors and year with a title that translates its own, or its structure (about as many pages
 * and the same numbers in the same order). Thread-safe; a cache of number sequences lives for one call only.
 *
 * <p>Only current versions are candidates (a superseded version is reached through its newest one), withdrawn ones
 * never, and a document already in the document's translation set or its own chain of versions is left out.
 */
@Singleton
class TranslationSuggestions {

    /** A suggestion below this score is not shown: one reason must be clear on its own. */
    static final double THRESHOLD = 0.5;

    /** Most candidates read for one document: the newest first. */
    static final int MAX_CANDIDATES = 200;

    /** Documents with more pages are not compared by structure: reading their text costs too much. */
    static final int MAX_STRUCTURE_PAGES = 120;

    /** Fewer numbers than this in either text tell nothing about its structure. */
    static final int MIN_NUMBERS = 12;

    private static final String CANDIDATES = """
            SELECT c.id, c.title, c.language, c.doi, c.publication_date, c.authors::text AS authors, c.page_count,
                   c.extraction_status
              FROM (SELECT d.id, d.title, d.language, d.doi, d.publication_date, d.authors, d.created_at,
                           f.page_count, f.extraction_status
                      FROM documents d JOIN document_files f ON f.document_id = d.id
                     WHERE d.id <> ? AND d.status <> 'withdrawn' AND d.language IS NOT NULL AND d.language <> ?
                       AND NOT EXISTS (SELECT 1 FROM documents n WHERE n.supersedes_id = d.id)
                       AND (lower(d.doi) = lower(?)
                            OR extract(year FROM d.publication_date) = ?
                            OR f.page_count BETWEEN ? AND ?)
                     ORDER BY d.created_at DESC LIMIT ?) c
             WHERE document_work(c.id) <> document_work(?)
               AND NOT EXISTS (SELECT 1 FROM work_translations mine
                                 JOIN work_translations other ON other.set_id = mine.set_id
                                WHERE mine.work_id = document_work(?) AND other.work_id = document_work(c.id))
            """;

    private final JdbcOperations jdbc;
    private final DocumentRepository documents;
    private final SearchEngine search;
    private final JsonMapper json;

    TranslationSuggestions(JdbcOperations jdbc, DocumentRepository documents, SearchEngine search, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.documents = documents;
        this.search = search;
    }

    /** The likely translations of the document, best first; empty when it has no language. */
    @ReadOnly
    List<TranslationSuggestion> of(UUID id) {
        Document document = documents.find(id).orElseThrow(() -> Document.notFound(id));
        return of(document, new HashMap<>());
    }

    /**
     * The likely pairs among the newest {@code scanned} documents that have a language, each pair once, best first,
     * at most {@code size}.
     */
    @ReadOnly
    List<TranslationSuggestion.Pair> pairs(int scanned, int size) {
        List<UUID> newest = jdbc.prepareStatement("""
                SELECT d.id FROM documents d
                 WHERE d.status <> 'withdrawn' AND d.language IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM documents n WHERE n.supersedes_id = d.id)
                 ORDER BY d.created_at DESC LIMIT ?
                """, statement -> {
            statement.setInt(1, scanned);
            ResultSet rows = statement.executeQuery();
            List<UUID> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getObject(1, UUID.class));
            }
            return ids;
        });
        Map<UUID, List<String>> numbers = new HashMap<>();
        Set<String> seen = new HashSet<>();
        List<TranslationSuggestion.Pair> pairs = new ArrayList<>();
        for (Document document : documents.findAll(newest)) {
            for (TranslationSuggestion suggestion : of(document, numbers)) {
                String a = document.id().toString();
                String key = a.compareTo(suggestion.id()) < 0 ? a + suggestion.id() : suggestion.id() + a;
                if (seen.add(key)) {
                    pairs.add(new TranslationSuggestion.Pair(
                            new TranslationRef(
                                    a,
                                    document.metadata().language(),
                                    document.metadata().title()),
                            suggestion));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(
                        (TranslationSuggestion.Pair pair) -> pair.suggestion().score())
                .reversed());
        return pairs.size() > size ? List.copyOf(pairs.subList(0, size)) : pairs;
    }

    private List<TranslationSuggestion> of(Document document, Map<UUID, List<String>> numbers) {
        DocumentMetadata meta = document.metadata();
        if (meta.language() == null) {
            return List.of();
        }
        Integer pageCount = document.file().pageCount();
        LocalDate date = meta.publicationDate() == null ? null : LocalDate.parse(meta.publicationDate());
        List<Candidate> candidates = candidates(document, pageCount, date);
        String translatedTitle = translated(meta.title(), meta.language());
        List<String> names = meta.authors().stream().map(Author::name).toList();
        List<TranslationSuggestion> suggestions = new ArrayList<>();
        for (Candidate candidate : candidates) {
            List<TranslationSuggestion.Reason> reasons = new ArrayList<>();
            if (meta.doi() != null && meta.doi().equalsIgnoreCase(candidate.doi())) {
                reasons.add(new TranslationSuggestion.Reason("same-doi", 0.95, "both have the DOI " + meta.doi()));
            }
            if (date != null
                    && candidate.date() != null
                    && date.getYear() == candidate.date().getYear()) {
                double authors = TranslationLikeness.authorOverlap(names, candidate.authors());
                double title = TranslationLikeness.titleOverlap(meta.title(), translatedTitle, candidate.title());
                if (authors >= 0.5 && title >= 0.3) {
                    reasons.add(new TranslationSuggestion.Reason(
                            "translated-title",
                            round(0.55 + 0.2 * authors + 0.2 * title),
                            "same year (" + date.getYear() + "), " + percent(authors) + " of authors in common, "
                                    + percent(title) + " of the title's words once translated"));
                }
            }
            if (pageCount != null
                    && candidate.pageCount() != null
                    && Math.abs(pageCount - candidate.pageCount()) <= Math.max(1, pageCount / 10)
                    && pageCount <= MAX_STRUCTURE_PAGES
                    && candidate.pageCount() <= MAX_STRUCTURE_PAGES
                    && "indexed".equals(document.file().extractionStatus())
                    && candidate.indexed()) {
                List<String> mine = numbers.computeIfAbsent(document.id(), id -> numbersOf(id, pageCount));
                List<String> theirs =
                        numbers.computeIfAbsent(candidate.id(), id -> numbersOf(id, candidate.pageCount()));
                double similarity = TranslationLikeness.sequenceSimilarity(mine, theirs, MIN_NUMBERS);
                if (similarity >= 0.6) {
                    reasons.add(new TranslationSuggestion.Reason(
                            "same-structure",
                            round(0.3 + 0.6 * similarity),
                            percent(similarity) + " of their numbers in the same order (" + mine.size() + " and "
                                    + theirs.size() + "); " + pageCount + " and " + candidate.pageCount() + " pages"));
                }
            }
            if (reasons.isEmpty()) {
                continue;
            }
            reasons.sort(Comparator.comparingDouble(TranslationSuggestion.Reason::score)
                    .reversed());
            double score = Math.min(1.0, reasons.getFirst().score() + 0.05 * (reasons.size() - 1));
            if (score >= THRESHOLD) {
                suggestions.add(new TranslationSuggestion(
                        candidate.id().toString(), candidate.language(), candidate.title(), round(score), reasons));
            }
        }
        suggestions.sort(
                Comparator.comparingDouble(TranslationSuggestion::score).reversed());
        return suggestions;
    }

    private List<Candidate> candidates(Document document, Integer pageCount, LocalDate date) {
        DocumentMetadata meta = document.metadata();
        return jdbc.prepareStatement(CANDIDATES, statement -> {
            statement.setObject(1, document.id());
            statement.setString(2, meta.language());
            statement.setString(3, meta.doi());
            statement.setObject(4, date == null ? null : date.getYear(), Types.INTEGER);
            int slack = pageCount == null ? 0 : Math.max(1, pageCount / 10);
            statement.setObject(5, pageCount == null ? null : pageCount - slack, Types.INTEGER);
            statement.setObject(6, pageCount == null ? null : pageCount + slack, Types.INTEGER);
            statement.setInt(7, MAX_CANDIDATES);
            statement.setObject(8, document.id());
            statement.setObject(9, document.id());
            ResultSet rows = statement.executeQuery();
            List<Candidate> found = new ArrayList<>();
            while (rows.next()) {
                Date published = rows.getDate("publication_date");
                found.add(new Candidate(
                        rows.getObject("id", UUID.class),
                        rows.getString("title"),
                        rows.getString("language"),
                        rows.getString("doi"),
                        published == null ? null : published.toLocalDate(),
                        authorNames(rows.getString("authors")),
                        (Integer) rows.getObject("page_count"),
                        "indexed".equals(rows.getString("extraction_status"))));
            }
            return found;
        });
    }

    /** The title in the other language, as search translates a query; empty when it cannot tell. */
    private String translated(String title, String language) {
        if (title == null || title.isBlank()) {
            return "";
        }
        try {
            return search.translate(title, language).text();
        } catch (EngineUnavailableException e) {
            throw SearchUnavailableException.engineUnavailable(e); // suggestions without the index would mislead
        } catch (SearchException e) {
            return ""; // the title's own words still count
        }
    }

    /** The numbers of the document's text as the index holds it, page by page; empty when the index cannot tell. */
    private List<String> numbersOf(UUID id, int pageCount) {
        StringBuilder text = new StringBuilder();
        try {
            for (int page = 1; page <= pageCount; page++) {
                text.append(search.page(id.toString(), page, null, null, Access.everything())
                                .html())
                        .append('\n');
            }
        } catch (EngineUnavailableException e) {
            throw SearchUnavailableException.engineUnavailable(e);
        } catch (SearchException e) {
            return List.of(); // not (or no longer) in the index: structure tells nothing
        }
        return TranslationLikeness.numbers(text.toString());
    }

    private List<String> authorNames(String stored) {
        if (stored == null) {
            return List.of();
        }
        try {
            return json.readValue(stored, Argument.listOf(Author.class)).stream()
                    .map(Author::name)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the authors " + stored, e);
        }
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static String percent(double share) {
        return Math.round(share * 100) + " %";
    }

    private record Candidate(
            UUID id,
            String title,
            String language,
            String doi,
            LocalDate date,
            List<String> authors,
            Integer pageCount,
            boolean indexed) {}
}
