package org.alima.portal.api.usage;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.YearMonth;
import java.util.UUID;

/**
 * A document's usage as its pages show it, for the features that show it (the landing page); whether the reader may
 * see the document is theirs to decide. Thread-safe.
 */
@Singleton
public class UsageFigures {

    private final UsageCounts counts;
    private final Clock clock = Clock.systemUTC();

    UsageFigures(UsageCounts counts) {
        this.counts = counts;
    }

    /** Its views and downloads this month (UTC) and in all. */
    public DocumentUsage of(UUID document) {
        return counts.of(document, YearMonth.now(clock));
    }
}
