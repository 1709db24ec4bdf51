package org.alima.portal.indexer.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirstPageTitleTest {

    private static final List<String> BODY = List.of(
            "La prise en charge de la malnutrition aiguë sévère repose sur des aliments thérapeutiques.",
            "Les enfants sont suivis chaque semaine au centre de santé.",
            "Les critères de sortie sont décrits dans la section suivante.");

    @TempDir
    Path dir;

    private final DocumentExtractor extractor = new DocumentExtractor(ExtractionLimits.defaults());

    @Test
    void takesTheHeadlineInLargeTypeWhenTheMetadataHasNoTitle() throws IOException {
        Path pdf = PdfFixtures.headlineThenBody(
                dir.resolve("mas.pdf"), "Protocole de prise en charge de la MAS", 20, BODY);

        var result = (ExtractionResult.Extracted) extractor.extract(pdf);

        assertThat(result.metadata().title()).isEqualTo("Protocole de prise en charge de la MAS");
    }

    @Test
    void guessesNoTitleWhenNothingStandsOutByItsSize() throws IOException {
        Path pdf = PdfFixtures.headlineThenBody(dir.resolve("flat.pdf"), "Protocole de prise en charge", 10, BODY);

        var result = (ExtractionResult.Extracted) extractor.extract(pdf);

        assertThat(result.metadata().title()).isNull();
    }
}
