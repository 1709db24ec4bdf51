package org.alima.portal.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import org.alima.portal.indexer.index.IndexSchema;
import org.alima.portal.indexer.search.SearchSettings;
import org.junit.jupiter.api.Test;

class IndexNamesTest {

    private final IndexNames names = new IndexNames("portal", IndexDefinition.json(SearchSettings.defaults(), 1));

    @Test
    void concreteIndexNamesCarryTheSchemaVersionAndTheDefinitionHash() {
        String index = names.newIndex(Instant.ofEpochMilli(1_700_000_000_000L));

        assertThat(index).matches("portal-s" + IndexSchema.VERSION + "-m[0-9a-f]{8}-1700000000000");
        assertThat(names.isCurrent(index)).isTrue();
        assertThat(OpenSearchEngine.schemaVersionOf(index)).isEqualTo(IndexSchema.VERSION);
    }

    @Test
    void anotherDefinitionOrSchemaVersionIsNotCurrent() {
        IndexNames tuned = new IndexNames(
                "portal", IndexDefinition.json(SearchSettings.defaults().withBm25(0.9f, 0.4f), 1));
        IndexNames sharded = new IndexNames("portal", IndexDefinition.json(SearchSettings.defaults(), 2));

        assertThat(tuned.definitionHash()).isNotEqualTo(names.definitionHash());
        assertThat(sharded.definitionHash()).isNotEqualTo(names.definitionHash());
        assertThat(names.isCurrent(tuned.newIndex(Instant.now()))).isFalse();
        assertThat(names.isCurrent("portal-s" + (IndexSchema.VERSION - 1) + "-m" + names.definitionHash() + "-1"))
                .isFalse();
        assertThat(names.isCurrent("portalx-s" + IndexSchema.VERSION + "-m" + names.definitionHash() + "-1"))
                .isFalse();
    }

    @Test
    void anIndexOfOursSaysWhenItWasMadeAndAnotherPrefixsNeverIsOurs() {
        Instant made = Instant.ofEpochMilli(1_700_000_000_000L);
        IndexNames staging = new IndexNames("portal-staging", IndexDefinition.json(SearchSettings.defaults(), 1));

        assertThat(names.madeAt(names.newIndex(made))).contains(made);
        assertThat(names.madeAt("portal-s3-m0123abcd-42"))
                .as("an older schema and definition")
                .contains(Instant.ofEpochMilli(42));
        assertThat(names.madeAt(staging.newIndex(made)))
                .as("portal-staging's index starts with portal-s")
                .isEmpty();
        assertThat(names.madeAt("portal")).isEmpty();
        assertThat(names.madeAt("portal-s7-m0123abcd-99999999999999999999")).isEmpty();
    }

    @Test
    void theDefinitionIsTheSameTextEachTime() {
        assertThat(IndexDefinition.json(SearchSettings.defaults(), 1))
                .isEqualTo(IndexDefinition.json(SearchSettings.defaults(), 1));
    }

    @Test
    void settingsRefuseWhatCannotWork() {
        URI url = URI.create("http://localhost:9200");
        assertThatThrownBy(() -> OpenSearchSettings.of(URI.create("localhost:9200")))
                .hasMessageContaining("http://");
        assertThatThrownBy(() -> OpenSearchSettings.of(url).withIndexPrefix("Portal"))
                .hasMessageContaining("lower-case");
        assertThatThrownBy(() -> OpenSearchSettings.of(url).withCredentials("user", null))
                .hasMessageContaining("both");
        assertThatThrownBy(() -> OpenSearchSettings.of(url).withShards(0)).hasMessageContaining("1 to 64");
        assertThat(OpenSearchSettings.of(url).withCredentials("u", "secret").toString())
                .doesNotContain("secret");
    }
}
