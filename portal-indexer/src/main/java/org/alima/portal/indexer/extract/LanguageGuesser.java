package org.alima.portal.indexer.extract;

import com.optimaize.langdetect.DetectedLanguage;
import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.cybozu.util.CharNormalizer;
import com.optimaize.langdetect.i18n.LdLocale;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Tells the language of a piece of text with the optimaize n-gram detector; thread-safe, one instance shared by the
 * whole process ({@link #shared()}).
 *
 * <p>Sharing is safe: {@code LanguageDetectorImpl} is immutable (its javadoc says so, and its source confirms it: the
 * n-gram tables and settings are final, each call makes its own probability arrays and its own seeded {@code
 * Random}). Loading the profiles takes a few hundred milliseconds and some megabytes, which is why it happens once.
 *
 * <p>The text is prepared here rather than with the library's {@code TextObjectFactory}: its URL filter runs a large
 * regular expression over every page and cost more than the detection itself. The preparation keeps what matters
 * (the library's own character normalisation, folded blanks, URLs left out) in one pass over a bounded sample.
 *
 * <p>Only the languages the portal's documents come in are loaded: French and English first, then the languages of
 * the regions and partners it works with. Fewer profiles mean fewer confusions between close languages and faster
 * detection; text in another language gets no confident answer and so no language, rather than a wrong one.
 */
final class LanguageGuesser {

    /** ISO 639-1 codes of the loaded profiles. */
    static final List<String> LANGUAGES = List.of("en", "fr", "es", "pt", "de", "it", "nl", "ar");

    /** Below this many letters a guess is mostly noise (page numbers, headers, figure labels). */
    static final int MIN_LETTERS = 40;

    /**
     * The detector draws at most 7 000 n-grams at random; beyond a page's worth of characters more text adds time, not
     * accuracy.
     */
    private static final int SAMPLE_CHARS = 1_000;

    /** A guess below this probability is left unsaid: such text is usually mixed or in an unloaded language. */
    private static final double MIN_PROBABILITY = 0.80;

    private final LanguageDetector detector;

    private LanguageGuesser() {
        try {
            List<LdLocale> locales =
                    LANGUAGES.stream().map(LdLocale::fromString).toList();
            detector = LanguageDetectorBuilder.create(NgramExtractors.standard())
                    .withProfiles(new LanguageProfileReader().readBuiltIn(locales))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read the language profiles bundled in language-detector; the jar is incomplete", e);
        }
    }

    /** The process-wide instance, built on first use. */
    static LanguageGuesser shared() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final LanguageGuesser INSTANCE = new LanguageGuesser();
    }

    /**
     * The ISO 639-1 code of the text's language, or null when the text has fewer than {@link #MIN_LETTERS} letters
     * or no loaded language is likely enough.
     */
    String guess(CharSequence text) {
        if (countLetters(text, MIN_LETTERS) < MIN_LETTERS) {
            return null;
        }
        List<DetectedLanguage> candidates = detector.getProbabilities(sample(text));
        if (candidates.isEmpty() || candidates.get(0).getProbability() < MIN_PROBABILITY) {
            return null;
        }
        return candidates.get(0).getLocale().getLanguage();
    }

    /**
     * The first {@value #SAMPLE_CHARS} characters of the text as the detector's profiles were built: characters
     * normalised by the library's {@link CharNormalizer} (punctuation and digits become blanks), blanks folded, and
     * URLs, whose letters belong to no language, left out.
     */
    private static CharSequence sample(CharSequence text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), SAMPLE_CHARS) + 1);
        out.append(' ');
        int n = text.length();
        for (int i = 0; i < n && out.length() < SAMPLE_CHARS; i++) {
            char c = text.charAt(i);
            if ((c == 'h' || c == 'w') && startsLink(text, i)) {
                while (i < n && !Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                c = ' ';
            } else if (c < 0x80) {
                c = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ? c : ' ';
            } else {
                c = CharNormalizer.normalize(c);
            }
            if (c != ' ' || out.charAt(out.length() - 1) != ' ') {
                out.append(c);
            }
        }
        return out;
    }

    private static boolean startsLink(CharSequence text, int i) {
        return regionMatches(text, i, "http://")
                || regionMatches(text, i, "https://")
                || regionMatches(text, i, "www.");
    }

    private static boolean regionMatches(CharSequence text, int at, String prefix) {
        if (at + prefix.length() > text.length()) {
            return false;
        }
        for (int j = 0; j < prefix.length(); j++) {
            if (text.charAt(at + j) != prefix.charAt(j)) {
                return false;
            }
        }
        return true;
    }

    /** Letters in {@code text}, counting stops at {@code enough}. */
    static int countLetters(CharSequence text, int enough) {
        int letters = 0;
        for (int i = 0, n = text.length(); i < n && letters < enough; i++) {
            if (Character.isLetter(text.charAt(i))) {
                letters++;
            }
        }
        return letters;
    }
}
