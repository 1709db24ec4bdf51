package org.alima.portal.indexer.search;

/**
 * A page of a document where the query matches.
 *
 * @param page 1-based page number
 * @param snippet HTML-escaped passage of that page with the matching words in {@code <mark>…</mark>}
 */
public record PageHit(int page, String snippet) {}
