package org.alima.portal.indexer.search;

import static org.alima.portal.indexer.search.TestDocument.doc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.alima.portal.indexer.search.SearchResponse.Hit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SuggestionsIT {

    /** Afresh for each test: some tests add or delete documents. */
    @RegisterExtension
    final TestIndex indexed = TestIndex.of(
            doc("mis")
                    .title("Malaria indicator survey, Mali 2021")
                    .keywords("Malaria", "Household survey")
                    .pages("Malaria prevalence by rapid diagnostic test among children under five in Mali.")
                    .build(),
            doc("smc")
                    .title("Seasonal malaria chemoprevention")
                    .keywords("Malaria", "Chemoprevention")
                    .pages(
                            "Seasonal malaria chemoprevention with sulfadoxine-pyrimethamine and amodiaquine in children.")
                    .build(),
            doc("reanimation")
                    .title("Réanimation néonatale en salle de naissance")
                    .keywords("Néonatologie")
                    .language("fr")
                    .pages("La réanimation du nouveau-né commence par la ventilation au masque.")
                    .build(),
            doc("cholera")
                    .title("Cholera treatment centre design")
                    .keywords("Cholera", "Water and sanitation")
                    .pages("Chlorinated water, oral rehydration and case management in a cholera treatment centre.")
                    .build());

    @Nested
    class DidYouMean {

        @Test
        void correctsAMisspelledWordWhenTheCorrectionFindsMore() {
            SearchResponse response = indexed.search().search(SearchRequest.of("malria"));

            assertThat(response.total()).isZero();
            assertThat(response.didYouMean()).isEqualTo("malaria");
        }

        @Test
        void keepsOperatorsAndSpellsCorrectionsAsTheDocumentsDo() {
            // "neonatale" finds the document (accents do not count): the reader's word, left as typed.
            assertThat(indexed.search()
                            .search(SearchRequest.of("+reanimaton neonatale"))
                            .didYouMean())
                    .isEqualTo("+réanimation neonatale");
        }

        @Test
        void staysSilentWhenTheQueryFindsEnough() {
            assertThat(indexed.search()
                            .search(SearchRequest.of("malaria children"))
                            .didYouMean())
                    .isNull();
        }

        @Test
        void neverCorrectsAWordThatFindsDocuments() {
            // "malaria" is in two documents, "maladie" in three: the reader meant malaria, and found it.
            for (String id : new String[] {"fievre", "rougeole", "diarrhee"}) {
                indexed.index()
                        .upsert(doc(id).language("fr")
                                .title("Prise en charge de la maladie")
                                .pages("La maladie se traite au centre de santé.")
                                .build());
            }
            indexed.index().refresh();

            SearchResponse response = indexed.search().search(SearchRequest.of("malaria"));

            assertThat(response.total()).isEqualTo(2);
            assertThat(response.didYouMean()).isNull();
        }

        @Test
        void staysSilentWhenNoCorrectionFindsMore() {
            assertThat(indexed.search()
                            .search(SearchRequest.of("malaria xylophone"))
                            .didYouMean())
                    .isNull();
        }
    }

    @Nested
    class Autocomplete {

        @Test
        void completesTitlesAndKeywordsFromTheFirstLetters() {
            List<Suggestion> suggestions = indexed.search().autocomplete("malar", 10);

            assertThat(suggestions)
                    .extracting(Suggestion::text)
                    .contains("Malaria indicator survey, Mali 2021", "Seasonal malaria chemoprevention", "Malaria")
                    .doesNotHaveDuplicates();
            assertThat(suggestions)
                    .filteredOn(suggestion -> suggestion.kind() == Suggestion.Kind.TITLE)
                    .extracting(Suggestion::documentId)
                    .containsExactlyInAnyOrder("mis", "smc");
            assertThat(suggestions.getFirst().kind()).isEqualTo(Suggestion.Kind.TITLE);
        }

        @Test
        void matchesEveryTypedWordInAnyOrder() {
            assertThat(indexed.search().autocomplete("survey mal", 10))
                    .extracting(Suggestion::text)
                    .containsExactly("Malaria indicator survey, Mali 2021");
        }

        @Test
        void ignoresAccentsAndCase() {
            assertThat(indexed.search().autocomplete("REANI", 10))
                    .extracting(Suggestion::text)
                    .containsExactly("Réanimation néonatale en salle de naissance");
            assertThat(indexed.search().autocomplete("néonato", 10))
                    .extracting(Suggestion::text)
                    .containsExactly("Néonatologie");
        }

        @Test
        void isAsFreshAsTheIndex() {
            indexed.index()
                    .upsert(doc("measles").title("Measles outbreak response").build());
            indexed.index().delete("cholera");
            indexed.index().refresh();

            assertThat(indexed.search().autocomplete("meas", 5))
                    .extracting(Suggestion::text)
                    .containsExactly("Measles outbreak response");
            assertThat(indexed.search().autocomplete("chol", 5)).isEmpty();
        }

        @Test
        void returnsNothingForOneLetterAndRefusesAbuse() {
            assertThat(indexed.search().autocomplete("m", 5)).isEmpty();
            assertThat(indexed.search().autocomplete("   ", 5)).isEmpty();
            assertThatThrownBy(() -> indexed.search().autocomplete("m".repeat(101), 5))
                    .isInstanceOf(InvalidSearchRequestException.class);
            assertThatThrownBy(() -> indexed.search().autocomplete("malaria", 21))
                    .isInstanceOf(InvalidSearchRequestException.class)
                    .hasMessageContaining("MAX_SIZE");
        }
    }

    @Nested
    class Related {

        @Test
        void findsDocumentsSharingDistinctiveWordsButNotItself() {
            List<Hit> related = indexed.search().related("mis", 5);

            assertThat(related).extracting(Hit::id).first().isEqualTo("smc");
            assertThat(related).extracting(Hit::id).doesNotContain("mis", "reanimation");
        }

        @Test
        void leavesOutTheDocumentsOwnVersionsWithinTheQuery() {
            indexed.index()
                    .upsert(doc("smc-2")
                            .versionOf("smc")
                            .title("Seasonal malaria chemoprevention, revised")
                            .keywords("Malaria", "Chemoprevention")
                            .pages("Seasonal malaria chemoprevention with sulfadoxine-pyrimethamine and amodiaquine.")
                            .build());
            indexed.index().refresh();
            try {
                assertThat(indexed.search().related("mis", 5))
                        .as("another work's versions are related to it")
                        .extracting(Hit::id)
                        .contains("smc", "smc-2");
                assertThat(indexed.search().related("smc", 5))
                        .extracting(Hit::id)
                        .doesNotContain("smc", "smc-2");
                assertThat(indexed.search().related("smc-2", 5))
                        .extracting(Hit::id)
                        .doesNotContain("smc", "smc-2");
                assertThat(indexed.search().related("smc", 1))
                        .as("the version takes no place of the size asked for")
                        .extracting(Hit::id)
                        .containsExactly("mis");
            } finally {
                indexed.index().delete("smc-2");
                indexed.index().refresh();
            }
        }

        @Test
        void reportsAnUnknownDocument() {
            assertThatThrownBy(() -> indexed.search().related("nope", 5))
                    .isInstanceOf(DocumentNotFoundException.class)
                    .hasMessageContaining("nope");
        }
    }

    @Nested
    class FieldWeighting {

        @Test
        void ranksATitleMatchAboveABodyMatch() {
            indexed.index()
                    .upsert(doc("in-title")
                            .title("Typhoid fever")
                            .pages("General guidance on hygiene in health centres, with long explanations.")
                            .build());
            indexed.index()
                    .upsert(doc("in-body")
                            .title("Field report")
                            .pages("Typhoid was confirmed in three patients of the health centre last week.")
                            .build());
            indexed.index().refresh();

            assertThat(indexed.search().rankedIds("typhoid", 2)).containsExactly("in-title", "in-body");

            PortalSearch bodyFirst = new PortalSearch(
                    indexed.index(), SearchSettings.defaults().withWeights(new FieldWeights(0.1f, 1, 10, 1)));
            assertThat(bodyFirst.rankedIds("typhoid", 2)).containsExactly("in-body", "in-title");
        }

        @Test
        void refusesWeightsOutOfRange() {
            assertThatThrownBy(() -> new FieldWeights(-1, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new FieldWeights(0, 0, 0, 0)).hasMessageContaining("at least one");
            assertThatThrownBy(() -> SearchSettings.defaults().withTimeLimit(Duration.ZERO))
                    .hasMessageContaining("timeLimit");
        }
    }
}
