package org.alima.portal.indexer.crosslang;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Tells whether a query is French or English, from its words; thread-safe.
 *
 * <p>The rule, made for queries of one to a few words, where n-gram detectors guess at random: each word votes for a
 * language when it is a function word of that language, carries a French accent, or is a term of only that side of
 * the term table ("paludisme" French, "measles" English); words of both sides ("cancer") or of neither (drug names,
 * acronyms) do not vote. The majority decides; a tie goes to the language the caller gave (the interface language of
 * the reader), and without one the query stays undecided, and each word is then translated from whichever side knows
 * it. Long texts reach the same answer: claims and questions are full of function words.
 */
final class QueryLanguage {

    /** Frequent French words that are not English words (folded). */
    private static final Set<String> FRENCH_WORDS = Set.of(
            "le",
            "la",
            "les",
            "des",
            "du",
            "de",
            "un",
            "une",
            "et",
            "est",
            "sont",
            "dans",
            "pour",
            "par",
            "avec",
            "sur",
            "chez",
            "aux",
            "au",
            "ce",
            "cette",
            "ces",
            "qui",
            "que",
            "quel",
            "quelle",
            "quels",
            "quelles",
            "ou",
            "plus",
            "moins",
            "entre",
            "sans",
            "sous",
            "selon",
            "lors",
            "pendant",
            "apres",
            "avant",
            "comme",
            "mais",
            "leur",
            "leurs",
            "son",
            "sa",
            "ses",
            "il",
            "elle",
            "ils",
            "elles",
            "nous",
            "vous",
            "comment",
            "pourquoi",
            "quand",
            "chaque",
            "tous",
            "toutes",
            "tout",
            "aussi",
            "tres",
            "peut",
            "doit",
            "faut",
            "etre",
            "avoir",
            "ont",
            "ete",
            "fait",
            "faire",
            "ne",
            "pas",
            "non",
            "si",
            "dont",
            "afin",
            "lorsque",
            "contre",
            "vers",
            "depuis",
            "jusqu",
            "ainsi",
            "donc");

    /** Frequent English words that are not French words (folded). */
    private static final Set<String> ENGLISH_WORDS = Set.of(
            "the", "of", "and", "in", "is", "are", "to", "for", "with", "on", "by", "from", "that", "this", "these",
            "those", "at", "as", "be", "was", "were", "an", "or", "not", "which", "than", "what", "how", "why", "when",
            "who", "does", "do", "did", "can", "should", "must", "their", "its", "has", "have", "had", "been", "into",
            "after", "before", "during", "between", "without", "under", "over", "among", "against", "more", "less",
            "most", "each", "all", "also", "very", "may", "there", "it", "they", "we", "you", "use", "used", "per");

    private QueryLanguage() {}

    /**
     * The language of a query's words, or empty when they do not tell and no hint is given.
     *
     * @param hint the reader's language, used on a tie; may be null
     */
    static Optional<Language> guess(List<WordForms.Word> words, Language hint, TermTable table) {
        int french = 0;
        int english = 0;
        for (WordForms.Word typed : words) {
            String word = typed.folded();
            if (WordForms.isNumber(word)) {
                continue;
            }
            boolean isFrench = FRENCH_WORDS.contains(word) || hasFrenchLetter(typed.surface());
            boolean isEnglish = ENGLISH_WORDS.contains(word);
            if (!isFrench && !isEnglish) {
                isFrench = table.knows(word, Language.FRENCH);
                isEnglish = table.knows(word, Language.ENGLISH);
            }
            if (isFrench && !isEnglish) {
                french++;
            } else if (isEnglish && !isFrench) {
                english++;
            }
        }
        if (french > english) {
            return Optional.of(Language.FRENCH);
        }
        if (english > french) {
            return Optional.of(Language.ENGLISH);
        }
        return Optional.ofNullable(hint);
    }

    /** Whether a folded word is one of the frequent function words of either language ("chez", "the"). */
    static boolean isFunctionWord(String folded) {
        return FRENCH_WORDS.contains(folded) || ENGLISH_WORDS.contains(folded);
    }

    /** Whether a word as typed carries a letter only French writes (é, è, ç, œ…); a French vote. */
    static boolean hasFrenchLetter(String surface) {
        for (int i = 0; i < surface.length(); i++) {
            if ("éèêëàâçîïôûùüœÿ".indexOf(surface.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }
}
