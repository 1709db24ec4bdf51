package org.alima.portal.indexer.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.alima.portal.indexer.index.IndexSchema;
import org.alima.portal.indexer.search.SearchResponse.FacetValue;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class VisibilityTest {

    private final UserQueryParser parser = new UserQueryParser(FieldWeights.defaults(), 0.3f, 0f);

    private final Visibility reader =
            Visibility.current(Access.audiences("public").knowingOnly(Set.of("open-one", "Ópen-Two")));

    private final Visibility curator = Visibility.current(Access.everything());

    @Nested
    class QueryClauses {

        @Test
        void letsAReaderNameACollectionItKnowsOf() {
            for (String query :
                    List.of("malaria collection:open-one", "(collection:\"OPEN-ONE\")", "collection:open-two")) {
                assertThatCode(() -> reader.checkCollectionClauses(parser.parse(query)))
                        .as(query)
                        .doesNotThrowAnyException();
            }
        }

        @Test
        void refusesAReaderAClauseOnAnUnknownCollectionOrAPattern() {
            for (String query : List.of(
                    "collection:closed-one",
                    "malaria -collection:closed-one",
                    "+Collection:CLOSED-ONE",
                    "(collection:closed-one)",
                    "collection:\"closed-one\"",
                    "collection:open*",
                    "collection:closed~",
                    "x\tcollection:closed-one")) {
                assertThatThrownBy(() -> reader.checkCollectionClauses(parser.parse(query)))
                        .as(query)
                        .isInstanceOfSatisfying(
                                QuerySyntaxException.class,
                                e -> assertThat(e.problem())
                                        .isEqualTo(QuerySyntaxException.Problem.UNKNOWN_COLLECTION));
            }
        }

        @Test
        void letsAnAccessThatKnowsEveryCollectionNameAny() {
            assertThatCode(() -> curator.checkCollectionClauses(parser.parse("collection:closed-one collection:any*")))
                    .doesNotThrowAnyException();
        }
    }

    @Nested
    class FiltersAndFacets {

        @Test
        void keepsOnlyTheKnownCollectionsOfAFilter() {
            assertThat(reader.knownFilters(Filters.none().withCollections("closed-one", "OPEN-ONE")))
                    .hasValue(Filters.none().withCollections("OPEN-ONE"));
            assertThat(reader.knownFilters(Filters.none().withTypes("protocol")))
                    .hasValue(Filters.none().withTypes("protocol"));
        }

        @Test
        void findsNothingWhenEveryCollectionAskedIsUnknown() {
            assertThat(reader.knownFilters(Filters.none().withCollections("closed-one")))
                    .isEmpty();
            assertThat(curator.knownFilters(Filters.none().withCollections("closed-one")))
                    .hasValue(Filters.none().withCollections("closed-one"));
        }

        @Test
        void countsOnlyTheKnownCollections() {
            Map<String, List<FacetValue>> counted = Map.of(
                    IndexSchema.COLLECTION,
                    List.of(new FacetValue("closed-one", 3), new FacetValue("open-one", 2)),
                    IndexSchema.TYPE,
                    List.of(new FacetValue("protocol", 5)));

            assertThat(reader.knownFacets(counted))
                    .containsEntry(IndexSchema.COLLECTION, List.of(new FacetValue("open-one", 2)))
                    .containsEntry(IndexSchema.TYPE, List.of(new FacetValue("protocol", 5)));
            assertThat(curator.knownFacets(counted)).isEqualTo(counted);
        }
    }
}
