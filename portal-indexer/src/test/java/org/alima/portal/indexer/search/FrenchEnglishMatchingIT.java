package org.alima.portal.indexer.search;

import static org.alima.portal.indexer.search.TestDocument.doc;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.alima.portal.indexer.crosslang.QueryTranslator;
import org.alima.portal.indexer.search.SearchResponse.Hit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FrenchEnglishMatchingIT {

    @RegisterExtension
    static final TestIndex indexed = TestIndex.of(
            doc("neonat-fr")
                    .language("fr")
                    .title("Protocole de réanimation néonatale")
                    .pages("La réanimation néonatale commence dans les trente secondes.")
                    .build(),
            doc("hopital-fr")
                    .language("fr")
                    .title("Organisation des soins")
                    .pages("Le transfert vers l'hôpital de district se fait en ambulance. Qu'il pleuve ou non.")
                    .build(),
            doc("children-en")
                    .language("en")
                    .title("Severe acute malnutrition")
                    .pages("Children treated for malnutrition were followed for twelve weeks.")
                    .build(),
            doc("enfants-fr")
                    .language("fr")
                    .title("Prise en charge nutritionnelle")
                    .pages("Les enfants malnutris sont suivis chaque semaine par des infirmières.")
                    .build());

    private static List<String> ids(String query) {
        // The analysis alone (stems, accents, elisions): what translation adds is CrossLanguageSearchIT's.
        PortalSearch typedWordsOnly =
                new PortalSearch(indexed.index(), SearchSettings.defaults(), QueryTranslator.off());
        return typedWordsOnly.search(SearchRequest.of(query)).hits().stream()
                .map(Hit::id)
                .toList();
    }

    @ParameterizedTest(name = "\"{0}\" finds the French document")
    @CsvSource({
        "reanimation neonatale",
        "Réanimation",
        "REANIMATION NÉONATALE",
        "réanimations",
        "néonatal",
        "\"reanimation neonatale\""
    })
    void findsFrenchDocumentWithOrWithoutAccents(String query) {
        assertThat(ids(query)).containsExactly("neonat-fr");
    }

    @Test
    void removesFrenchElisionSoThatHopitalFindsLHopital() {
        assertThat(ids("hopital")).containsExactly("hopital-fr");
        assertThat(ids("l'hôpital")).containsExactly("hopital-fr");
        assertThat(ids("L’HOPITAL")).containsExactly("hopital-fr");
    }

    @Test
    void dropsElidedQuAndStopWordsOfBothLanguages() {
        assertThat(ids("qu'il pleuve")).containsExactly("hopital-fr");
        assertThat(ids("the children")).containsExactly("children-en");
        assertThat(ids("les enfants")).containsExactly("enfants-fr");
    }

    @Test
    void stemsEnglishPluralsAndInflections() {
        assertThat(ids("child treatment")).isEmpty(); // "children" is irregular: no stemmer conflates it
        assertThat(ids("treat")).containsExactly("children-en");
        assertThat(ids("weeks follow")).containsExactly("children-en");
    }

    @Test
    void stemsFrenchPluralsAndAdjectiveEndings() {
        assertThat(ids("enfant malnutri")).containsExactly("enfants-fr");
        assertThat(ids("infirmière")).containsExactly("enfants-fr");
        assertThat(ids("nutritionnels")).containsExactly("enfants-fr");
    }

    @Test
    void matchesWhateverTheDocumentLanguageWhenTheQueryLanguageIsUnknown() {
        assertThat(ids("malnutrition")).containsExactlyInAnyOrder("children-en");
        assertThat(ids("malnutris")).containsExactly("enfants-fr");
        assertThat(ids("nutrition OR malnutrition")).contains("children-en");
    }
}
