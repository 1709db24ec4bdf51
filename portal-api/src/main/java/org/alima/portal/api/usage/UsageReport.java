package org.alima.portal.api.usage;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import org.alima.portal.api.collections.Localized;

/**
 * The curators' view of a month's usage: the most read documents of the whole portal, then of each collection that
 * holds any document read that month.
 *
 * @param month YYYY-MM (UTC)
 * @param all the whole portal's most read documents, most viewed first
 */
@Serdeable
public record UsageReport(String month, Group all, List<CollectionGroup> collections) {

    /** The most read documents of a group, most viewed first (then most downloaded), at most {@code LIMIT}. */
    @Serdeable
    public record Group(long views, long downloads, List<Line> documents) {}

    /** One collection's group. */
    @Serdeable
    public record CollectionGroup(String slug, Localized title, Group usage) {}

    /** A document's views and downloads in the month. */
    @Serdeable
    public record Line(String id, String title, long views, long downloads) {}
}
