package org.alima.portal.indexer.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetadataBuilderTest {

    @Test
    void theFirstSaneValueOfferedWins() {
        DocumentMetadata metadata = new MetadataBuilder()
                .title("Untitled")
                .title("report_final_v2.docx")
                .title("Prise en charge du paludisme grave")
                .title("Another title")
                .build();

        assertThat(metadata.title()).isEqualTo("Prise en charge du paludisme grave");
    }

    @Test
    void aDoubtfulTitleGivesWayToALaterSaneOne() {
        for (String junk : List.of(
                "kwh255.fm",
                "CMR10",
                "doi:",
                "EHR_BSI_Protocol",
                "Microsoft Word - notes.doc",
                "Document1",
                "EPIDEMIOLOGY")) {
            assertThat(new MetadataBuilder()
                            .title(junk)
                            .title("Prise en charge du paludisme grave")
                            .build()
                            .title())
                    .as(junk)
                    .isEqualTo("Prise en charge du paludisme grave");
        }
        assertThat(new MetadataBuilder()
                        .title("Microsoft Word - Malaria guideline")
                        .build()
                        .title())
                .isEqualTo("Malaria guideline");
    }

    @Test
    void aDoubtfulTitleIsKeptWhenNoBetterOneComes() {
        assertThat(new MetadataBuilder()
                        .title("EPIDEMIOLOGY")
                        .title("x.docx")
                        .build()
                        .title())
                .isEqualTo("EPIDEMIOLOGY");
        assertThat(new MetadataBuilder()
                        .title("kwh255.fm")
                        .title("Untitled")
                        .title("EPIDEMIOLOGY")
                        .build()
                        .title())
                .as("the least doubtful, whatever the order")
                .isEqualTo("EPIDEMIOLOGY");
        assertThat(new MetadataBuilder().title("  ").title("1234").build().title())
                .isNull();
    }

    @Test
    void splitsAuthorListsButNotSurnameFirstNames() {
        assertThat(MetadataBuilder.splitAuthors("Ann Lee; Bo Chen")).containsExactly("Ann Lee", "Bo Chen");
        assertThat(MetadataBuilder.splitAuthors("Ann Lee, Bo Chen and Cy Dee"))
                .containsExactly("Ann Lee", "Bo Chen", "Cy Dee");
        assertThat(MetadataBuilder.splitAuthors("Lee, Ann")).containsExactly("Lee, Ann");
        assertThat(MetadataBuilder.splitAuthors("Lee, Ann & Chen, Bo")).containsExactly("Lee, Ann", "Chen, Bo");
        assertThat(new MetadataBuilder()
                        .authors(List.of("Santé publique France", "http://www.gao.gov"))
                        .build()
                        .authors())
                .containsExactly("Santé publique France");
    }

    @Test
    void splitsKeywordsOnCommasAndSemicolons() {
        assertThat(new MetadataBuilder()
                        .keywords("malaria, children;fluids ; ;malaria")
                        .build()
                        .keywords())
                .containsExactly("malaria", "children", "fluids");
    }

    @Test
    void keepsOnlyPlausibleDates() {
        DocumentMetadata metadata = new MetadataBuilder()
                .created(LocalDate.of(1601, 1, 1))
                .created(LocalDate.of(2010, 3, 5))
                .modified(LocalDate.now(ZoneOffset.UTC).plusYears(3))
                .build();

        assertThat(metadata.created()).isEqualTo(LocalDate.of(2010, 3, 5));
        assertThat(metadata.modified()).isNull();
    }

    @Test
    void readsDatesAtTheStartOfMetadataValues() {
        assertThat(MetadataBuilder.parseDate("2010/3/5")).isEqualTo(LocalDate.of(2010, 3, 5));
        assertThat(MetadataBuilder.parseDate("2019-11-20T08:00:00Z")).isEqualTo(LocalDate.of(2019, 11, 20));
        assertThat(MetadataBuilder.parseDate("2019")).isNull();
        assertThat(MetadataBuilder.parseDate("2019-02-30")).isNull();
    }

    @Test
    void usesTheDeclaredLanguageOnlyWhenTheTextToldNone() {
        assertThat(new MetadataBuilder().languageFallback("fr-FR").build().language())
                .isEqualTo("fr");
        assertThat(new MetadataBuilder()
                        .languageFallback("fr")
                        .language("en")
                        .build()
                        .language())
                .isEqualTo("en");
    }
}
