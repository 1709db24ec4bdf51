package org.alima.portal.api.documents;

import java.util.UUID;
import org.alima.portal.api.system.PortalException;
import org.alima.portal.api.system.Problem;

/** The caller may see the document but the action is not theirs to do, whatever its status (403 {@code forbidden}). */
final class ActionForbiddenException extends PortalException {

    ActionForbiddenException(UUID id, Action action, String who) {
        super("You may not " + action.wireName() + " document " + id + ": " + who + ".");
    }

    /** A refusal that is not one of the document's {@link Action}s (linking two documents): {@code detail} says why. */
    ActionForbiddenException(String detail) {
        super(detail);
    }

    @Override
    public Problem problem() {
        return Problem.of(403, "forbidden", "Forbidden", getMessage());
    }
}
