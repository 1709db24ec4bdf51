package org.alima.portal.indexer.search;

/**
 * The query text was refused: it is abusive (too long, too deep, too many clauses) or uses a construct the portal does
 * not run (leading wildcard, short prefix…). The message is written for the person who typed the query.
 */
public final class QuerySyntaxException extends SearchException {

    /** What was wrong with the query. */
    public enum Problem {
        TOO_LONG,
        TOO_DEEP,
        TOO_MANY_CLAUSES,
        LEADING_WILDCARD,
        UNSUPPORTED_WILDCARD,
        PREFIX_TOO_SHORT,
        FUZZY_TOO_SHORT,
        TOO_MANY_FUZZY,
        SLOP_TOO_LARGE,
        UNSUPPORTED_RANGE,
        INVALID_VALUE,
        /** A {@code collection:} clause names a collection the caller may not know of, or a pattern. */
        UNKNOWN_COLLECTION,
        UNPARSEABLE
    }

    private final Problem problem;
    private final int position;

    QuerySyntaxException(Problem problem, int position, String message) {
        this(problem, position, message, null);
    }

    QuerySyntaxException(Problem problem, int position, String message, Throwable cause) {
        super(position >= 0 ? message + " (at character " + (position + 1) + ")" : message, cause);
        this.problem = problem;
        this.position = position;
    }

    public Problem problem() {
        return problem;
    }

    /** 0-based offset in the query text where the problem is, or -1 when it concerns the query as a whole. */
    public int position() {
        return position;
    }
}
