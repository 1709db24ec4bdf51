package org.alima.portal.api.indexing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReadAheadTest {

    @Test
    void yieldsResultsInTheListsOrderAndSkipsNulls() {
        List<Integer> items = IntStream.range(0, 50).boxed().toList();

        try (ReadAhead<Integer, String> ahead =
                new ReadAhead<>(items, i -> i % 10 == 0 ? null : "item " + i, 3, "test")) {
            List<String> results = ahead.stream().toList();

            assertThat(results).hasSize(45).startsWith("item 1", "item 2").endsWith("item 48", "item 49");
        }
    }

    @Test
    void worksAtMostTwoItemsPerThreadAheadOfTheConsumer() {
        AtomicInteger started = new AtomicInteger();

        try (ReadAhead<Integer, Integer> ahead =
                new ReadAhead<>(IntStream.range(0, 100).boxed().toList(), i -> started.incrementAndGet(), 2, "test")) {
            ahead.next();

            assertThat(started.get()).isLessThanOrEqualTo(4);
        }
    }

    @Test
    void reportsAFailedItemWithItsCause() {
        try (ReadAhead<Integer, Integer> ahead = new ReadAhead<>(
                List.of(1, 2),
                i -> {
                    throw new IllegalStateException("extraction broke");
                },
                1,
                "test")) {
            assertThatThrownBy(ahead::next)
                    .isInstanceOf(ReadAhead.ReadAheadException.class)
                    .hasRootCauseMessage("extraction broke");
        }
    }
}
