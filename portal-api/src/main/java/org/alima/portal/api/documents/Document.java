package org.alima.portal.api.documents;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.access.Viewer.Role;
import org.alima.portal.api.system.NotFoundException;

/**
 * A document as PostgreSQL holds it, with all the workflow decides on. Immutable.
 *
 * <p>What a viewer may see of it and do with it is decided here and nowhere else, so that every endpoint applies the
 * same rules: everyone sees published documents and the pages of withdrawn ones; the owner also sees their drafts and
 * submissions; curators and admins see everything. A document the viewer may not see does not exist for them: every
 * endpoint answers 404, the same answer as for an unknown id.
 *
 * @param ownerId the account that uploaded it; null for documents uploaded before accounts existed
 * @param supersededBy the nearest newer version that is published, or null
 * @param latestVersionId the newest published version of its line, or its own id when no newer one is published
 * @param hasNewerVersion whether any newer version exists, published or not (a line of versions does not branch)
 * @param doubts the values read from the file that were found doubtful and are neither replaced nor confirmed
 * @param designSuggestion the study design the rules suggested from the file's text; null when none
 */
record Document(
        UUID id,
        DocumentMetadata metadata,
        DocumentStatus status,
        @Nullable UUID ownerId,
        @Nullable String ownerName,
        @Nullable String returnComment,
        @Nullable String withdrawnReason,
        int version,
        @Nullable UUID supersedes,
        @Nullable UUID supersededBy,
        UUID latestVersionId,
        boolean hasNewerVersion,
        @Nullable Instant publishedAt,
        Instant createdAt,
        Instant updatedAt,
        DocumentResponse.FileResponse file,
        List<MetadataDoubt> doubts,
        @Nullable DesignSuggestion designSuggestion) {

    Document {
        doubts = doubts.stream().filter(doubt -> doubt.standsIn(metadata)).toList();
    }

    /** The same document, with its owner's name as the accounts feature keeps it. */
    Document withOwnerName(@Nullable String name) {
        return new Document(
                id,
                metadata,
                status,
                ownerId,
                name,
                returnComment,
                withdrawnReason,
                version,
                supersedes,
                supersededBy,
                latestVersionId,
                hasNewerVersion,
                publishedAt,
                createdAt,
                updatedAt,
                file,
                doubts,
                designSuggestion);
    }

    /** Whether {@code viewer} may read the document's page (its metadata, status, citation). */
    boolean isVisibleTo(Viewer viewer) {
        return status.isPublic() || viewer.is(ownerId) || viewer.isAtLeast(Role.CURATOR);
    }

    /** Whether {@code viewer} may download the file: not a reader of a withdrawn document, which keeps only its page. */
    boolean isFileServedTo(Viewer viewer) {
        return status == DocumentStatus.WITHDRAWN
                ? viewer.is(ownerId) || viewer.isAtLeast(Role.CURATOR)
                : isVisibleTo(viewer);
    }

    /** What {@code viewer} may do with the document now. */
    Set<Action> actionsOf(Viewer viewer) {
        Set<Action> allowed = EnumSet.noneOf(Action.class);
        if (!isVisibleTo(viewer)) {
            return allowed;
        }
        for (Action action : Action.values()) {
            if (mayAct(viewer, action) && isPossible(viewer, action)) {
                allowed.add(action);
            }
        }
        return allowed;
    }

    /**
     * Checks that {@code viewer} may do {@code action} now.
     *
     * @throws NotFoundException when the viewer may not see the document (404, as for an unknown id)
     * @throws ActionForbiddenException when the action is not theirs to do, whatever the status (403)
     * @throws TransitionConflictException when it is theirs, but not in this status (409, naming the status and what
     *     they may do instead)
     */
    void require(Viewer viewer, Action action) {
        if (!isVisibleTo(viewer)) {
            throw notFound(id);
        }
        if (!mayAct(viewer, action)) {
            throw new ActionForbiddenException(id, action, who(action));
        }
        if (!isPossible(viewer, action)) {
            throw new TransitionConflictException(this, action, actionsOf(viewer));
        }
    }

    boolean isOwnedBy(Viewer viewer) {
        return viewer.is(ownerId);
    }

    /** Whether the viewer's role or relation to the document lets them do {@code action} at all. */
    private boolean mayAct(Viewer viewer, Action action) {
        boolean owner = viewer.is(ownerId);
        boolean curator = viewer.isAtLeast(Role.CURATOR);
        return switch (action) {
            case SUBMIT -> owner;
            case PUBLISH, RETURN -> curator;
            case EDIT, WITHDRAW, NEW_VERSION, RETRY -> owner || curator;
            case DELETE -> owner || viewer.isAtLeast(Role.ADMIN);
        };
    }

    /** Whether the document's status (and file) allow {@code action} now, for a viewer who {@link #mayAct} it. */
    private boolean isPossible(Viewer viewer, Action action) {
        boolean curator = viewer.isAtLeast(Role.CURATOR);
        return switch (action) {
            case EDIT -> curator ? status != DocumentStatus.WITHDRAWN : status == DocumentStatus.DRAFT;
            case SUBMIT -> status == DocumentStatus.DRAFT;
            case PUBLISH -> status == DocumentStatus.DRAFT || status == DocumentStatus.SUBMITTED;
            case RETURN -> status == DocumentStatus.SUBMITTED;
            case WITHDRAW -> status == DocumentStatus.PUBLISHED;
            case DELETE -> viewer.isAtLeast(Role.ADMIN) || status == DocumentStatus.DRAFT;
            case NEW_VERSION ->
                (status == DocumentStatus.PUBLISHED || status == DocumentStatus.WITHDRAWN) && !hasNewerVersion;
            case RETRY -> status != DocumentStatus.WITHDRAWN && "failed".equals(file.extractionStatus());
        };
    }

    private static String who(Action action) {
        return switch (action) {
            case SUBMIT -> "only its owner may submit it";
            case PUBLISH -> "only a curator may publish it";
            case RETURN -> "only a curator may return it";
            case EDIT -> "only its owner or a curator may edit it";
            case WITHDRAW -> "only its owner or a curator may withdraw it";
            case NEW_VERSION -> "only its owner or a curator may upload a new version of it";
            case RETRY -> "only its owner or a curator may retry its processing";
            case DELETE -> "only its owner (while it is a draft) or an admin may delete it";
        };
    }

    static NotFoundException notFound(UUID id) {
        return new NotFoundException(
                "No document has the id " + id + "; list documents at " + DocumentController.BASE + ".");
    }
}
