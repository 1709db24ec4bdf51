package org.alima.portal.indexer.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.alima.portal.indexer.index.IndexSchema;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;

/**
 * Completes what a user is typing into document titles and keywords. Every typed word must begin a word of the title
 * (or of one keyword), in any order, ignoring case and accents: "malar ind" → "Malaria Indicator Survey 2021",
 * "reani" → "Réanimation néonatale". It queries prefix terms indexed with each document, so it is as fresh as the
 * index (a deleted document disappears at the next refresh) and needs no separate structure to rebuild. Suggestions
 * are read from the matching documents themselves, so restricting those to the visible ones means a hidden document's
 * words are never proposed. Stateless; thread-safe.
 */
final class TypeAhead {

    static final int MAX_TEXT_LENGTH = 100;
    static final int MAX_SIZE = 20;
    private static final int MAX_WORDS = 10;

    /** Titles outrank keywords: a title names a document the user can open directly. */
    private static final float TITLE_BOOST = 2f;

    List<Suggestion> complete(IndexSearcher searcher, Visibility visibility, String typed, int size)
            throws IOException {
        List<String> prefixes = prefixes(typed, size);
        if (prefixes.isEmpty()) {
            return List.of();
        }
        ScoreDoc[] top = searcher.search(visibility.restrict(query(prefixes)), candidates(size)).scoreDocs;
        StoredFields stored = searcher.storedFields();
        List<Candidate> found = new ArrayList<>(top.length);
        for (ScoreDoc hit : top) {
            Document doc = stored.document(hit.doc, Set.of(IndexSchema.ID, IndexSchema.TITLE, IndexSchema.KEYWORDS));
            found.add(new Candidate(
                    doc.get(IndexSchema.ID), doc.get(IndexSchema.TITLE), List.of(doc.getValues(IndexSchema.KEYWORDS))));
        }
        return pick(found, prefixes, size);
    }

    /**
     * The folded prefixes to look up; empty when nothing was typed.
     *
     * @throws InvalidSearchRequestException when the text is too long or the size out of bounds
     */
    static List<String> prefixes(String typed, int size) throws IOException {
        if (typed == null) {
            return List.of();
        }
        if (typed.length() > MAX_TEXT_LENGTH) {
            throw new InvalidSearchRequestException(
                    "autocomplete takes at most " + MAX_TEXT_LENGTH + " characters, got " + typed.length());
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidSearchRequestException(
                    "autocomplete size must be between 1 and " + MAX_SIZE + " (MAX_SIZE), got " + size);
        }
        return words(typed);
    }

    /** Documents read to fill {@code size} suggestions. */
    static int candidates(int size) {
        return size * 4;
    }

    /** Every prefix begins a word of the title (boosted) or of a keyword. */
    static Query query(List<String> prefixes) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (String prefix : prefixes) {
            query.add(
                    new BooleanQuery.Builder()
                            .add(
                                    new BoostQuery(
                                            new TermQuery(new Term(IndexSchema.TITLE_PREFIXES, prefix)), TITLE_BOOST),
                                    BooleanClause.Occur.SHOULD)
                            .add(
                                    new TermQuery(new Term(IndexSchema.KEYWORD_PREFIXES, prefix)),
                                    BooleanClause.Occur.SHOULD)
                            .build(),
                    BooleanClause.Occur.MUST);
        }
        return query.build();
    }

    /** A document the prefix query found, best first: what suggestions are read from. */
    record Candidate(String id, String title, List<String> keywords) {}

    /** The suggestions read from the found documents, best first: titles, then keywords not already proposed. */
    static List<Suggestion> pick(List<Candidate> found, List<String> prefixes, int size) throws IOException {
        List<Suggestion> suggestions = new ArrayList<>();
        Set<String> seenKeywords = new HashSet<>();
        for (Candidate doc : found) {
            String title = doc.title();
            if (title != null && startsWords(title, prefixes) && suggestions.size() < size) {
                suggestions.add(new Suggestion(title, Suggestion.Kind.TITLE, doc.id()));
            }
            for (String keyword : doc.keywords()) {
                if (suggestions.size() < size
                        && startsWords(keyword, prefixes)
                        && seenKeywords.add(String.join(" ", words(keyword)))) {
                    suggestions.add(new Suggestion(keyword, Suggestion.Kind.KEYWORD, null));
                }
            }
            if (suggestions.size() == size) {
                break;
            }
        }
        return suggestions;
    }

    /** Whether each prefix begins some word of the text. */
    private static boolean startsWords(String text, List<String> prefixes) throws IOException {
        List<String> words = words(text);
        for (String prefix : prefixes) {
            if (words.stream().noneMatch(word -> word.startsWith(prefix))) {
                return false;
            }
        }
        return true;
    }

    /** Folded words of at least two characters, as the prefix fields index them. */
    private static List<String> words(String text) throws IOException {
        List<String> words = new ArrayList<>();
        try (TokenStream stream = IndexSchema.completionQueryAnalyzer().tokenStream("", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken() && words.size() < MAX_WORDS) {
                if (term.length() >= 2) {
                    words.add(term.toString());
                }
            }
            stream.end();
        }
        return words;
    }
}
