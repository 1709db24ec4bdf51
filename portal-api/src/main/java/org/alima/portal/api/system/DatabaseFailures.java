package org.alima.portal.api.system;

import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.transaction.exceptions.CannotCreateTransactionException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/** Tells a lost or unreachable database apart from other failures, by the SQL state in the cause chain. */
public final class DatabaseFailures {

    private DatabaseFailures() {}

    /**
     * True when the chain holds a connection failure: no connection from the pool in time, none that could be set up
     * for a transaction, SQL state class 08 (connection exception) or 57P (server shutting down, crash shutdown,
     * cannot connect now).
     */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    // No connection could be had or prepared (e.g. one the pool held died with the server).
                    || t instanceof ConnectionException
                    || t instanceof CannotCreateTransactionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P")) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** The innermost message, for a one-line log entry. */
    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
