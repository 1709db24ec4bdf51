package org.alima.portal.api.system;

import java.nio.file.Path;

/**
 * A portal refused to start on a data directory another portal process runs on: each node of a portal needs its own
 * data directory (its uploads in progress, its caches and, with the embedded engine, its search index); what nodes
 * share is the database, the stored files ({@code PORTAL_FILES_DIR}) and a search cluster. The message is the one
 * line the command line prints.
 */
public final class DataDirectoryInUseException extends RuntimeException {

    DataDirectoryInUseException(Path dataDirectory, Throwable cause) {
        super(
                "another portal process runs on the data directory " + dataDirectory + "; stop it, or give this"
                        + " one its own PORTAL_DATA_DIR (several nodes share PORTAL_DB_URL, PORTAL_FILES_DIR and a"
                        + " search cluster, never a data directory: the embedded search index cannot be shared)",
                cause);
    }
}
