package org.alima.portal.indexer.crosslang;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How a typed word is compared with the words of the term tables: lower case, accents folded (so "Fièvre", "fièvre" and
 * "fievre" compare equal), French elisions removed, and a short list of the dictionary forms the word may be an inflection of. Pure functions; thread-safe.
 *
 * <p>Why hand-written endings rather than Lucene's stemmers: a stem ("augment") is not a dictionary entry, and two
 * unrelated words share one often enough ("malade" and "maladie") to mix their translations; a candidate lemma is
 * only used when the table holds it, so a wrong guess costs nothing. The endings cover French plurals, feminines,
 * the present, imperfect and past participle of -er, -ir and -re verbs, and English plurals and -ed/-ing forms.
 */
final class WordForms {

    /** Elided French forms, before an apostrophe (straight or curly); the same list as the index's analyzer. */
    private static final Set<String> ELISIONS =
            Set.of("l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu");

    private WordForms() {}

    /** Lower case, accents and ligatures folded ("Œdème" → "oedeme"). */
    static String fold(String word) {
        String lower = word.toLowerCase(Locale.ROOT).replace("œ", "oe").replace("æ", "ae");
        String decomposed = Normalizer.normalize(lower, Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}+", "");
    }

    /** A word as typed (lower case, accents kept) and folded. */
    record Word(String surface, String folded) {}

    /**
     * The words of a typed token: split at hyphens, slashes and other punctuation, French elisions removed
     * ("l'enfant" → [enfant], "Royaume-Uni" → [royaume, uni]).
     */
    static List<Word> words(String token) {
        List<Word> words = new ArrayList<>(2);
        StringBuilder word = new StringBuilder();
        String lower = token.toLowerCase(Locale.ROOT);
        for (int i = 0; i <= lower.length(); i++) {
            char c = i < lower.length() ? lower.charAt(i) : ' ';
            if (Character.isLetterOrDigit(c)
                    || (Character.getType(c) == Character.NON_SPACING_MARK && !word.isEmpty())) {
                word.append(c);
            } else if ((c == '\'' || c == '\u2019') && ELISIONS.contains(fold(word.toString()))) {
                word.setLength(0);
            } else if (!word.isEmpty()) {
                words.add(new Word(word.toString(), fold(word.toString())));
                word.setLength(0);
            }
        }
        return words;
    }

    /** The folded words of a token; see {@link #words}. */
    static List<String> folded(String token) {
        return words(token).stream().map(Word::folded).toList();
    }

    /** The folded word, then the dictionary forms it may be an inflection of, most likely first. */
    static List<String> candidates(String folded, Language language) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(folded);
        if (folded.length() > 3 && !isNumber(folded)) {
            if (language == Language.FRENCH) {
                frenchForms(folded, forms);
            } else {
                englishForms(folded, forms);
            }
        }
        return List.copyOf(forms);
    }

    private static void frenchForms(String w, Set<String> forms) {
        Set<String> bases = new LinkedHashSet<>();
        bases.add(w);
        if (w.endsWith("aux")) {
            bases.add(cut(w, 3) + "al");
            bases.add(cut(w, 3) + "ail");
        }
        if (w.endsWith("s") || w.endsWith("x")) {
            bases.add(cut(w, 1));
        }
        // Feminine adjectives and nouns, to the masculine.
        for (String s : List.copyOf(bases)) {
            replaceEnd(s, "euse", bases, "eux", "eur");
            replaceEnd(s, "trice", bases, "teur");
            replaceEnd(s, "ive", bases, "if");
            replaceEnd(s, "elle", bases, "el");
            replaceEnd(s, "enne", bases, "en");
            replaceEnd(s, "ere", bases, "er");
            replaceEnd(s, "ale", bases, "al");
            replaceEnd(s, "ee", bases, "e");
            replaceEnd(s, "e", bases, "");
        }
        forms.addAll(bases);
        // Verbs, to the infinitive: present, imperfect, participles, and the common irregular stems.
        for (String s : bases) {
            replaceEnd(s, "e", forms, "er");
            replaceEnd(s, "issent", forms, "ir");
            replaceEnd(s, "issait", forms, "ir");
            replaceEnd(s, "issant", forms, "ir");
            replaceEnd(s, "isent", forms, "ire");
            replaceEnd(s, "uit", forms, "uire");
            replaceEnd(s, "iennent", forms, "enir");
            replaceEnd(s, "ient", forms, "enir");
            replaceEnd(s, "enu", forms, "enir");
            replaceEnd(s, "ettent", forms, "ettre");
            replaceEnd(s, "et", forms, "ettre");
            replaceEnd(s, "mi", forms, "mettre");
            replaceEnd(s, "ennent", forms, "endre");
            replaceEnd(s, "end", forms, "endre");
            replaceEnd(s, "ri", forms, "rendre");
            replaceEnd(s, "eignent", forms, "eindre");
            replaceEnd(s, "eint", forms, "eindre");
            replaceEnd(s, "ert", forms, "rir");
            replaceEnd(s, "aissent", forms, "aitre");
            replaceEnd(s, "ent", forms, "er", "re", "ir");
            replaceEnd(s, "ons", forms, "er");
            replaceEnd(s, "ez", forms, "er");
            replaceEnd(s, "aient", forms, "er");
            replaceEnd(s, "ait", forms, "er", "re", "aitre");
            replaceEnd(s, "ant", forms, "er", "re");
            replaceEnd(s, "it", forms, "ir", "ire");
            replaceEnd(s, "i", forms, "ir");
            replaceEnd(s, "u", forms, "re", "oir", "aitre");
        }
    }

    private static void englishForms(String w, Set<String> forms) {
        replaceEnd(w, "ies", forms, "y");
        replaceEnd(w, "ied", forms, "y");
        replaceEnd(w, "sses", forms, "ss");
        replaceEnd(w, "ches", forms, "ch");
        replaceEnd(w, "shes", forms, "sh");
        replaceEnd(w, "xes", forms, "x");
        if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
            forms.add(cut(w, 1));
        }
        replaceEnd(w, "ing", forms, "", "e");
        replaceEnd(w, "ed", forms, "", "e");
        if (w.endsWith("ing") || w.endsWith("ed")) {
            // Doubled consonants: "stopped" → "stop".
            String stem = cut(w, w.endsWith("ing") ? 3 : 2);
            if (stem.length() > 2 && stem.charAt(stem.length() - 1) == stem.charAt(stem.length() - 2)) {
                forms.add(cut(stem, 1));
            }
        }
    }

    private static void replaceEnd(String word, String ending, Set<String> forms, String... replacements) {
        if (word.endsWith(ending) && word.length() - ending.length() >= 3) {
            String stem = cut(word, ending.length());
            for (String replacement : replacements) {
                forms.add(stem + replacement);
            }
        }
    }

    private static String cut(String word, int count) {
        return word.substring(0, word.length() - count);
    }

    static boolean isNumber(String word) {
        return word.chars().allMatch(Character::isDigit);
    }
}
