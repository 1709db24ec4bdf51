package org.alima.portal.api.documents;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** Turns the database constraints that a valid request can still meet into the answers they mean. */
final class Constraints {

    private static final String UNIQUE_VIOLATION = "23505";

    private Constraints() {}

    /** The failure to throw instead of {@code failure}: a translated one, or {@code failure} itself. */
    static RuntimeException translate(RuntimeException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PSQLException sql && sql.getServerErrorMessage() != null) {
                ServerErrorMessage message = sql.getServerErrorMessage();
                String constraint = message.getConstraint() == null ? "" : message.getConstraint();
                if (UNIQUE_VIOLATION.equals(sql.getSQLState()) && constraint.equals("document_files_sha256_key")) {
                    return new SameBytesStoredException(failure);
                }
            }
        }
        return failure;
    }

    /**
     * Another upload stored the same bytes between our check and our insert; the caller looks up the winner once
     * this transaction has rolled back.
     */
    static final class SameBytesStoredException extends RuntimeException {
        SameBytesStoredException(Throwable cause) {
            super("a document with the same SHA-256 was stored concurrently", cause);
        }
    }
}
