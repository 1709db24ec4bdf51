package org.alima.portal.indexer.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.alima.portal.indexer.index.IndexSchema;
import org.alima.portal.indexer.search.SearchResponse.PageHit;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.MatchesIterator;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Weight;

/**
 * Finds the pages of a hit where the query matches best, with a snippet of each. Where the query matched comes from
 * the body's postings (offsets, no text), mapped to pages by the page lengths; only the chosen pages' text is then
 * read, from the page documents stored right after their document. So the cost depends on the number of matches and
 * chosen pages, not on the length of the document. Not thread-safe: one per search.
 *
 * <p>The best page matches the most distinct parts of the query (words, phrases, prefixes), then has the most
 * matches, then comes first. A part is what the user typed as one word or phrase, with everything it stands for: its
 * stems and its translations ("vaccination", "immunization") count once, so a page does not win by repeating one idea
 * in two languages or two spellings.
 */
final class BestPages {

    /** Matches read per document at most; bounds the work on a word repeated on every line of 1,000 pages. */
    static final int MAX_MATCHES_READ = 10_000;

    private static final Comparator<PageMatches> BEST_FIRST = Comparator.comparingInt(
                    (PageMatches page) -> page.parts.size())
            .reversed()
            .thenComparing(Comparator.comparingInt((PageMatches page) -> page.matches.size())
                    .reversed())
            .thenComparingInt(page -> page.number);

    private final IndexSearcher searcher;
    private final Weight weight;
    private final Map<Query, Integer> partOfLeaf;
    private final int pages;
    private final StoredFields stored;

    private BestPages(IndexSearcher searcher, Weight weight, Map<Query, Integer> partOfLeaf, int pages)
            throws IOException {
        this.searcher = searcher;
        this.weight = weight;
        this.partOfLeaf = partOfLeaf;
        this.pages = pages;
        this.stored = searcher.storedFields();
    }

    /**
     * @param highlight the positive parts of the query, on the body, one clause per typed word or phrase; null when
     *     nothing is to be marked (a hit found by meaning alone still gets the page of its passage)
     */
    static BestPages of(IndexSearcher searcher, Query highlight, int pagesPerHit) throws IOException {
        if (highlight == null) {
            return new BestPages(searcher, null, Map.of(), pagesPerHit);
        }
        Query rewritten = searcher.rewrite(highlight);
        Weight weight = searcher.createWeight(rewritten, ScoreMode.COMPLETE_NO_SCORES, 1f);
        return new BestPages(searcher, weight, partsOf(rewritten), pagesPerHit);
    }

    /** The part (top-level clause) each leaf query of the highlight query belongs to. */
    private static Map<Query, Integer> partsOf(Query highlight) {
        List<Query> clauses = highlight instanceof BooleanQuery bool
                ? bool.clauses().stream()
                        .filter(clause -> clause.occur() != BooleanClause.Occur.MUST_NOT)
                        .map(BooleanClause::query)
                        .toList()
                : List.of(highlight);
        Map<Query, Integer> parts = new HashMap<>();
        for (int i = 0; i < clauses.size(); i++) {
            int part = i;
            clauses.get(i).visit(new QueryVisitor() {
                @Override
                public void consumeTerms(Query query, Term... terms) {
                    parts.putIfAbsent(query, part);
                }

                @Override
                public void visitLeaf(Query query) {
                    parts.putIfAbsent(query, part);
                }
            });
        }
        return parts;
    }

    /**
     * The page of a passage found by meaning, its snippet cut from the passage (the query's words marked where they
     * occur in it).
     */
    PageHit passage(int doc, int page, int start, int end) throws IOException {
        StoredPage stored = storedPage(doc, page);
        String text = stored.text();
        int from = Math.min(start, text.length());
        int to = Math.min(Math.max(end, from), text.length());
        List<Snippet.Match> marks = new ArrayList<>();
        MatchesIterator iterator = bodyMatches(doc);
        if (iterator != null) {
            int[] starts = starts(doc);
            int pageStart = starts != null && page <= starts.length ? starts[page - 1] : -1;
            for (int read = 0; pageStart >= 0 && read < MAX_MATCHES_READ && iterator.next(); read++) {
                int matchStart = iterator.startOffset() - pageStart;
                int matchEnd = iterator.endOffset() - pageStart;
                if (matchStart >= from && matchEnd <= to) {
                    marks.add(new Snippet.Match(
                            matchStart - from, matchEnd - from, partOfLeaf.getOrDefault(iterator.getQuery(), 0)));
                }
            }
        }
        return new PageHit(page, Snippet.of(text.substring(from, to), dedupe(marks)), true, stored.ocr());
    }

    /** The whole text of the page, the query's words marked in it. */
    PageText.Marked marked(int doc, int page) throws IOException {
        String text = pageText(doc, page);
        List<Snippet.Match> marks = new ArrayList<>();
        MatchesIterator iterator = bodyMatches(doc);
        int[] starts = iterator == null ? null : starts(doc);
        if (starts != null && page <= starts.length) {
            int pageStart = starts[page - 1];
            int pageEnd = pageStart + text.length();
            for (int read = 0; read < MAX_MATCHES_READ && iterator.next(); read++) {
                int start = iterator.startOffset();
                if (start >= pageStart && iterator.endOffset() <= pageEnd) {
                    marks.add(new Snippet.Match(
                            start - pageStart,
                            iterator.endOffset() - pageStart,
                            partOfLeaf.getOrDefault(iterator.getQuery(), 0)));
                }
            }
        }
        List<Snippet.Match> kept = dedupe(marks);
        return new PageText.Marked(Snippet.whole(text, kept), kept.size());
    }

    private static List<Snippet.Match> dedupe(List<Snippet.Match> marks) {
        Set<Long> seen = new HashSet<>();
        List<Snippet.Match> kept = new ArrayList<>();
        for (Snippet.Match mark : marks) {
            if (seen.add(((long) mark.start() << 32) | mark.end())) {
                kept.add(mark);
            }
        }
        return kept;
    }

    private MatchesIterator bodyMatches(int doc) throws IOException {
        if (weight == null) {
            return null;
        }
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        Matches matches = weight.matches(leaf, doc - leaf.docBase);
        return matches == null ? null : matches.getMatches(IndexSchema.BODY);
    }

    private int[] starts(int doc) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        BinaryDocValues lengths = leaf.reader().getBinaryDocValues(IndexSchema.PAGE_LENGTHS);
        if (lengths == null || !lengths.advanceExact(doc - leaf.docBase)) {
            return null;
        }
        return IndexSchema.pageStarts(lengths.binaryValue());
    }

    private String pageText(int doc, int page) throws IOException {
        return storedPage(doc, page).text();
    }

    private StoredPage storedPage(int doc, int page) throws IOException {
        // A block's documents have consecutive doc ids: page k follows its document by k.
        Document pageDoc = stored.document(
                doc + page, Set.of(IndexSchema.PAGE_NUMBER, IndexSchema.PAGE_TEXT, IndexSchema.PAGE_OCR));
        if (pageDoc.getField(IndexSchema.PAGE_NUMBER) == null
                || pageDoc.getField(IndexSchema.PAGE_NUMBER).numericValue().intValue() != page) {
            throw new IllegalStateException(
                    "page " + page + " of doc " + doc + " is not where it was indexed; rebuild the index");
        }
        return new StoredPage(pageDoc.get(IndexSchema.PAGE_TEXT), pageDoc.getField(IndexSchema.PAGE_OCR) != null);
    }

    /** A page's stored text and whether OCR read it. */
    private record StoredPage(String text, boolean ocr) {}

    /** The best pages of the document with this (top-level) doc id, best first; empty when its text did not match. */
    List<PageHit> of(int doc) throws IOException {
        if (weight == null) {
            return List.of();
        }
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        int local = doc - leaf.docBase;
        Matches matches = weight.matches(leaf, local);
        MatchesIterator iterator = matches == null ? null : matches.getMatches(IndexSchema.BODY);
        BinaryDocValues lengths = leaf.reader().getBinaryDocValues(IndexSchema.PAGE_LENGTHS);
        if (iterator == null || lengths == null || !lengths.advanceExact(local)) {
            return List.of();
        }
        int[] starts = IndexSchema.pageStarts(lengths.binaryValue());
        Map<Integer, PageMatches> byPage = new HashMap<>();
        Map<Query, Integer> parts = new HashMap<>();
        for (int read = 0; read < MAX_MATCHES_READ && iterator.next(); read++) {
            int start = iterator.startOffset();
            if (start < 0) {
                continue;
            }
            int page = pageOf(starts, start);
            Integer known = partOfLeaf.get(iterator.getQuery());
            int part = known != null
                    ? known
                    : parts.computeIfAbsent(iterator.getQuery(), query -> partOfLeaf.size() + parts.size());
            byPage.computeIfAbsent(page, number -> new PageMatches(number, starts[number - 1]))
                    .add(start, iterator.endOffset(), part);
        }
        List<PageHit> hits = new ArrayList<>();
        for (PageMatches page :
                byPage.values().stream().sorted(BEST_FIRST).limit(pages).toList()) {
            StoredPage stored = storedPage(doc, page.number);
            hits.add(new PageHit(page.number, Snippet.of(stored.text(), page.relative()), false, stored.ocr()));
        }
        return hits;
    }

    /**
     * The numbers of the best {@code pages} pages, best first, each given its matches (offsets within the page,
     * stacked stems at one offset counted once): the order {@link #of} chooses pages in.
     */
    static List<Integer> bestFirst(Map<Integer, List<Snippet.Match>> byPage, int pages) {
        List<PageMatches> all = new ArrayList<>();
        byPage.forEach((number, matches) -> {
            PageMatches page = new PageMatches(number, 0);
            matches.forEach(match -> page.add(match.start(), match.end(), match.part()));
            all.add(page);
        });
        return all.stream()
                .sorted(BEST_FIRST)
                .limit(pages)
                .map(page -> page.number)
                .toList();
    }

    /** 1-based page of a body offset. */
    private static int pageOf(int[] starts, int offset) {
        int low = 0;
        int high = starts.length - 1;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (starts[middle] <= offset) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low + 1;
    }

    /** The matches on one page. */
    private static final class PageMatches {
        final int number;
        final int start;
        final List<Snippet.Match> matches = new ArrayList<>();
        final Set<Integer> parts = new HashSet<>();
        private final Set<Long> seen = new HashSet<>();

        PageMatches(int number, int start) {
            this.number = number;
            this.start = start;
        }

        void add(int from, int to, int part) {
            // Stacked stems match at the same offsets as their word: count the word once.
            if (seen.add(((long) from << 32) | to)) {
                matches.add(new Snippet.Match(from - start, to - start, part));
            }
            parts.add(part);
        }

        List<Snippet.Match> relative() {
            return matches;
        }
    }
}
