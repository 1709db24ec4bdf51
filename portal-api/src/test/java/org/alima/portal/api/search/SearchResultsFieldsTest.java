package org.alima.portal.api.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.alima.portal.api.system.InvalidInputException;
import org.junit.jupiter.api.Test;

class SearchResultsFieldsTest {

    @Test
    void includesEverythingWhenNoFieldsAreGiven() {
        SearchResults.Fields all = SearchResults.Fields.parse(null);

        assertThat(SearchResults.Fields.HIT_FIELDS).allMatch(all::includes);
        assertThat(all.includes("facets")).isTrue();
    }

    @Test
    void includesOnlyTheNamedFieldsGivenWithCommasOrRepeated() {
        SearchResults.Fields some = SearchResults.Fields.parse(List.of("id, title", "pages,"));

        assertThat(some.includes("id")).isTrue();
        assertThat(some.includes("title")).isTrue();
        assertThat(some.includes("pages")).isTrue();
        assertThat(some.includes("authors")).isFalse();
        assertThat(some.includes("facets")).as("facets only when asked").isFalse();
    }

    @Test
    void refusesAnUnknownFieldNamingTheChoices() {
        assertThatThrownBy(() -> SearchResults.Fields.parse(List.of("id,password")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'password'")
                .hasMessageContaining("didYouMean");
    }
}
