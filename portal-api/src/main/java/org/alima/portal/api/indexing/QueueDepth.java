package org.alima.portal.api.indexing;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** Counts the unfinished jobs of {@code index_jobs} for the queue's gauges; thread-safe, one read per call. */
@Singleton
class QueueDepth {

    /** The two unfinished states of a job: waiting (or due), and claimed by a worker. */
    enum State {
        PENDING,
        RUNNING
    }

    private final JdbcOperations jdbc;

    QueueDepth(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Jobs in each unfinished state now, zero included. */
    @ReadOnly
    Map<State, Long> now() {
        return jdbc.prepareStatement(
                "SELECT state, count(*) FROM index_jobs WHERE state IN ('pending', 'running') GROUP BY state",
                statement -> {
                    Map<State, Long> counts = new EnumMap<>(State.class);
                    for (State state : State.values()) {
                        counts.put(state, 0L);
                    }
                    ResultSet rows = statement.executeQuery();
                    while (rows.next()) {
                        counts.put(State.valueOf(rows.getString(1).toUpperCase(Locale.ROOT)), rows.getLong(2));
                    }
                    return counts;
                });
    }
}
