package org.alima.portal.api.indexing;

import org.alima.portal.api.system.PortalException;
import org.alima.portal.api.system.Problem;

/** A rebuild of the search index was asked for while one runs (409 {@code rebuild-running}). */
final class RebuildRunningException extends PortalException {

    RebuildRunningException() {
        super("A rebuild of the search index is already running; follow it at " + IndexController.BASE + ".");
    }

    @Override
    public Problem problem() {
        return Problem.of(409, "rebuild-running", "Rebuild already running", getMessage());
    }
}
