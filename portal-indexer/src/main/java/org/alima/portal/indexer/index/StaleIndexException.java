package org.alima.portal.indexer.index;

/** A write was refused because the index was built with another schema version and must be rebuilt first. */
public final class StaleIndexException extends IndexException {

    private final int indexVersion;

    StaleIndexException(java.nio.file.Path directory, int indexVersion) {
        super("the index at " + directory + " has schema version " + indexVersion + " but this software writes version "
                + IndexSchema.VERSION + "; rebuild it from its sources (PortalIndex.rebuild) before adding documents");
        this.indexVersion = indexVersion;
    }

    /** The schema version recorded in the index's last commit (0 when none was recorded). */
    public int indexVersion() {
        return indexVersion;
    }
}
