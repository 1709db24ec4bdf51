package org.alima.portal.api.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataFileTest {

    @Test
    void readsQuotedCellsSplitsMultipleValuesAndRenamesToTheUploadsKeys() {
        MetadataFile file = MetadataFile.csv("""
                File,Title,Authors,Date,Countries,Licence,Design
                "a\\b.pdf","Malaria, severe","Diallo, Aminata; Smith, John",2019-03-01,SN; ML ;,CC-BY-4.0,cohort
                """);

        MetadataFile.Row row = file.rows().get(0);
        assertThat(row.line()).isEqualTo(2);
        assertThat(row.file()).isEqualTo("a/b.pdf");
        assertThat(row.problem()).isNull();
        assertThat(row.metadata())
                .containsEntry("title", "Malaria, severe")
                .containsEntry("publicationDate", "2019-03-01")
                .containsEntry("countries", List.of("SN", "ML"))
                .containsEntry("license", "CC-BY-4.0")
                .containsEntry("design", "cohort")
                .containsEntry("authors", List.of(Map.of("name", "Diallo, Aminata"), Map.of("name", "Smith, John")));
    }

    @Test
    void turnsVocabularyCodesAndLabelsIntoCodesAndKeepsTheRestAsFreeText() {
        MetadataFile file = MetadataFile.csv("""
                file,topics,health_topics,populations,settings,interventions
                a.pdf,paludisme,Certaines maladies infectieuses ou parasitaires; Noma,REFUGEES; Orpailleurs,hopital,WASH
                """);

        assertThat(file.rows().get(0).metadata())
                .containsEntry("healthTopics", List.of("infectious"))
                .containsEntry("topics", List.of("paludisme", "Noma"))
                .containsEntry("populations", List.of("refugees"))
                .containsEntry("populationsOther", List.of("Orpailleurs"))
                .containsEntry("settings", List.of("hospital"))
                .containsEntry("interventions", List.of("wash"))
                .doesNotContainKeys("settingsOther", "interventionsOther");
    }

    @Test
    void readsVocabularyListsFromJsonLines() {
        MetadataFile file = MetadataFile.jsonLines(
                "{\"file\": \"a.pdf\", \"settings\": [\"Clinique mobile\", \"Prison\"]}",
                io.micronaut.json.JsonMapper.createDefault());

        assertThat(file.rows().get(0).metadata())
                .containsEntry("settings", List.of("mobile_clinic"))
                .containsEntry("settingsOther", List.of("Prison"));
    }

    @Test
    void countsLinesAcrossACellWithALineBreakAndLeavesEmptyCellsOut() {
        MetadataFile file = MetadataFile.csv("file,title,abstract\r\na.pdf,A,\"two\nlines\"\r\nb.pdf,,\r\n");

        assertThat(file.rows()).extracting(MetadataFile.Row::line).containsExactly(2, 4);
        assertThat(file.rows().get(0).metadata()).containsEntry("abstract", "two\nlines");
        assertThat(file.rows().get(1).metadata()).isEmpty();
    }

    @Test
    void reportsARowWithoutAFileOrWithTheWrongNumberOfCellsOnItsLine() {
        MetadataFile file = MetadataFile.csv("file,title\n,No file\na.pdf,A,extra\n");

        assertThat(file.rows()).extracting(MetadataFile.Row::line).containsExactly(2, 3);
        assertThat(file.rows().get(0).problem()).contains("names no file");
        assertThat(file.rows().get(1).problem()).contains("has 3 values for 2 columns");
    }

    @Test
    void refusesAHeaderWithAnUnknownColumnOrWithoutFile() {
        assertThatThrownBy(() -> MetadataFile.csv("file,colour\n"))
                .isInstanceOf(MetadataFile.MetadataFileException.class)
                .hasMessageContaining("unknown column \"colour\"");
        assertThatThrownBy(() -> MetadataFile.csv("title\nA\n"))
                .isInstanceOf(MetadataFile.MetadataFileException.class)
                .hasMessageContaining("no \"file\" column");
    }
}
