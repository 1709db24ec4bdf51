package org.alima.portal.indexer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestQueriesTest {

    @TempDir
    Path dir;

    @Test
    void readsQueriesAsPlainWordsAndKeepsEmptiedOnesSoThatAveragesCountThem() throws IOException {
        Path file = Files.writeString(dir.resolve("queries.jsonl"), """
                {"_id": "0", "text": "1-1% of patients: (colorectal) cancer?"}
                {"id": "1", "text": "?*"}
                """);

        assertThat(TestQueries.read(file))
                .containsExactly(
                        java.util.Map.entry("0", "1 1% of patients   colorectal  cancer"),
                        java.util.Map.entry("1", ""));
    }

    @Test
    void namesTheLineOfAQueryWithoutText() throws IOException {
        Path file =
                Files.writeString(dir.resolve("bad.jsonl"), "{\"_id\": \"0\", \"text\": \"a\"}\n{\"_id\": \"1\"}\n");

        assertThatThrownBy(() -> TestQueries.read(file)).hasMessageContaining("bad.jsonl:2");
    }
}
