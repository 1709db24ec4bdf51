package org.alima.portal.indexer.crosslang;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Translates a search query between French and English, in-process, from term tables in the jar: the one entry point
 * of cross-language search. Immutable; thread-safe.
 *
 * <p>The query's language is told by its words ({@link QueryLanguage}), with the reader's language as the tie-break.
 * Its words are then read left to right, each time taking the longest term of the table that starts there ("fièvre
 * jaune" before "fièvre"), in its dictionary form ("enfants" → "enfant", "augmentent" → "augmenter"); a learned word
 * that no table knows may still get a cognate that the index holds ("biomatériaux" → "biomaterials"). Operators,
 * field filters, phrases, prefixes and fuzzy words are left as typed.
 *
 * <p>Used by {@code PortalSearch} for every query; a sentence encoder may take {@link Translation#text()}.
 */
public final class QueryTranslator {

    /** Translations kept per word or term, best first: more adds clauses and noise more than matches. */
    public static final int MAX_ALTERNATIVES = 3;

    /**
     * Weight of a translation against the typed word (1), per source, as measured on SciFact's French training claims;
     * see the package notes.
     */
    public static final Map<TranslationSource, Float> STANDARD_WEIGHTS =
            Map.of(TranslationSource.CURATED, 1.0f, TranslationSource.COGNATES, 1.0f);

    private static final Set<String> OPERATORS = Set.of("AND", "OR", "NOT", "&&", "||");

    private final Map<TranslationSource, Float> weights;
    private final TermTable table;
    private final CognateRules cognates;

    private QueryTranslator(Map<TranslationSource, Float> weights) {
        Map<TranslationSource, Float> copy = new EnumMap<>(TranslationSource.class);
        copy.putAll(weights);
        this.weights = Collections.unmodifiableMap(copy);
        this.table = TermTable.read(orderedTables(weights));
        this.cognates = weights.containsKey(TranslationSource.COGNATES) ? CognateRules.read() : CognateRules.none();
    }

    private static Map<TranslationSource, Float> orderedTables(Map<TranslationSource, Float> weights) {
        Map<TranslationSource, Float> ordered = new LinkedHashMap<>();
        for (TranslationSource source : TranslationSource.values()) {
            if (weights.containsKey(source) && source != TranslationSource.COGNATES) {
                ordered.put(source, weights.get(source));
            }
        }
        return ordered;
    }

    /** The portal's translator: the sources and weights that measured best. Loaded once per process. */
    public static QueryTranslator standard() {
        return Standard.INSTANCE;
    }

    private static final class Standard {
        static final QueryTranslator INSTANCE = new QueryTranslator(STANDARD_WEIGHTS);
    }

    /** A translator that translates nothing: search by the typed words only. */
    public static QueryTranslator off() {
        return Off.INSTANCE;
    }

    private static final class Off {
        static final QueryTranslator INSTANCE = new QueryTranslator(Map.of());
    }

    /**
     * A translator with the given sources only, each with its weight against the typed word: for measuring what each
     * source brings.
     *
     * @throws IllegalArgumentException for a weight outside (0, 10]
     */
    public static QueryTranslator of(Map<TranslationSource, Float> weights) {
        weights.forEach((source, weight) -> {
            if (!(weight > 0 && weight <= 10)) {
                throw new IllegalArgumentException("the weight of " + source + " must be in (0, 10], got " + weight);
            }
        });
        return weights.isEmpty() ? off() : new QueryTranslator(weights);
    }

    /** The sources this translator uses, with their weights; empty when it is {@link #off()}. */
    public Map<TranslationSource, Float> weights() {
        return weights;
    }

    public boolean isOff() {
        return weights.isEmpty();
    }

    /**
     * The query in the other language.
     *
     * @param query what the user typed, in the portal's query syntax
     * @param readerLanguage the reader's language (the interface's), which decides when the words do not; may be null
     * @param vocabulary the words the searched index holds; cognates outside it are dropped
     */
    public Translation translate(String query, Language readerLanguage, Vocabulary vocabulary) {
        Objects.requireNonNull(vocabulary, "vocabulary");
        if (query == null || query.isBlank() || isOff()) {
            return Translation.none(query);
        }
        List<Token> tokens = tokens(query);
        List<WordForms.Word> words = new ArrayList<>();
        List<Integer> tokenOf = new ArrayList<>();
        for (int t = 0; t < tokens.size(); t++) {
            for (WordForms.Word word : tokens.get(t).words()) {
                words.add(word);
                tokenOf.add(t);
            }
        }
        if (words.isEmpty()) {
            return Translation.none(query);
        }
        Optional<Language> language = QueryLanguage.guess(words, readerLanguage, table);
        List<Segment> segments = segments(words, language, vocabulary);
        return new Translation(language, render(words, segments), byToken(tokens, tokenOf, words, segments));
    }

    /**
     * A run of words of the query and its translations (empty when none).
     *
     * @param searched false for a function word ("chez" → "in"): its translation reads well in {@link
     *     Translation#text()} but would only add noise to a word search
     */
    private record Segment(int start, int end, List<Alternative> translations, boolean searched) {}

    private List<Segment> segments(List<WordForms.Word> words, Optional<Language> language, Vocabulary vocabulary) {
        List<String> folded = words.stream().map(WordForms.Word::folded).toList();
        List<Language> sides = language.map(List::of).orElse(List.of(Language.FRENCH, Language.ENGLISH));
        List<Segment> segments = new ArrayList<>();
        int i = 0;
        while (i < words.size()) {
            String word = folded.get(i);
            int end = i + 1;
            List<Alternative> found = new ArrayList<>();
            if (!WordForms.isNumber(word)) {
                for (Language side : sides) {
                    TermTable.Match match = table.longestAt(folded, i, side);
                    if (match != null && i + match.words() >= end) {
                        if (i + match.words() > end) {
                            found.clear();
                            end = i + match.words();
                        }
                        found.addAll(match.translations());
                    }
                }
                if (found.isEmpty() && weights.containsKey(TranslationSource.COGNATES)) {
                    float weight = weights.get(TranslationSource.COGNATES);
                    for (Language side : sides) {
                        for (String cognate : cognates.cognates(word, side, vocabulary)) {
                            found.add(new Alternative(cognate, side.other(), weight, TranslationSource.COGNATES));
                        }
                    }
                }
            }
            String typed = String.join(" ", folded.subList(i, end));
            List<Alternative> kept = found.stream()
                    .filter(a -> !String.join(" ", WordForms.folded(a.text())).equals(typed))
                    .distinct()
                    .limit(MAX_ALTERNATIVES)
                    .toList();
            boolean functionWord = end == i + 1 && QueryLanguage.isFunctionWord(word);
            segments.add(new Segment(i, end, kept, !functionWord));
            i = end;
        }
        return segments;
    }

    private static String render(List<WordForms.Word> words, List<Segment> segments) {
        StringBuilder text = new StringBuilder();
        for (Segment segment : segments) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            if (segment.translations().isEmpty()) {
                for (int w = segment.start(); w < segment.end(); w++) {
                    text.append(w > segment.start() ? " " : "")
                            .append(words.get(w).surface());
                }
            } else {
                text.append(segment.translations().getFirst().text());
            }
        }
        return text.toString();
    }

    /**
     * Each token's translations: a term's, shared among the tokens it spans (so "prise en charge" → "management" counts
     * once however many of its words are typed), or, for a token of several words that no one term covers
     * ("anti-inflammatoire"), its words' best translations joined into one.
     */
    private static Map<String, List<Alternative>> byToken(
            List<Token> tokens, List<Integer> tokenOf, List<WordForms.Word> words, List<Segment> segments) {
        Map<String, List<Alternative>> byToken = new LinkedHashMap<>();
        int s = 0;
        int w = 0;
        for (int t = 0; t < tokens.size(); t++) {
            int first = w;
            while (w < words.size() && tokenOf.get(w) == t) {
                w++;
            }
            if (first == w) {
                continue;
            }
            while (s < segments.size() && segments.get(s).end() <= first) {
                s++;
            }
            Segment segment = segments.get(s);
            List<Alternative> translations;
            if (!segment.searched()) {
                translations = List.of();
            } else if (segment.start() <= first && segment.end() >= w) {
                int spanned = tokenOf.get(segment.end() - 1) - tokenOf.get(segment.start()) + 1;
                translations = segment.translations().stream()
                        .map(a -> spanned == 1 ? a : a.withWeight(a.weight() / spanned))
                        .toList();
            } else {
                translations = composed(words, segments, first, w);
            }
            if (!translations.isEmpty()) {
                byToken.merge(Translation.key(tokens.get(t).text()), translations, QueryTranslator::union);
            }
        }
        return byToken;
    }

    private static List<Alternative> composed(List<WordForms.Word> words, List<Segment> segments, int first, int end) {
        StringBuilder text = new StringBuilder();
        float weight = Float.MAX_VALUE;
        Alternative leading = null;
        for (Segment segment : segments) {
            if (segment.end() <= first || segment.start() >= end) {
                continue;
            }
            if (!text.isEmpty()) {
                text.append(' ');
            }
            if (segment.translations().isEmpty() || !segment.searched()) {
                for (int w = Math.max(first, segment.start()); w < Math.min(end, segment.end()); w++) {
                    text.append(w > Math.max(first, segment.start()) ? " " : "")
                            .append(words.get(w).surface());
                }
            } else {
                Alternative best = segment.translations().getFirst();
                text.append(best.text());
                weight = Math.min(weight, best.weight());
                leading = leading == null ? best : leading;
            }
        }
        return leading == null
                ? List.of()
                : List.of(new Alternative(text.toString(), leading.language(), weight, leading.source()));
    }

    private static List<Alternative> union(List<Alternative> a, List<Alternative> b) {
        List<Alternative> union = new ArrayList<>(a);
        b.stream().filter(x -> !union.contains(x)).forEach(union::add);
        return union.stream().limit(MAX_ALTERNATIVES).toList();
    }

    /** A whitespace-separated piece of the query that is plain text, as the portal's parser will see it. */
    private record Token(String text, List<WordForms.Word> words) {}

    /**
     * The plain-text tokens of a query: split at blanks and parentheses; operators, {@code field:value}, quoted
     * phrases, {@code prefix*} and {@code fuzzy~} left out; leading {@code +} and {@code -} removed.
     */
    private static List<Token> tokens(String query) {
        List<Token> tokens = new ArrayList<>();
        boolean inQuotes = false;
        StringBuilder current = new StringBuilder();
        for (int i = 0; i <= query.length(); i++) {
            char c = i < query.length() ? query.charAt(i) : ' ';
            if (c == '"') {
                inQuotes = !inQuotes;
                current.setLength(0);
                continue;
            }
            if (inQuotes) {
                continue;
            }
            if (Character.isWhitespace(c) || c == '(' || c == ')') {
                addToken(current.toString(), tokens);
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        return tokens;
    }

    private static void addToken(String raw, List<Token> tokens) {
        if (raw.isEmpty() || OPERATORS.contains(raw)) {
            return;
        }
        String text = raw.replaceFirst("^[+\\-!]+", "");
        if (text.isEmpty() || text.indexOf(':') >= 0 || text.endsWith("*") || text.matches(".*~\\d*(\\.\\d+)?$")) {
            return;
        }
        List<WordForms.Word> words = WordForms.words(text.replace("\\", ""));
        if (!words.isEmpty()) {
            tokens.add(new Token(text, words));
        }
    }

    @Override
    public String toString() {
        return isOff() ? "translation off" : "translation " + weights.toString().toLowerCase(Locale.ROOT);
    }
}
