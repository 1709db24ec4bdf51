package org.alima.portal.indexer.search;

import static org.alima.portal.indexer.search.TestDocument.doc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.alima.portal.indexer.index.IndexableDocument;
import org.alima.portal.indexer.search.SearchResponse.Hit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryLanguageIT {

    @RegisterExtension
    static final TestIndex indexed = TestIndex.of(
            doc("survey")
                    .title("Malaria indicator survey")
                    .authors("Rebecca F. Grais")
                    .keywords("malaria", "prevalence")
                    .type("Survey")
                    .language("en")
                    .year(2019)
                    .countries("ML")
                    .topics("Malaria")
                    .collections("Epicentre")
                    .pages("Plasmodium falciparum prevalence in children under five.")
                    .build(),
            withDoi(
                    doc("guideline")
                            .title("Malaria treatment guideline")
                            .authors("Jean Dupont")
                            .type("guideline")
                            .language("en")
                            .year(2021)
                            .countries("NE")
                            .pages("Artemisinin combination therapy dosing for adults.")
                            .build(),
                    "https://doi.org/10.1000/XYZ.9"),
            doc("campaign")
                    .title("Cholera vaccination campaign")
                    .type("report")
                    .language("en")
                    .year(2015)
                    .countries("NE", "ML")
                    .pages("Oral vaccine coverage in Niger and Mali.")
                    .build(),
            doc("rapport")
                    .title("Rapport nutritionnel")
                    .type("report")
                    .language("fr")
                    .year(2020)
                    .pages("Malnutrition aiguë sévère chez les enfants.")
                    .build());

    private static IndexableDocument withDoi(IndexableDocument d, String doi) {
        return new IndexableDocument(
                d.id(),
                d.source(),
                d.title(),
                d.abstractText(),
                d.authors(),
                d.keywords(),
                doi,
                d.type(),
                d.language(),
                d.date(),
                d.countries(),
                d.topics(),
                d.collections(),
                d.pages(),
                d.audiences(),
                d.superseded());
    }

    /** The documents the query matches: partial matches, shown after them when they are few, are left out. */
    private static List<String> ids(String query) {
        return indexed.search().search(SearchRequest.of(query)).hits().stream()
                .filter(hit -> !hit.isPartial())
                .map(Hit::id)
                .toList();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // words: all required up to three words
                "malaria survey | survey",
                "malaria | survey guideline",
                // OR, NOT, +, -, parentheses
                "survey OR guideline | survey guideline",
                "malaria NOT survey | guideline",
                "malaria -treatment | survey",
                "+cholera +vaccine | campaign",
                "(survey OR guideline) AND artemisinin | guideline",
                // phrases and slop
                "\"malaria treatment\" | guideline",
                "\"malaria guideline\" | ''",
                "\"malaria guideline\"~1 | guideline",
                // fields
                "title:cholera | campaign",
                "title:(cholera campaign) | campaign",
                "title:(malaria OR cholera) -survey | guideline campaign",
                "author:grais | survey",
                "author:\"jean dupont\" | guideline",
                "keyword:prevalence | survey",
                "type:Guideline | guideline",
                "language:FR | rapport",
                "year:2019 | survey",
                "year:[2019 TO 2021] | survey rapport guideline",
                "year:{2019 TO 2021] | rapport guideline",
                "year:[2020 TO *] | rapport guideline",
                "country:ml | survey campaign",
                "topic:malaria | survey",
                "collection:épicentre | survey",
                "doi:10.1000/xyz.9 | guideline",
                "doi:\"https://doi.org/10.1000/XYZ.9\" | guideline",
                "TITLE:cholera | campaign",
                // prefix and fuzzy
                "malar* | survey guideline",
                "artemis* | guideline",
                "malria~1 | survey guideline",
                "artemisnin~ | guideline",
                // authors are searched by default
                "grais | survey",
                // plain text that looks like syntax
                "cholera: vaccine | campaign",
                "\"cholera vaccination | campaign",
                "(cholera | campaign",
                "malnutrition/enfants | rapport",
            })
    void runsEveryConstructOfTheQueryLanguage(String query, String expected) {
        List<String> expectedIds = expected.isBlank() ? List.of() : List.of(expected.split(" "));
        assertThat(ids(query)).as(query).containsExactlyInAnyOrderElementsOf(expectedIds);
    }

    @Test
    void listsEveryDocumentButNoPageForAnEmptyQuery() {
        SearchResponse response = indexed.search().search(SearchRequest.of(" ").withSize(100));

        assertThat(response.total()).isEqualTo(4);
        assertThat(response.hits()).extracting(Hit::id).doesNotContainNull().hasSize(4);
    }

    @Test
    void ranksALongNaturalLanguageQueryByAnyOfItsWords() {
        assertThat(ids("what is the treatment of malaria in adults")).first().isEqualTo("guideline");
    }

    @Test
    void rejectsAbusiveQueriesWithATypedException() {
        assertThatThrownBy(() -> indexed.search().search(SearchRequest.of("*aria")))
                .isInstanceOf(QuerySyntaxException.class)
                .hasMessageContaining("may not start with *");
    }

    @Test
    void stopsASearchThatExceedsItsTimeLimit() {
        PortalSearch impatient =
                new PortalSearch(indexed.index(), SearchSettings.defaults().withTimeLimit(Duration.ofNanos(1)));

        assertThatThrownBy(() -> impatient.search(SearchRequest.of("malaria")))
                .isInstanceOf(SearchTimeoutException.class)
                .hasMessageContaining("took longer than");
    }

    @Test
    void returnsRankedIdsOnTheFastPath() {
        assertThat(indexed.search().rankedIds("malaria treatment artemisinin adults", 10))
                .first()
                .isEqualTo("guideline");
        assertThatThrownBy(() -> indexed.search().rankedIds("malaria", 1_001))
                .isInstanceOf(InvalidSearchRequestException.class)
                .hasMessageContaining("MAX_RANKED_IDS");
    }
}
