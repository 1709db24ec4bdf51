package org.alima.portal.indexer.index;

/**
 * Where an indexed document's text came from, as needed to rebuild the index.
 *
 * @param source the stored source (a file path), or null for metadata-only records
 */
public record IndexedSource(String id, String source) {}
