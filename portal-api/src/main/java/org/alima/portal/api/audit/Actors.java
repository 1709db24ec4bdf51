package org.alima.portal.api.audit;

import java.util.Optional;
import java.util.UUID;

/**
 * Who an actor is, as the audit log records it beside their id: answered by the accounts feature, which owns the
 * accounts table, so that the log keeps the email an account had when it acted. Thread-safe.
 */
public interface Actors {

    /** The account's email, or empty when there is no such account. */
    Optional<String> emailOf(UUID account);
}
