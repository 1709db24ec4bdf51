package org.alima.portal.api.system;

import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every problem code the API may answer, with its title and detail in English and French: the one owner of those
 * texts ({@code problems.properties}, {@code problems_fr.properties} beside this class). Immutable; thread-safe.
 *
 * <p>An answer in English keeps the failure's own detail, which says exactly what was wrong (a field, a limit); an
 * answer in French takes the catalogue's title and detail for the code, so that a French reader never meets the
 * English text. Codes built from a status ({@code http-409}) read the texts of {@code http-status}.
 */
public final class ProblemCatalogue {

    /** The languages the API answers problems in, the first being the default. */
    public static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.FRENCH);

    private static final String BUNDLE = "org.alima.portal.api.system.problems";
    private static final String STATUS_CODE = "http-status";

    private ProblemCatalogue() {}

    /** The codes the API declares, in alphabetical order. */
    public static Set<String> codes() {
        Set<String> codes = new TreeSet<>();
        for (String key : bundle(Locale.ENGLISH).keySet()) {
            codes.add(key.substring(0, key.lastIndexOf('.')));
        }
        return codes;
    }

    /** The code's title in {@code language}, or null when the catalogue lacks it. */
    public static String title(String code, Locale language) {
        return text(code, "title", language);
    }

    /** The code's detail in {@code language}, or null when the catalogue lacks it. */
    public static String detail(String code, Locale language) {
        return text(code, "detail", language);
    }

    /** The language of {@link #LANGUAGES} that an {@code Accept-Language} header prefers; English when none. */
    public static Locale languageOf(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return Locale.ENGLISH;
        }
        try {
            Locale chosen = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), LANGUAGES);
            return chosen == null ? Locale.ENGLISH : chosen;
        } catch (IllegalArgumentException e) {
            return Locale.ENGLISH; // a malformed header is no reason to fail the answer
        }
    }

    /**
     * The problem as answered in {@code language}: the catalogue's title, and in French its detail too (the
     * failure's English detail in English, the catalogue's when it has none). Unknown codes are left as they are.
     */
    public static Problem localize(Problem problem, Locale language) {
        String code = problem.code() == null ? null : key(problem.code());
        String title = code == null ? null : title(code, language);
        if (title == null) {
            return problem;
        }
        String detail = language.getLanguage().equals("en") && problem.detail() != null
                ? problem.detail()
                : detail(code, language);
        return problem.withTexts(title, detail);
    }

    private static String key(String code) {
        return code.startsWith("http-") ? STATUS_CODE : code;
    }

    private static String text(String code, String part, Locale language) {
        ResourceBundle bundle = bundle(language);
        String key = code + "." + part;
        return bundle.containsKey(key) ? bundle.getString(key) : null;
    }

    private static ResourceBundle bundle(Locale language) {
        // The English texts are the base bundle: no fallback to the JVM's own locale.
        return ResourceBundle.getBundle(
                BUNDLE,
                language,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }
}
