package org.alima.portal.api.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every problem code the API declares has its texts in English and French, every code the sources answer with is
 * declared, and the web's messages know each of them in both languages.
 */
class ProblemCatalogueTest {

    /** A code given to Problem.of or to a failure's constructor: a quoted lower-case word with hyphens after a status. */
    private static final Pattern CODE_IN_SOURCE = Pattern.compile(
            "(?:Problem\\.of\\(\\s*(?:\\d{3}|status),\\s*|new \\w+Exception\\(\\s*(?:\\d{3},\\s*)?)\"([a-z]+(?:-[a-z]+)+)\"");

    /**
     * Codes a page never shows: any other status (the web's general message); a refused token renewal (session.js
     * signs the reader out with its own message); operator endpoints, ranges, other media types and a page's JSON or
     * one-page PDF (the web never calls, sends or asks for them: it links to the server-written page view).
     */
    private static final Set<String> NEVER_SHOWN_BY_THE_WEB = Set.of(
            "http-status",
            "invalid-client",
            "invalid-grant",
            "invalid-request",
            "invalid-scope",
            "unauthorized-client",
            "unsupported-grant-type",
            "admin-disabled",
            "admin-token-invalid",
            "range-not-satisfiable",
            "not-acceptable",
            "page-out-of-range",
            "page-unavailable");

    @Test
    void declaresTitleAndDetailOfEveryCodeInEnglishAndFrench() {
        assertThat(ProblemCatalogue.codes()).hasSizeGreaterThan(40);
        for (String code : ProblemCatalogue.codes()) {
            for (Locale language : ProblemCatalogue.LANGUAGES) {
                assertThat(ProblemCatalogue.title(code, language))
                        .as(code + " title, " + language)
                        .isNotBlank();
                assertThat(ProblemCatalogue.detail(code, language))
                        .as(code + " detail, " + language)
                        .isNotBlank();
            }
            assertThat(ProblemCatalogue.detail(code, Locale.FRENCH))
                    .as(code + ": the French detail is not the English one")
                    .isNotEqualTo(ProblemCatalogue.detail(code, Locale.ENGLISH));
        }
    }

    @Test
    void declaresEveryCodeTheSourcesAnswerWith() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher code = CODE_IN_SOURCE.matcher(Files.readString(file));
                while (code.find()) {
                    used.add(code.group(1));
                }
            }
        }
        assertThat(used).hasSizeGreaterThan(30);
        assertThat(ProblemCatalogue.codes()).containsAll(used);
    }

    @Test
    void theWebHasItsOwnMessageForEveryCodeInBothLanguages() throws IOException {
        String french = webMessages("fr");
        String inEnglish = webMessages("en");
        for (String code : ProblemCatalogue.codes()) {
            if (NEVER_SHOWN_BY_THE_WEB.contains(code)) {
                continue;
            }
            assertThat(french).as("French message for " + code).contains("\"error." + code + "\"");
            assertThat(inEnglish).as("English message for " + code).contains("\"error." + code + "\"");
        }
    }

    @Test
    void choosesTheLanguageTheClientPrefers() {
        assertThat(ProblemCatalogue.languageOf("fr-CA,fr;q=0.9,en;q=0.8")).isEqualTo(Locale.FRENCH);
        assertThat(ProblemCatalogue.languageOf("en-GB,fr;q=0.5")).isEqualTo(Locale.ENGLISH);
        assertThat(ProblemCatalogue.languageOf("de")).isEqualTo(Locale.ENGLISH);
        assertThat(ProblemCatalogue.languageOf(null)).isEqualTo(Locale.ENGLISH);
        assertThat(ProblemCatalogue.languageOf("fr;q=nonsense")).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void tellsAProblemInFrenchWithTheCataloguesTextsAndInEnglishWithItsOwnDetail() {
        Problem problem = Problem.of(404, "not-found", "Not found", "Document 42 does not exist.");

        assertThat(ProblemCatalogue.localize(problem, Locale.FRENCH).detail()).startsWith("Rien n’existe");
        assertThat(ProblemCatalogue.localize(problem, Locale.ENGLISH).detail())
                .isEqualTo("Document 42 does not exist.");
        assertThat(ProblemCatalogue.localize(Problem.of(411, "http-411", "Request failed", null), Locale.FRENCH)
                        .title())
                .isEqualTo("Requête échouée");
    }

    /** portal-web's messages in {@code language} (one file per language), as the jar on the class path holds them. */
    private String webMessages(String language) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/public/messages/" + language + ".js")) {
            assertThat(in)
                    .as("portal-web's messages/%s.js on the class path", language)
                    .isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
