package org.alima.portal.api.documents;

import java.util.Set;
import java.util.stream.Collectors;
import org.alima.portal.api.system.PortalException;
import org.alima.portal.api.system.Problem;

/**
 * The caller may do the action, but not in the document's current status (409): {@code document-withdrawn} for a
 * withdrawn document, which can no longer change, {@code invalid-transition} otherwise. The detail names the current
 * status and the actions the caller may take instead (also listed in the document's {@code actions}).
 */
final class TransitionConflictException extends PortalException {

    private final boolean withdrawn;

    TransitionConflictException(Document document, Action action, Set<Action> allowed) {
        super(detail(document, action, allowed));
        this.withdrawn = document.status() == DocumentStatus.WITHDRAWN;
    }

    @Override
    public Problem problem() {
        return withdrawn
                ? Problem.of(409, "document-withdrawn", "Document withdrawn", getMessage())
                : Problem.of(409, "invalid-transition", "Not possible in this status", getMessage());
    }

    private static String detail(Document document, Action action, Set<Action> allowed) {
        String status = document.status().value();
        String why;
        if (action == Action.NEW_VERSION && document.hasNewerVersion()) {
            why = "it already has a newer version (its status: " + status + "); change that one instead";
        } else if (action == Action.RETRY && !"failed".equals(document.file().extractionStatus())) {
            why = "its processing has not failed (it is " + document.file().extractionStatus() + "; status: " + status
                    + ")";
        } else if (document.status() == DocumentStatus.WITHDRAWN) {
            why = "its status is withdrawn, and a withdrawn document can no longer change";
        } else {
            why = "its status is " + status;
        }
        String now = allowed.isEmpty()
                ? "nothing"
                : allowed.stream().map(Action::wireName).collect(Collectors.joining(", "));
        return "Cannot " + action.wireName() + " document " + document.id() + ": " + why + ". What you may do now: "
                + now + ".";
    }
}
