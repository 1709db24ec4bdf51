package org.alima.portal.indexer.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlExtractionTest {

    static final String PAGE = """
            <!DOCTYPE html>
            <html lang="fr">
            <head>
              <title>Guide paludisme | Site</title>
              <meta name="citation_title" content="Prise en charge du paludisme grave">
              <meta name="citation_author" content="Lee, Ann">
              <meta name="citation_author" content="Chen, Bo">
              <meta name="keywords" content="paludisme, enfants; artésunate">
              <meta name="description" content="Guide clinique pour les équipes de terrain">
              <meta name="citation_doi" content="doi:10.1234/msf.2020.15">
              <meta name="citation_publication_date" content="2020/05/14">
              <style>body { color: red }</style>
              <script>var tracking = "should not be indexed";</script>
            </head>
            <body>
              <header>Site menu header</header>
              <nav><a href="/">Accueil</a></nav>
              <p>Introduction avant le premier titre : ce guide s'adresse aux équipes médicales.</p>
              <h1>Diagnostic</h1>
              <p>Le diagnostic repose sur le test de diagnostic rapide
                 et la microscopie.</p>
              <h3>Sous-section</h3>
              <p>Toujours dans la section diagnostic.</p>
              <h2>Traitement</h2>
              <table><tr><td>Poids</td><td>Dose</td></tr><tr><td>5 kg</td><td>2,4 mg/kg</td></tr></table>
              <pre>code   keeps   spaces</pre>
              <footer>Copyright footer</footer>
            </body>
            </html>
            """;

    @TempDir
    Path dir;

    final DocumentExtractor extractor = new DocumentExtractor(ExtractionLimits.defaults());

    @Test
    void startsAPageAtEachLevelOneOrTwoHeading() throws IOException {
        ExtractionResult.Extracted result = extract(PAGE);

        assertThat(result.mediaType()).isEqualTo("text/html");
        assertThat(result.pages()).hasSize(3);
        assertThat(result.pages().get(0).text()).contains("Introduction avant le premier titre");
        assertThat(result.pages().get(1).text())
                .startsWith("Diagnostic")
                .contains("test de diagnostic rapide et la microscopie")
                .contains("Toujours dans la section diagnostic");
        assertThat(result.pages().get(2).text())
                .startsWith("Traitement")
                .contains("Poids\tDose")
                .contains("5 kg\t2,4 mg/kg")
                .contains("code   keeps   spaces");
    }

    @Test
    void leavesOutScriptsStylesAndSiteChrome() throws IOException {
        String all =
                String.join("\n", extract(PAGE).pages().stream().map(Page::text).toList());

        assertThat(all).doesNotContain("tracking", "color: red", "Site menu", "Accueil", "Copyright footer");
    }

    @Test
    void readsMetadataFromTheHead() throws IOException {
        DocumentMetadata metadata = extract(PAGE).metadata();

        assertThat(metadata.title()).isEqualTo("Prise en charge du paludisme grave");
        assertThat(metadata.authors()).containsExactly("Lee, Ann", "Chen, Bo");
        assertThat(metadata.keywords()).containsExactly("paludisme", "enfants", "artésunate");
        assertThat(metadata.subject()).isEqualTo("Guide clinique pour les équipes de terrain");
        assertThat(metadata.doi()).isEqualTo("10.1234/msf.2020.15");
        assertThat(metadata.created()).isEqualTo(LocalDate.of(2020, 5, 14));
        assertThat(metadata.language()).isEqualTo("fr");
    }

    @Test
    void takesTheTitleElementOrElseTheFirstHeading() throws IOException {
        assertThat(extract("<html><head><title>Rapport annuel</title></head><body><p>x</p></body></html>")
                        .metadata()
                        .title())
                .isEqualTo("Rapport annuel");
        assertThat(extract("<html><body><h1>Water and sanitation</h1><p>Text.</p></body></html>")
                        .metadata()
                        .title())
                .isEqualTo("Water and sanitation");
    }

    @Test
    void sniffsHtmlWithoutAnHtmlName() throws IOException {
        Path file = Files.writeString(dir.resolve("page"), "  <!-- saved page -->\n<BODY><p>Some body text here.</p>");

        assertThat(extractor.extract(file))
                .isInstanceOfSatisfying(
                        ExtractionResult.Extracted.class,
                        e -> assertThat(e.mediaType()).isEqualTo("text/html"));
    }

    @Test
    void readsAFragmentNamedHtmlButPlainTextWithTheSameTagsNamedOtherwise() throws IOException {
        String fragment = "<meta charset=\"utf-8\">\n<p>Fiche technique : chloration de l'eau de boisson.</p>";

        ExtractionResult html = extractor.extract(Files.writeString(dir.resolve("fiche.html"), fragment));
        ExtractionResult text = extractor.extract(Files.writeString(dir.resolve("fiche.txt"), fragment));

        assertThat(html).isInstanceOfSatisfying(ExtractionResult.Extracted.class, e -> {
            assertThat(e.mediaType()).isEqualTo("text/html");
            assertThat(e.pages().get(0).text()).doesNotContain("<p>");
        });
        assertThat(text)
                .isInstanceOfSatisfying(
                        ExtractionResult.Extracted.class,
                        e -> assertThat(e.mediaType()).isEqualTo("text/plain"));
    }

    private ExtractionResult.Extracted extract(String html) throws IOException {
        Path file = Files.writeString(dir.resolve("page.html"), html);
        ExtractionResult result = extractor.extract(file);
        assertThat(result).as(result.toString()).isInstanceOf(ExtractionResult.Extracted.class);
        return (ExtractionResult.Extracted) result;
    }
}
