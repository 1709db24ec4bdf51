package org.alima.portal.api.search;

import io.micronaut.core.annotation.Nullable;
import java.time.Clock;
import java.time.LocalDate;

/**
 * When an operating procedure's review is overdue: the one rule that the document's answer, search hits, the list
 * filter {@code reviewDue=overdue} and every page showing a procedure apply. A procedure is overdue from the day after
 * its review-due date (the date itself is the last day it is current), in UTC, the server's calendar for every
 * reader. Here rather than with the documents, since search must decide it from the index alone (the documents
 * feature depends on search, not the reverse). Stateless; thread-safe.
 */
public final class ReviewDue {

    private static final Clock CLOCK = Clock.systemUTC();

    private ReviewDue() {}

    /** Today in the calendar the rule counts in. */
    public static LocalDate today() {
        return LocalDate.now(CLOCK);
    }

    /**
     * The date from which a procedure due for review on {@code due} is overdue, as a client shows it ("review overdue
     * since 15 January 2022"): {@code due} itself once it has passed; null while it has not, or without a date.
     */
    public static @Nullable LocalDate overdueSince(@Nullable LocalDate due, LocalDate today) {
        return due != null && due.isBefore(today) ? due : null;
    }

    /**
     * {@link #overdueSince(LocalDate)} for a version that is still {@code current}: a withdrawn version, or one a newer
     * published version replaces, is no longer the procedure anyone applies, so it is not overdue.
     */
    public static @Nullable LocalDate overdueSince(@Nullable LocalDate due, boolean current) {
        return current ? overdueSince(due) : null;
    }

    /** {@link #overdueSince(LocalDate, LocalDate)} as of today. */
    public static @Nullable LocalDate overdueSince(@Nullable LocalDate due) {
        return overdueSince(due, today());
    }
}
