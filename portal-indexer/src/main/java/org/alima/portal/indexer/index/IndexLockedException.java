package org.alima.portal.indexer.index;

/** Another writer (this process or another one) holds the index directory's write lock. */
public final class IndexLockedException extends IndexException {

    IndexLockedException(java.nio.file.Path directory, Throwable cause) {
        super(
                "the index at " + directory + " is already open for writing by another process or another PortalIndex"
                        + " in this one; close it, or open a different directory",
                cause);
    }
}
