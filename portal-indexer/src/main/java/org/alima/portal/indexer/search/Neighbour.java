package org.alima.portal.indexer.search;

/**
 * A document near a query by meaning, as {@link PortalSearch#neighbours} measures it.
 *
 * @param id the document's id
 * @param similarity cosine similarity of the query's vector and the document's (the better of its own vector and its
 *     best passage), -1 to 1, as the quantised vectors give it
 * @param wordsMatch whether the query's words (or their translation) match the document, so that the floor does not
 *     apply to it
 */
public record Neighbour(String id, float similarity, boolean wordsMatch) {}
