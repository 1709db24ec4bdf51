package org.alima.portal.api.documents;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The measures that say two documents in different languages may be one work: how much two titles share once one is
 * translated, how many authors two bylines share, and how alike the sequences of numbers in their texts are (a
 * translation keeps its figures, tables, doses and dates in the same order while every word changes). Pure functions;
 * thread-safe.
 */
final class TranslationLikeness {

    /** Longest number sequence compared: the alignment costs its square. */
    static final int MAX_NUMBERS = 3_000;

    private static final Pattern WORD = Pattern.compile("\\p{L}{3,}");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)?");
    private static final Pattern ENTITY = Pattern.compile("&#?[a-zA-Z0-9]+;");
    private static final Set<String> STOP_WORDS = Set.of(
            "the", "and", "for", "with", "from", "les", "des", "une", "pour", "dans", "avec", "sur", "par", "aux", "du",
            "de", "la", "le", "et", "of", "in", "on", "au", "en");

    private TranslationLikeness() {}

    /**
     * Share of the shorter title's words found in the other (0 to 1), comparing the other title with {@code title}
     * and with its translation; words of 3 letters or more, accents and case folded, common small words left out.
     */
    static double titleOverlap(String title, String translatedTitle, String otherTitle) {
        Set<String> mine = words(title);
        mine.addAll(words(translatedTitle));
        Set<String> theirs = words(otherTitle);
        Set<String> own = words(title);
        if (own.isEmpty() || theirs.isEmpty()) {
            return 0;
        }
        long shared = theirs.stream().filter(mine::contains).count();
        return Math.min(1.0, (double) shared / Math.min(own.size(), theirs.size()));
    }

    /** Share of authors in common (Jaccard over family names, the last word of each name, folded); 0 when either is empty. */
    static double authorOverlap(List<String> authors, List<String> otherAuthors) {
        Set<String> mine = familyNames(authors);
        Set<String> theirs = familyNames(otherAuthors);
        if (mine.isEmpty() || theirs.isEmpty()) {
            return 0;
        }
        Set<String> union = new HashSet<>(mine);
        union.addAll(theirs);
        long shared = mine.stream().filter(theirs::contains).count();
        return (double) shared / union.size();
    }

    /**
     * The numbers of a text in reading order (a decimal comma read as a point), at most {@link #MAX_NUMBERS}; HTML
     * character references (a page view's escaped text) are not numbers of the text.
     */
    static List<String> numbers(String text) {
        List<String> numbers = new ArrayList<>();
        Matcher matcher = NUMBER.matcher(ENTITY.matcher(text).replaceAll(" "));
        while (matcher.find() && numbers.size() < MAX_NUMBERS) {
            numbers.add(matcher.group().replace(',', '.'));
        }
        return numbers;
    }

    /**
     * How alike two sequences are: twice their longest common subsequence over their summed lengths (1 for the same
     * sequence, 0 for nothing in common); 0 when either has fewer than {@code minimum} numbers, too few to tell.
     */
    static double sequenceSimilarity(List<String> numbers, List<String> otherNumbers, int minimum) {
        if (numbers.size() < minimum || otherNumbers.size() < minimum) {
            return 0;
        }
        int[] previous = new int[otherNumbers.size() + 1];
        int[] current = new int[otherNumbers.size() + 1];
        for (String number : numbers) {
            for (int j = 1; j <= otherNumbers.size(); j++) {
                current[j] = number.equals(otherNumbers.get(j - 1))
                        ? previous[j - 1] + 1
                        : Math.max(previous[j], current[j - 1]);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return 2.0 * previous[otherNumbers.size()] / (numbers.size() + otherNumbers.size());
    }

    private static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        if (text == null) {
            return words;
        }
        Matcher matcher = WORD.matcher(fold(text));
        while (matcher.find()) {
            String word = matcher.group();
            if (!STOP_WORDS.contains(word)) {
                // A shared stem is the same word across French and English forms often enough (« épidémie », epidemic).
                words.add(word.length() > 6 ? word.substring(0, 6) : word);
            }
        }
        return words;
    }

    private static Set<String> familyNames(List<String> authors) {
        Set<String> names = new HashSet<>();
        for (String author : authors) {
            String[] parts = fold(author).replace(",", " ").trim().split("\\s+");
            if (author.contains(",")) {
                names.add(parts[0]); // "Family, Given"
            } else if (parts.length > 0 && !parts[parts.length - 1].isEmpty()) {
                names.add(parts[parts.length - 1]);
            }
        }
        return names;
    }

    private static String fold(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT);
    }
}
