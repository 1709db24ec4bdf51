package org.alima.portal.indexer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JudgementsTest {

    @TempDir
    Path dir;

    @Test
    void readsBeirQrelsWithHeader() throws IOException {
        Path file =
                Files.writeString(dir.resolve("q.tsv"), "query-id\tcorpus-id\tscore\n1\td1\t1\n1\td2\t2\n2\td3\t1\n");
        Judgements judgements = Judgements.read(file);
        assertThat(judgements.of("1")).containsEntry("d1", 1).containsEntry("d2", 2);
        assertThat(judgements.of("2")).containsOnlyKeys("d3");
        assertThat(judgements.of("unknown")).isEmpty();
    }

    @Test
    void readsTrecQrels() throws IOException {
        Path file = Files.writeString(dir.resolve("MED.REL"), "1 0 13 1\n1 0 14 1\n");
        assertThat(Judgements.read(file).of("1")).containsOnlyKeys("13", "14");
    }

    @Test
    void namesTheLineOfAMalformedRow() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.tsv"), "1\td1\t1\n1\td2\n");
        assertThatThrownBy(() -> Judgements.read(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(":2:");
    }
}
