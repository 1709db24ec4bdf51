package org.alima.portal.api.audit;

import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.alima.portal.api.system.FieldError;
import org.alima.portal.api.system.InvalidInputException;

/**
 * What an administrator asks of the audit log, checked. Immutable.
 *
 * @param action an exact action ({@code account.disable}), or with {@code family} a prefix ({@code account} for every
 *     {@code account.*})
 * @param actorId the acting account's id, or null ({@code actorEmail} may name it instead)
 * @param before only events older than this id (the cursor), or null for the newest
 */
record AuditQuery(
        @Nullable String action,
        boolean family,
        @Nullable UUID actorId,
        @Nullable String actorEmail,
        @Nullable String target,
        @Nullable Long before,
        int size) {

    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 100;

    private static final Pattern ACTION = Pattern.compile("[a-z]+(\\.[a-z_]+)*");

    /**
     * Reads the query parameters.
     *
     * @throws InvalidInputException naming every parameter out of its bounds
     */
    static AuditQuery of(
            @Nullable String action,
            @Nullable String actor,
            @Nullable String target,
            @Nullable String before,
            @Nullable Integer size) {
        List<FieldError> errors = new ArrayList<>();
        String wanted = blankToNull(action);
        if (wanted != null && (wanted.length() > 100 || !ACTION.matcher(wanted).matches())) {
            errors.add(new FieldError(
                    "action", "must be an action such as account.role_change, or a family such as account"));
        }
        UUID actorId = null;
        String actorEmail = blankToNull(actor);
        if (actorEmail != null) {
            if (actorEmail.length() > 320) {
                errors.add(new FieldError("actor", "must be an account's id or email"));
            }
            try {
                actorId = UUID.fromString(actorEmail);
                actorEmail = null;
            } catch (IllegalArgumentException notAnId) {
                // an email, then
            }
        }
        String targetId = blankToNull(target);
        if (targetId != null && targetId.length() > 200) {
            errors.add(new FieldError("target", "must be at most 200 characters: the id of what was acted on"));
        }
        Long cursor = null;
        String beforeValue = blankToNull(before);
        if (beforeValue != null) {
            try {
                cursor = Long.parseLong(beforeValue);
                if (cursor < 1) {
                    errors.add(new FieldError("before", "must be the 'next' of a previous page"));
                }
            } catch (NumberFormatException e) {
                errors.add(new FieldError("before", "must be the 'next' of a previous page"));
            }
        }
        int pageSize = size == null ? DEFAULT_SIZE : size;
        if (pageSize < 1 || pageSize > MAX_SIZE) {
            errors.add(new FieldError("size", "must be within 1.." + MAX_SIZE));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new AuditQuery(
                wanted, wanted != null && !wanted.contains("."), actorId, actorEmail, targetId, cursor, pageSize);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
