package org.alima.portal.api.search;

import java.util.List;
import org.alima.portal.api.system.FieldError;
import org.alima.portal.api.system.PortalException;
import org.alima.portal.api.system.Problem;
import org.alima.portal.indexer.search.QuerySyntaxException;

/**
 * The query text was refused (400 {@code invalid-query}): too long, too deep, too many clauses, or a construct search
 * does not run (leading wildcard, short prefix…). The problem names the {@code q} field, says what to change, and
 * gives the 0-based {@code position} of the offending character when the problem is at one place.
 */
public final class InvalidQueryException extends PortalException {

    private final int position;

    public InvalidQueryException(QuerySyntaxException cause) {
        super(cause.getMessage(), cause);
        this.position = cause.position();
    }

    @Override
    public Problem problem() {
        Problem problem = Problem.of(400, "invalid-query", "Invalid query", "The query cannot be run: " + getMessage())
                .withErrors(List.of(new FieldError("q", getMessage())));
        return position >= 0 ? problem.withPosition(position) : problem;
    }
}
