package org.alima.portal.indexer.crosslang;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cognates of learned words made by swapping endings, French ↔ English ("tuberculose" → "tuberculosis", "infectious"
 * → "infectieux"), kept only when the index holds the result. Immutable; thread-safe.
 *
 * <p>Why: medical and scientific vocabulary is largely shared Latin and Greek, spelled with language-specific
 * endings that the stemmers do not reconcile (Porter makes "tuberculosi" of "tuberculosis", the French light stemmer
 * "tubercul" of "tuberculose"). No table lists every such word, and the index's own dictionary is the authority on
 * which words exist: a guess absent from it is dropped, so a broad rule costs nothing but a term lookup.
 */
final class CognateRules {

    /** Endings shorter than this many characters of stem are not rewritten ("ose" alone is not a word). */
    private static final int MIN_STEM = 3;

    /** Shorter guesses are too often another word ("etr" from "être"). */
    private static final int MIN_LENGTH = 5;

    /** Cognates kept per word. */
    static final int MAX_PER_WORD = 2;

    private record Rule(String from, List<String> to) {}

    private final Map<Language, List<Rule>> rules;

    private CognateRules(Map<Language, List<Rule>> rules) {
        this.rules = rules;
    }

    static CognateRules none() {
        return new CognateRules(Map.of(Language.FRENCH, List.of(), Language.ENGLISH, List.of()));
    }

    /** The rules of {@link TranslationSource#COGNATES}. */
    static CognateRules read() {
        String resource = TranslationSource.COGNATES.resource();
        try (InputStream in = CognateRules.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(
                        "the cognate rules " + resource + " are missing from the classpath; the jar is incomplete");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the cognate rules " + resource, e);
        }
    }

    static CognateRules parse(String tsv, String name) {
        List<Rule> french = new ArrayList<>();
        Map<String, Set<String>> english = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new StringReader(tsv))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t", -1);
                if (columns.length != 2 || columns[0].isBlank()) {
                    throw new IllegalStateException(name + " line " + number
                            + ": expected a French ending, a tab and English endings separated by |, got: " + line);
                }
                String from = WordForms.fold(columns[0].strip());
                List<String> to = new ArrayList<>();
                for (String ending : columns[1].split("\\|", -1)) {
                    to.add(WordForms.fold(ending.strip()));
                }
                french.add(new Rule(from, to));
                for (String ending : to) {
                    if (ending.isEmpty()) {
                        continue; // "any English word + er" would be no rule
                    }
                    english.computeIfAbsent(ending, e -> new LinkedHashSet<>()).add(from);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Rule> inverse = new ArrayList<>();
        english.forEach((from, to) -> inverse.add(new Rule(from, List.copyOf(to))));
        Map<Language, List<Rule>> rules = new EnumMap<>(Language.class);
        rules.put(Language.FRENCH, longestFirst(french));
        rules.put(Language.ENGLISH, longestFirst(inverse));
        return new CognateRules(rules);
    }

    private static List<Rule> longestFirst(List<Rule> rules) {
        List<Rule> sorted = new ArrayList<>(rules);
        // Stable: among endings of one length, the file's order.
        sorted.sort(Comparator.comparingInt((Rule r) -> -r.from().length()));
        return List.copyOf(sorted);
    }

    /**
     * Words of the other language that {@code folded} (a word of {@code source}, or one of its dictionary forms) is a
     * cognate of and that {@code vocabulary} holds, at most {@value #MAX_PER_WORD}, the most specific rule first.
     */
    List<String> cognates(String folded, Language source, Vocabulary vocabulary) {
        Set<String> found = new LinkedHashSet<>();
        for (String form : WordForms.candidates(folded, source)) {
            for (Rule rule : rules.get(source)) {
                if (!form.endsWith(rule.from()) || form.length() - rule.from().length() < MIN_STEM) {
                    continue;
                }
                String stem = form.substring(0, form.length() - rule.from().length());
                for (String ending : rule.to()) {
                    String candidate = stem + ending;
                    if (candidate.length() >= MIN_LENGTH
                            && !candidate.equals(folded)
                            && !candidate.equals(form)
                            && vocabulary.contains(candidate, source.other())) {
                        found.add(candidate);
                        if (found.size() == MAX_PER_WORD) {
                            return List.copyOf(found);
                        }
                    }
                }
            }
        }
        return List.copyOf(found);
    }
}
