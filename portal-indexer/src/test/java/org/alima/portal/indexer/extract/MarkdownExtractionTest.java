package org.alima.portal.indexer.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownExtractionTest {

    @TempDir
    Path dir;

    final DocumentExtractor extractor = new DocumentExtractor(ExtractionLimits.defaults());

    @Test
    void startsAPageAtEachLevelOneOrTwoHeadingAndDropsMarkup() throws IOException {
        ExtractionResult.Extracted result = extract("""
                Preface before any heading, with a [link text](https://example.org).

                # Cholera response

                The **first** step is *rehydration* with `ORS`.

                ### Detail

                Still the first section.

                ## Water treatment

                - chlorinate wells
                - distribute <b>soap</b>

                ```
                dose = weight * 0.5
                ```
                """);

        assertThat(result.mediaType()).isEqualTo("text/markdown");
        assertThat(result.pages()).hasSize(3);
        assertThat(result.pages().get(0).text()).contains("Preface before any heading, with a link text.");
        assertThat(result.pages().get(1).text())
                .startsWith("Cholera response")
                .contains("The first step is rehydration with ORS.")
                .contains("Still the first section.");
        assertThat(result.pages().get(2).text())
                .startsWith("Water treatment")
                .contains("chlorinate wells\n")
                .contains("distribute soap")
                .contains("dose = weight * 0.5")
                .doesNotContain("**", "<b>", "```");
        assertThat(result.metadata().title()).isEqualTo("Cholera response");
    }

    @Test
    void takesTheTitleFromFrontMatterOrElseTheFirstLine() throws IOException {
        assertThat(extract("---\ntitle: \"Guide de terrain\"\nauthor: x\n---\n\nTexte du guide.\n")
                        .metadata()
                        .title())
                .isEqualTo("Guide de terrain");
        assertThat(extract("Notes from the field visit\n\nMore text follows here.\n")
                        .metadata()
                        .title())
                .isEqualTo("Notes from the field visit");
    }

    @Test
    void keepsFrontMatterOutOfTheText() throws IOException {
        ExtractionResult.Extracted result = extract("---\ntitle: Guide\ntags: [a, b]\n---\nBody text only.\n");

        assertThat(result.pages().get(0).text()).doesNotContain("tags").contains("Body text only.");
    }

    private ExtractionResult.Extracted extract(String markdown) throws IOException {
        Path file = Files.writeString(dir.resolve("notes.md"), markdown);
        ExtractionResult result = extractor.extract(file);
        assertThat(result).as(result.toString()).isInstanceOf(ExtractionResult.Extracted.class);
        return (ExtractionResult.Extracted) result;
    }
}
