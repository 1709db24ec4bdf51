package org.alima.portal.api.operations;

/**
 * A backup or a restore could not be made; the message is one line for the operator's terminal, saying what is wrong
 * and what to do. The cause, when there is one, goes to the log only.
 */
final class BackupException extends RuntimeException {

    BackupException(String message) {
        super(message);
    }

    BackupException(String message, Throwable cause) {
        super(message, cause);
    }
}
