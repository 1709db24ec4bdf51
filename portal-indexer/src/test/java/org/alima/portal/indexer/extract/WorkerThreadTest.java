package org.alima.portal.indexer.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class WorkerThreadTest {

    @Test
    void returnsTheResultOfWorkThatFinishesInTime() throws Exception {
        assertThat(WorkerThread.run("quick work", () -> "done", TimeUnit.SECONDS.toNanos(5)))
                .contains("done");
    }

    @Test
    void abandonsWorkThatIgnoresInterruptsAndReturnsOnTime() throws Exception {
        AtomicBoolean release = new AtomicBoolean();
        int abandonedBefore = WorkerThread.abandoned();
        long start = System.nanoTime();

        Optional<String> result = WorkerThread.run(
                "stuck work",
                () -> {
                    // a parser stuck in a loop that checks nothing
                    while (!release.get()) {
                        Thread.onSpinWait();
                    }
                    return "late";
                },
                TimeUnit.MILLISECONDS.toNanos(100));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        release.set(true);

        assertThat(result).isEmpty();
        assertThat(took).isLessThan(Duration.ofSeconds(2));
        assertThat(WorkerThread.abandoned()).isGreaterThan(abandonedBefore);
    }

    @Test
    void passesOnWhatTheWorkThrew() {
        assertThatThrownBy(() -> WorkerThread.run(
                        "failing work",
                        () -> {
                            throw new IllegalStateException("boom");
                        },
                        TimeUnit.SECONDS.toNanos(5)))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalStateException.class);
    }
}
