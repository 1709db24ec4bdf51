package org.alima.portal.api.alerts;

import java.time.Duration;
import java.util.Locale;

/** How often a saved search's owner gets a digest of what is newly published: never, daily or weekly. */
enum Frequency {
    NONE(null),
    DAILY(Duration.ofDays(1)),
    WEEKLY(Duration.ofDays(7));

    static final String PATTERN = "none|daily|weekly";
    static final String MESSAGE = "must be none, daily or weekly";

    private final Duration period;

    Frequency(Duration period) {
        this.period = period;
    }

    /** The time between two digests; null for {@link #NONE}. */
    Duration period() {
        return period;
    }

    /** The name used in JSON and in the database: {@code daily}. */
    String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Frequency of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
