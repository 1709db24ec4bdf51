package org.alima.portal.api.usage;

import io.micronaut.serde.annotation.Serdeable;

/**
 * A document's usage as its page shows it: views of its page and downloads of its file, this month and in all.
 *
 * @param month the current month (UTC), YYYY-MM
 */
@Serdeable
public record DocumentUsage(String month, Figures thisMonth, Figures total) {

    /** Views of the page and downloads of the file (whole or one page), each counted as COUNTER counts them. */
    @Serdeable
    public record Figures(long views, long downloads) {}
}
