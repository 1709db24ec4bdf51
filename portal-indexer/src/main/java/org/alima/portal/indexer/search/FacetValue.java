package org.alima.portal.indexer.search;

/** One value of a facet dimension and how many matching documents have it. */
public record FacetValue(String value, long count) {}
