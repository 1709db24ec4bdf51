package org.alima.portal.indexer.crosslang;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A bilingual table of single words and multi-word terms, read in both directions: French → English as written, and
 * English → French by inverting it. Immutable once built; thread-safe.
 *
 * <p>File format (UTF-8, one term a line): the French term, a tab, its English translations separated by "|", best
 * first; lines starting with "#" are comments. Terms are compared word by word in their folded dictionary form (see
 * {@link WordForms}), so "Insuffisances rénales" finds the line "insuffisance rénale". Inside a multi-word term the
 * linking words (de, la, en…; of, the, in…) are skipped on both sides, so "taux de mortalité" and "taux mortalité"
 * find the same line.
 */
final class TermTable {

    /**
     * Linking words skipped inside multi-word terms, folded. Not "à" or "a": folded, they are also the letter of
     * "vitamine A", "vitamin A", as "d" and "l" are of "vitamine D" (elided d' and l' never reach here).
     */
    private static final Map<Language, Set<String>> LINKING_WORDS = Map.of(
            Language.FRENCH, Set.of("de", "du", "des", "la", "le", "les", "en", "au", "aux", "un", "une"),
            Language.ENGLISH, Set.of("of", "the", "an", "in", "to", "for", "on"));

    /** One line of a table, from one side: the key words (folded, linking words removed) and the other side. */
    private record Term(List<String> key, List<Alternative> translations) {}

    /** A term found in a text: how many words of the text it covers, and its translations, best first. */
    record Match(int words, List<Alternative> translations) {}

    private final Map<Language, Map<String, List<Term>>> byFirstWord = new EnumMap<>(Language.class);
    private final Map<Language, Integer> sizes = new EnumMap<>(Language.class);

    private TermTable(Map<Language, Map<List<String>, List<Alternative>>> entries) {
        for (Language language : Language.values()) {
            Map<String, List<Term>> index = new HashMap<>();
            entries.get(language)
                    .forEach((key, translations) -> index.computeIfAbsent(key.getFirst(), k -> new ArrayList<>())
                            .add(new Term(key, List.copyOf(translations))));
            // Longest terms first, so that "fièvre jaune" wins over "fièvre".
            index.values()
                    .forEach(terms -> terms.sort(
                            Comparator.comparingInt((Term t) -> -t.key().size())));
            byFirstWord.put(language, index);
            sizes.put(language, entries.get(language).size());
        }
    }

    /** An empty table. */
    static TermTable empty() {
        return read(Map.of());
    }

    /** The tables of the given sources (files of this package), merged; earlier sources rank their translations first. */
    static TermTable read(Map<TranslationSource, Float> weightsBySource) {
        Map<Language, Map<List<String>, List<Alternative>>> entries = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            entries.put(language, new LinkedHashMap<>());
        }
        for (Map.Entry<TranslationSource, Float> source : weightsBySource.entrySet()) {
            if (source.getKey() == TranslationSource.COGNATES) {
                continue;
            }
            try (InputStream in =
                    TermTable.class.getResourceAsStream(source.getKey().resource())) {
                if (in == null) {
                    throw new IllegalStateException("the term table "
                            + source.getKey().resource() + " is missing from the classpath; the jar is incomplete");
                }
                readLines(in, source.getKey(), source.getValue(), entries);
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "cannot read the term table " + source.getKey().resource(), e);
            }
        }
        return new TermTable(entries);
    }

    /** Reads one table; French keys keep their order, the English side is inverted with rank then file order. */
    static TermTable of(String tsv) {
        Map<Language, Map<List<String>, List<Alternative>>> entries = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            entries.put(language, new LinkedHashMap<>());
        }
        try {
            readLines(
                    new java.io.ByteArrayInputStream(tsv.getBytes(StandardCharsets.UTF_8)),
                    TranslationSource.CURATED,
                    1f,
                    entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TermTable(entries);
    }

    private static void readLines(
            InputStream in,
            TranslationSource source,
            float weight,
            Map<Language, Map<List<String>, List<Alternative>>> entries)
            throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<String[]> inverse = new ArrayList<>();
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] columns = line.split("\t");
            if (columns.length < 2 || columns[0].isBlank() || columns[1].isBlank()) {
                throw new IllegalStateException(source.resource() + " line " + number
                        + ": expected a French term, a tab and English translations separated by |, got: " + line);
            }
            String french = columns[0].strip();
            List<String> englishTerms = new ArrayList<>();
            for (String english : columns[1].split("\\|")) {
                if (!english.isBlank()) {
                    englishTerms.add(english.strip());
                }
            }
            List<String> key = key(french, Language.FRENCH);
            if (key.isEmpty()) {
                continue;
            }
            List<Alternative> translations = entries.get(Language.FRENCH).computeIfAbsent(key, k -> new ArrayList<>());
            for (String english : englishTerms) {
                add(translations, new Alternative(english, Language.ENGLISH, weight, source));
            }
            for (int rank = 0; rank < englishTerms.size(); rank++) {
                inverse.add(new String[] {englishTerms.get(rank), french, Integer.toString(rank)});
            }
        }
        // English → French: a French term whose best translation is this English word ranks before one where it is a
        // second choice ("delivery": accouchement before livraison only if the table says so first).
        inverse.sort(Comparator.comparingInt(row -> Integer.parseInt(row[2])));
        for (String[] row : inverse) {
            List<String> key = key(row[0], Language.ENGLISH);
            if (!key.isEmpty()) {
                add(
                        entries.get(Language.ENGLISH).computeIfAbsent(key, k -> new ArrayList<>()),
                        new Alternative(row[1], Language.FRENCH, weight, source));
            }
        }
    }

    private static void add(List<Alternative> translations, Alternative alternative) {
        for (Alternative existing : translations) {
            if (WordForms.fold(existing.text()).equals(WordForms.fold(alternative.text()))) {
                return;
            }
        }
        translations.add(alternative);
    }

    /**
     * The folded words of a term with its linking words removed; empty for a multi-word term with fewer than two other
     * words ("au sein de", "dû à"): such a term adds nothing to its one word's own line but would mix its senses into
     * it ("sein": breast, "au sein de": within).
     */
    static List<String> key(String term, Language language) {
        List<String> words = new ArrayList<>();
        for (String part : term.strip().split("\\s+")) {
            words.addAll(WordForms.folded(part));
        }
        if (words.size() < 2) {
            return words;
        }
        List<String> content = words.stream()
                .filter(w -> !LINKING_WORDS.get(language).contains(w))
                .toList();
        return content.size() >= 2 ? content : List.of();
    }

    static boolean isLinkingWord(String folded, Language language) {
        return LINKING_WORDS.get(language).contains(folded);
    }

    /** Terms of the table, read from the given language's side. */
    int size(Language source) {
        return sizes.get(source);
    }

    /** Whether the folded word, or a form it inflects, starts a term of the given side. */
    boolean knows(String folded, Language source) {
        Map<String, List<Term>> index = byFirstWord.get(source);
        for (String form : WordForms.candidates(folded, source)) {
            if (index.containsKey(form)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The longest term of the {@code source} side starting at {@code words[start]}, or null. Linking words inside the
     * text are skipped when matching a multi-word term; a term is never started on one.
     *
     * @param words folded words of the text
     */
    Match longestAt(List<String> words, int start, Language source) {
        Map<String, List<Term>> index = byFirstWord.get(source);
        List<List<String>> forms = new ArrayList<>();
        Match best = null;
        for (String first : WordForms.candidates(words.get(start), source)) {
            List<Term> terms = index.get(first);
            if (terms == null) {
                continue;
            }
            for (Term term : terms) {
                int consumed = consumed(term.key(), words, start, source, forms);
                if (consumed > 0 && (best == null || consumed > best.words())) {
                    best = new Match(consumed, term.translations());
                }
            }
            if (best != null) {
                return best; // the most likely form that is in the table decides the reading
            }
        }
        return null;
    }

    /** Words of the text that the term's key covers from {@code start}, or 0 when it does not match. */
    private static int consumed(
            List<String> key, List<String> words, int start, Language source, List<List<String>> formsCache) {
        int at = start + 1;
        for (int k = 1; k < key.size(); k++) {
            while (at < words.size() && isLinkingWord(words.get(at), source)) {
                at++;
            }
            if (at >= words.size() || !forms(words, at, source, formsCache).contains(key.get(k))) {
                return 0;
            }
            at++;
        }
        return at - start;
    }

    private static List<String> forms(List<String> words, int at, Language source, List<List<String>> cache) {
        while (cache.size() <= at) {
            cache.add(null);
        }
        if (cache.get(at) == null) {
            cache.set(at, WordForms.candidates(words.get(at), source));
        }
        return cache.get(at);
    }
}
